import type { FailedJob, FailedJobQuery } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { jobErrorMessage } from '../../lib/jobs.js';
import { requirePermission } from '../../lib/permissions.js';
import { countOpenJobs, findFailedJobs, type FailedJobRow, type OpenJobCount } from './jobs.repository.js';

function iso(value: Date | string): string {
  return new Date(value).toISOString();
}

function presentFailedJob(row: FailedJobRow): FailedJob {
  return {
    id: row.id,
    name: row.name,
    error: jobErrorMessage(row.output),
    attempts: row.retryCount + 1,
    createdAt: iso(row.createdOn),
    failedAt: row.completedOn === null ? null : iso(row.completedOn),
  };
}

/** Jobs that failed after their last retry, newest first (ministry_admin). */
export async function listFailedJobs(
  deps: Pick<AppDeps, 'db'>,
  ctx: RequestContext,
  query: FailedJobQuery,
): Promise<{ items: FailedJob[]; total: number; page: number; pageSize: number }> {
  requirePermission(ctx, 'jobs.read');
  const { rows, total } = await findFailedJobs(deps.db, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(presentFailedJob), total, page: query.page, pageSize: query.pageSize };
}

/** The backlog per queue, for /metrics. */
export async function countQueuedJobs(deps: Pick<AppDeps, 'db'>): Promise<OpenJobCount[]> {
  return countOpenJobs(deps.db);
}
