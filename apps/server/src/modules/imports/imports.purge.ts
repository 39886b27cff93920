import type { AppDeps } from '../../lib/context.js';
import { purgeExpiredImportRows } from './imports.repository.js';

/**
 * Drops the rows kept for previews that expired unconfirmed by `now` (IMPORT_LIMITS.previewHours
 * after upload), so uploaded personal data does not outlive its preview. The job stays, with
 * its counts and errors, and reads as expired. Run hourly by the job runner (`imports.jobs.ts`).
 */
export async function purgeExpiredImports(deps: Pick<AppDeps, 'db'>, now: Date): Promise<{ purged: number }> {
  return { purged: await purgeExpiredImportRows(deps.db, now) };
}
