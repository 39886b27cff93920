import type { Attachment } from '@custodian/shared';
import type { AttachmentWithUploader } from './attachments.repository.js';

/** Maps a row to the API shape; the storage key never leaves the server. */
export function presentAttachment(row: AttachmentWithUploader): Attachment {
  return {
    id: row.id,
    ownerType: row.ownerType,
    ownerId: row.ownerId,
    fileName: row.fileName,
    mimeType: row.mimeType,
    sizeBytes: row.sizeBytes,
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedByName: row.uploadedByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/** RFC 5987 attr-chars pass; everything else, including what encodeURIComponent leaves, is escaped. */
function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

/**
 * `attachment` with an ASCII fallback name and the UTF-8 name (RFC 6266 / RFC 5987), so
 * 風險評估.pdf arrives as 風險評估.pdf, and the browser saves rather than renders it.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

/** The strong validator of an attachment: its SHA-256. */
export function attachmentEtag(sha256: string): string {
  return `"${sha256}"`;
}

/** Response headers for a download. */
export function downloadHeaders(row: AttachmentWithUploader): Record<string, string> {
  const isText = row.mimeType.startsWith('text/');
  return {
    'content-type': isText ? `${row.mimeType}; charset=utf-8` : row.mimeType,
    'content-length': String(row.sizeBytes),
    'content-disposition': contentDisposition(row.fileName),
    'x-content-type-options': 'nosniff',
    // Should it ever be opened in place, it runs nothing and loads nothing.
    'content-security-policy': "default-src 'none'; sandbox",
    'cache-control': 'private, no-cache',
    etag: attachmentEtag(row.sha256),
    'repr-digest': `sha-256=:${Buffer.from(row.sha256, 'hex').toString('base64')}:`,
  };
}
