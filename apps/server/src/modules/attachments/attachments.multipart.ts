import type { FastifyRequest } from 'fastify';
import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../../errors.js';
import type { UploadInput } from './attachments.service.js';

/**
 * Limits for the multipart parser of the attachments routes: one file, the two owner
 * fields, small headers. The file limit is one byte above the configured maximum, so that
 * a file over it reaches the store's own check (which stops reading and discards it)
 * instead of arriving silently truncated.
 */
export function multipartLimits(maxBytes: number) {
  return {
    files: 1,
    fields: 4,
    fieldNameSize: 64,
    fieldSize: 256,
    parts: 6,
    headerPairs: 20,
    fileSize: maxBytes + 1,
  };
}

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
 * Reads a multipart upload up to its file part: `ownerType` and `ownerId` fields, then
 * `file`. Only fields that arrive before the file count: the file is streamed, not
 * buffered, and its owner is checked before a byte of it is read.
 */
export async function readUpload(request: FastifyRequest): Promise<UploadInput> {
  const fields = new Map<string, string>();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string' && !part.valueTruncated) {
          fields.set(part.fieldname, part.value);
        }
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.destroy();
        throw new AppError('VALIDATION_FAILED');
      }
      const file = part;
      return {
        ownerType: fields.get('ownerType'),
        ownerId: fields.get('ownerId'),
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
