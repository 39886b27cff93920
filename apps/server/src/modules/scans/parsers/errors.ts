import type { ScanFileReason } from '@custodian/shared';
import { AppError } from '../../../errors.js';
import type { ScanFormat } from './types.js';

/**
 * A refusal of the file: `SCAN_FILE_INVALID` with `{ format?, reason, detail? }`, the reason
 * one of SCAN_FILE_REASONS (packages/shared/src/scan-file-reasons.ts), `detail` a short
 * English hint for logs and the command line (an element or field name, a line number),
 * never file content beyond a name.
 */
export function refuse(format: ScanFormat | undefined, reason: ScanFileReason, detail?: string): AppError {
  return new AppError('SCAN_FILE_INVALID', {
    ...(format ? { format } : {}),
    reason,
    ...(detail ? { detail: detail.slice(0, 200) } : {}),
  });
}

export const isRefusal = (err: unknown): err is AppError => err instanceof AppError && err.code === 'SCAN_FILE_INVALID';
