import { z } from 'zod';
import { PageQuerySchema, pageOf } from './pagination.js';
import { AttachmentOwnerTypeSchema } from './registry-enums.js';

/** Longest file name kept (characters, after sanitising). */
export const ATTACHMENT_FILE_NAME_MAX = 255;

/**
 * The content types accepted, as detected from the bytes (never from the name or the
 * browser's claim), with the label the UI shows and the extensions the file picker offers.
 * Plain text and CSV have no magic number: they are accepted when the content is valid
 * UTF-8 without NUL bytes. Archives (ZIP) are not accepted, since their contents would
 * escape the executable check.
 */
export const ATTACHMENT_TYPES = [
  { mime: 'application/pdf', label: 'PDF', extensions: ['.pdf'] },
  { mime: 'image/png', label: 'PNG', extensions: ['.png'] },
  { mime: 'image/jpeg', label: 'JPEG', extensions: ['.jpg', '.jpeg'] },
  { mime: 'image/gif', label: 'GIF', extensions: ['.gif'] },
  { mime: 'image/webp', label: 'WebP', extensions: ['.webp'] },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'DOCX',
    extensions: ['.docx'],
  },
  { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'XLSX', extensions: ['.xlsx'] },
  {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PPTX',
    extensions: ['.pptx'],
  },
  { mime: 'application/vnd.oasis.opendocument.text', label: 'ODT', extensions: ['.odt'] },
  { mime: 'application/vnd.oasis.opendocument.spreadsheet', label: 'ODS', extensions: ['.ods'] },
  { mime: 'application/vnd.oasis.opendocument.presentation', label: 'ODP', extensions: ['.odp'] },
  { mime: 'text/csv', label: 'CSV', extensions: ['.csv'] },
  { mime: 'text/plain', label: 'TXT', extensions: ['.txt'] },
] as const satisfies readonly { mime: string; label: string; extensions: readonly string[] }[];

export type AttachmentMimeType = (typeof ATTACHMENT_TYPES)[number]['mime'];

/** Short label for a stored MIME type, e.g. "PDF". */
export function attachmentTypeLabel(mime: string): string {
  return ATTACHMENT_TYPES.find((t) => t.mime === mime)?.label ?? mime;
}

export const AttachmentSchema = z.object({
  id: z.uuid().describe('Attachment id'),
  ownerType: AttachmentOwnerTypeSchema,
  ownerId: z.uuid().describe('Id of the record the file hangs on'),
  fileName: z.string().describe('Original file name, sanitised (at most 255 characters)'),
  mimeType: z.string().describe('MIME type detected from the content'),
  sizeBytes: z.number().int().describe('Size in bytes'),
  sha256: z.string().describe('SHA-256 of the content, lower-case hex'),
  uploadedBy: z.uuid().nullable().describe('Uploading user; null when that account was deleted'),
  uploadedByName: z.string().nullable().describe('Name of the uploading user'),
  createdAt: z.string().describe('Upload time (ISO 8601, UTC)'),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** The record a file hangs on, as multipart fields (they must come before the file part). */
export const AttachmentOwnerSchema = z.object({
  ownerType: AttachmentOwnerTypeSchema,
  ownerId: z.uuid().describe('Id of the record the file hangs on'),
});
export type AttachmentOwner = z.infer<typeof AttachmentOwnerSchema>;

/** GET /api/v1/attachments/owner-types: the records files may hang on, as the modules registered them. */
export const AttachmentOwnerTypeListSchema = z.object({
  items: z.array(AttachmentOwnerTypeSchema).describe('Owner types, sorted'),
});
export type AttachmentOwnerTypeList = z.infer<typeof AttachmentOwnerTypeListSchema>;

/** GET /api/v1/attachments */
export const AttachmentListQuerySchema = PageQuerySchema.extend(AttachmentOwnerSchema.shape);
export type AttachmentListQuery = z.infer<typeof AttachmentListQuerySchema>;

export const AttachmentListSchema = pageOf(AttachmentSchema).extend({
  maxBytes: z.number().int().describe('Largest file the server accepts, in bytes'),
});
export type AttachmentList = z.infer<typeof AttachmentListSchema>;
