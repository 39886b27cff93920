import type { ErrorCode } from '@custodian/shared';
import { AppError } from '../errors.js';

/**
 * One broken rule (ADR 0018, "rules return problems"): the field of the record at fault
 * (null for the record as a whole), its stable error code (also the key of its localised
 * message in packages/shared/src/errors.ts), the details a service passes on with the error,
 * and the offending value as the user gave it. A rule function returns every problem it
 * finds; a service throws the first (`throwFirstProblem`), the importer reports them all
 * at their sheet, row and column.
 */
export type Problem = {
  path: string | null;
  code: ErrorCode;
  params?: Record<string, unknown>;
  value?: string | null;
};

/** Throws the first problem as the AppError a service has always answered with; nothing when there is none. */
export function throwFirstProblem(problems: readonly Problem[]): void {
  const [first] = problems;
  if (first) {
    throw new AppError(first.code, first.params);
  }
}
