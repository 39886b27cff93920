import { IMPORT_LIMITS, type ImportErrorQuery, type ImportJob, type ImportJobDetail } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { sqlState } from '../../db/errors.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { requireActor } from '../../lib/tenancy.js';
import { orgRecordsChanged } from '../../lib/record-changes.js';
import { recordAudit } from '../audit/audit.service.js';
import { findMinistryOrganisation } from '../organisations/organisations.service.js';
import { buildImportPlan, writeImportPlan } from './imports.plan.js';
import { presentImportJob, presentImportJobDetail, sortRowErrors } from './imports.presenter.js';
import { readUpload } from './imports.read.js';
import {
  closeImportJob,
  lockImportCommits,
  findImportJob,
  insertImportJob,
  type ImportJobRow,
} from './imports.repository.js';
import { resolveImport } from './imports.resolve.js';
import { checkRows, keysOfRows } from './imports.rows.js';
import { emptyRows, type ImportRows } from './imports.types.js';

/**
 * Bulk onboarding (issue 3, part 9): upload → preview with per-row errors → commit all or
 * nothing, or discard. A preview writes only its job; the commit writes every record of
 * the file in one transaction with one audit event.
 */
export type ImportUpload = { buffer: Buffer; fileName: string; sheet?: string };

const FIRST_PAGE: ImportErrorQuery = { page: 1, pageSize: 50 };

/** Reads, checks and resolves an upload and stores it as a preview job. Nothing else is written. */
export async function previewImport(
  deps: AppDeps,
  ctx: RequestContext,
  upload: ImportUpload,
): Promise<ImportJobDetail> {
  const actor = requireActor(ctx.actor);
  const raw = await readUpload(upload.buffer, upload.sheet);
  const checked = checkRows(raw, taipeiToday(ctx.now));
  const total = Object.values(checked.counts).reduce((n, c) => n + c, 0);
  if (total === 0 && checked.errors.length === 0) {
    throw new AppError('FILE_EMPTY');
  }
  const resolved = await resolveImport(deps.db, actor, checked.rows, checked.keys);
  const errors = sortRowErrors([...checked.errors, ...resolved.errors]);
  const fileName = upload.fileName.slice(0, 255) || `import.${raw.format}`;
  const job = await deps.db.transaction(async (tx) => {
    const row = await insertImportJob(tx, {
      createdBy: actor.userId,
      fileName,
      format: raw.format,
      counts: checked.counts,
      errorCount: errors.length,
      errors: errors.slice(0, IMPORT_LIMITS.maxStoredErrors),
      // Rows are kept only for a job that can be committed.
      rows: errors.length === 0 ? checked.rows : {},
      expiresAt: new Date(ctx.now.getTime() + IMPORT_LIMITS.previewHours * 3_600_000),
    });
    await recordAudit(tx, deps, ctx, {
      action: 'import.preview',
      orgId: actor.orgId,
      targetType: 'import_job',
      targetId: row.id,
      summary: { fileName, format: raw.format, counts: checked.counts, errorCount: errors.length },
    });
    return row;
  });
  return presentImportJobDetail(job, FIRST_PAGE, ctx.locale, ctx.now);
}

/** A job of the caller; anyone else's is NOT_FOUND, as records outside scope are. */
async function loadOwnJob(deps: AppDeps, ctx: RequestContext, id: string): Promise<ImportJobRow> {
  const actor = requireActor(ctx.actor);
  const job = await findImportJob(deps.db, id);
  if (!job || job.createdBy !== actor.userId) {
    throw new AppError('NOT_FOUND');
  }
  return job;
}

/** The job with one page of its errors. */
export async function getImportJob(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  query: ImportErrorQuery,
): Promise<ImportJobDetail> {
  return presentImportJobDetail(await loadOwnJob(deps, ctx, id), query, ctx.locale, ctx.now);
}

/** Constraint violations (unique, foreign key, check) mean the data changed under the preview. */
function isConflict(err: unknown): boolean {
  const state = sqlState(err);
  return state !== undefined && state.startsWith('23');
}

/**
 * Writes every row of an error-free preview in one transaction: commits take turns (an
 * advisory lock), the job is claimed first (a second commit finds it closed), every
 * reference is resolved again against the data as it is now, and any row that no longer
 * fits rolls everything back with IMPORT_CONFLICT.
 */
export async function commitImport(deps: AppDeps, ctx: RequestContext, id: string): Promise<ImportJob> {
  const actor = requireActor(ctx.actor);
  const job = await loadOwnJob(deps, ctx, id);
  const current = presentImportJob(job, ctx.now);
  if (current.status !== 'preview') {
    throw new AppError('IMPORT_NOT_PENDING');
  }
  if (job.errorCount > 0) {
    throw new AppError('IMPORT_HAS_ERRORS');
  }
  const rows: ImportRows = { ...emptyRows(), ...(job.rows as Partial<ImportRows>) };
  const today = taipeiToday(ctx.now);
  const policy = await policyInForce(deps.db, today);
  try {
    const committed = await deps.db.transaction(async (tx) => {
      await lockImportCommits(tx);
      const claimed = await closeImportJob(tx, id, 'committed', ctx.now);
      if (!claimed) {
        throw new AppError('IMPORT_NOT_PENDING');
      }
      const resolved = await resolveImport(tx, actor, rows, keysOfRows(rows));
      if (resolved.errors.length > 0) {
        throw new AppError('IMPORT_CONFLICT', { errors: sortRowErrors(resolved.errors).slice(0, 20) });
      }
      const ministry = await findMinistryOrganisation(tx);
      if (!ministry) {
        throw new AppError('INTERNAL', { reason: 'no ministry organisation' });
      }
      const { plan, counts } = buildImportPlan({ rows, resolved, ministryId: ministry.id });
      const userId = actor.via === 'system' ? null : actor.userId;
      await writeImportPlan(tx, { plan, policy, today, userId });
      await recordAudit(tx, deps, ctx, {
        action: 'import.commit',
        orgId: actor.orgId,
        targetType: 'import_job',
        targetId: id,
        summary: { fileName: job.fileName, counts, policyVersion: policy.version },
      });
      await orgRecordsChanged(tx, deps, {
        orgIds: [...plan.contracts.map((c) => c.unitId), ...plan.systems.map((s) => s.orgId)],
        now: ctx.now,
      });
      return claimed;
    });
    return presentImportJob(committed, ctx.now);
  } catch (err) {
    if (isConflict(err)) {
      throw new AppError('IMPORT_CONFLICT');
    }
    throw err;
  }
}

/** Drops a pending preview; its stored rows go with it. */
export async function discardImport(deps: AppDeps, ctx: RequestContext, id: string): Promise<ImportJob> {
  const actor = requireActor(ctx.actor);
  const job = await loadOwnJob(deps, ctx, id);
  const discarded = await deps.db.transaction(async (tx) => {
    const closed = await closeImportJob(tx, id, 'discarded', ctx.now);
    if (!closed) {
      throw new AppError('IMPORT_NOT_PENDING');
    }
    await recordAudit(tx, deps, ctx, {
      action: 'import.discard',
      orgId: actor.orgId,
      targetType: 'import_job',
      targetId: id,
      summary: { fileName: job.fileName },
    });
    return closed;
  });
  return presentImportJob(discarded, ctx.now);
}
