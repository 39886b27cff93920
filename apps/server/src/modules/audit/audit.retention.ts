import type { AppDeps, RequestContext } from '../../lib/context.js';
import {
  deleteAuditEventsThrough,
  findLastEventBefore,
  insertAuditAnchor,
  lockAuditChain,
} from './audit.repository.js';
import { describeRefusal, writeAuditCheckpoint } from './audit.anchor.js';
import { recordAudit } from './audit.service.js';
import { PRUNE_ACTION } from './audit.walk.js';

export type PruneResult = { pruned: number; cutoff: string; anchorSeq: number | null };

/** The oldest time kept: `now` minus the retention in calendar months (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Deletes audit events older than AUDIT_RETENTION_MONTHS (at least 6, item 三十七) in one
 * transaction, and writes an anchor holding the last pruned seq and hash plus a chained
 * `audit.prune` event, so that verification still starts from a trusted point. The job
 * runner calls it nightly (`audit.jobs.ts`), and `custodian audit prune` on demand.
 */
export async function pruneAuditEvents(
  deps: Pick<AppDeps, 'db' | 'keys' | 'config'>,
  options: { ctx: RequestContext },
): Promise<PruneResult> {
  const { ctx } = options;
  const cutoff = retentionCutoff(ctx.now, deps.config.AUDIT_RETENTION_MONTHS);
  return deps.db.transaction(async (tx) => {
    await lockAuditChain(tx);
    const last = await findLastEventBefore(tx, cutoff);
    if (!last) {
      return { pruned: 0, cutoff: cutoff.toISOString(), anchorSeq: null };
    }
    const pruned = await deleteAuditEventsThrough(tx, last.seq);
    await insertAuditAnchor(tx, { lastSeq: last.seq, lastHash: last.hash, prunedCount: pruned });
    await recordAudit(tx, deps, ctx, {
      action: PRUNE_ACTION,
      targetType: 'audit_log',
      summary: {
        anchorSeq: last.seq,
        anchorHash: last.hash,
        prunedCount: pruned,
        cutoff: cutoff.toISOString(),
        retentionMonths: deps.config.AUDIT_RETENTION_MONTHS,
      },
    });
    return { pruned, cutoff: cutoff.toISOString(), anchorSeq: last.seq };
  });
}

/**
 * Writes a checkpoint of the chain head, dated `now`, when it moved; logs a refusal as an error, because
 * it means the newest audit events were deleted. Never throws.
 */
export async function runAuditCheckpoint(
  deps: Pick<AppDeps, 'db' | 'keys' | 'config' | 'log'>,
  reason: 'interval' | 'shutdown',
  now: Date,
): Promise<void> {
  try {
    const result = await writeAuditCheckpoint(deps, { reason, now });
    if (result.status === 'refused') {
      deps.log.error({ finding: result.finding, failure: result.failure }, describeRefusal(result));
    } else if (result.status === 'written') {
      deps.log.debug({ seq: result.checkpoint.seq, reason }, 'audit checkpoint written');
    }
  } catch (err) {
    deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'audit checkpoint failed');
  }
}
