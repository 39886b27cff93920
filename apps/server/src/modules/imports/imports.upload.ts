import type { FastifyRequest } from 'fastify';
import { IMPORT_LIMITS } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { ImportUpload } from './imports.service.js';

/** Multipart limits of an import upload: one file field, the optional `sheet` field. */
export const UPLOAD_LIMITS = {
  fileSize: IMPORT_LIMITS.maxFileBytes,
  files: 1,
  fields: 4,
  fieldSize: 1024,
  parts: 6,
} as const;

const errorCode = (err: unknown) =>
  err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? err.code : undefined;

/**
 * Reads `file` (and `sheet`) from a multipart request into memory, at most
 * IMPORT_LIMITS.maxFileBytes. Refuses a request that is not multipart or has no file.
 */
export async function readImportUpload(request: FastifyRequest): Promise<ImportUpload> {
  if (!request.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  }
  let upload: { buffer: Buffer; fileName: string } | undefined;
  let sheet: string | undefined;
  try {
    for await (const part of request.parts({ limits: UPLOAD_LIMITS })) {
      if (part.type === 'file') {
        const buffer = await part.toBuffer();
        if (part.fieldname === 'file' && !upload) {
          upload = { buffer, fileName: part.filename };
        }
      } else if (part.fieldname === 'sheet' && typeof part.value === 'string' && part.value.trim() !== '') {
        sheet = part.value.trim();
      }
    }
  } catch (err) {
    if (err instanceof AppError) {
      throw err;
    }
    throw new AppError(errorCode(err) === 'FST_REQ_FILE_TOO_LARGE' ? 'FILE_TOO_LARGE' : 'IMPORT_FILE_INVALID', {
      reason: errorCode(err) ?? 'multipart',
    });
  }
  if (!upload) {
    throw new AppError('VALIDATION_FAILED', { field: 'file' });
  }
  if (upload.buffer.length === 0) {
    throw new AppError('FILE_EMPTY');
  }
  return { ...upload, ...(sheet ? { sheet } : {}) };
}
