import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../../errors.js';
import type { ScanUpload } from './scans.service.js';

function isMultipartContentTypeError(err: unknown): boolean {
  return err instanceof Error && (err as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE';
}

/** Parser errors (malformed body, client gone) are the client's; the store's are not. */
async function* clientContent(part: MultipartFile): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of part.file) {
      yield chunk as Uint8Array;
    }
  } catch {
    throw new AppError('VALIDATION_FAILED');
  }
}

/**
 * Reads a multipart scan upload up to its `file` part, which is streamed, not buffered: the
 * service checks the target system before a byte of it is read. The size limit is the
 * service's (SCAN_MAX_BYTES), enforced by the file store as the bytes arrive.
 */
export async function readScanUpload(request: FastifyRequest): Promise<ScanUpload> {
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.destroy();
        throw new AppError('VALIDATION_FAILED');
      }
      const file = part;
      return {
        fileName: file.filename,
        content: clientContent(file),
        isTruncated: () => file.file.truncated,
        discard: () => file.file.destroy(),
      };
    }
  } catch (err) {
    if (err instanceof AppError) {
      throw err;
    }
    throw new AppError(isMultipartContentTypeError(err) ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED');
  }
  throw new AppError('VALIDATION_FAILED');
}
