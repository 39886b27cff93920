import type { AppDeps, RequestContext } from '../../lib/context.js';
import { systemContext } from '../../lib/context.js';
import {
  deleteAuditEventsThrough,
  findLastEventBefore,
  insertAuditAnchor,
  lockAuditChain,
} from './audit.repository.js';
import { recordAudit } from './audit.service.js';
import { PRUNE_ACTION } from './audit.verify.js';

export type PruneResult = { pruned: number; cutoff: string; anchorSeq: number | null };

const DAY_MS = 24 * 3_600_000;
/** The first run waits a little, so start-up is not slowed by a large delete. */
const FIRST_RUN_DELAY_MS = 60_000;

/** The oldest time kept: `now` minus the retention in calendar months (UTC). */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  return cutoff;
}

/**
 * Deletes audit events older than AUDIT_RETENTION_MONTHS (at least 6, item 三十七) in one
 * transaction, and writes an anchor holding the last pruned seq and hash plus a chained
 * `audit.prune` event, so that verification still starts from a trusted point.
 */
export async function pruneAuditEvents(
  deps: Pick<AppDeps, 'db' | 'keys' | 'config'>,
  options: { now?: Date; ctx?: RequestContext } = {},
): Promise<PruneResult> {
  const cutoff = retentionCutoff(options.now ?? new Date(), deps.config.AUDIT_RETENTION_MONTHS);
  const ctx = options.ctx ?? systemContext('retention');
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
 * Runs the retention prune shortly after start-up and then daily. The timers are
 * unref'd so they never keep the process alive; call `stop` on shutdown.
 */
export function startAuditRetention(deps: Pick<AppDeps, 'db' | 'keys' | 'config' | 'log'>): { stop(): void } {
  let running = false;
  const run = () => {
    if (running) {
      return;
    }
    running = true;
    pruneAuditEvents(deps)
      .then((result) => {
        if (result.pruned > 0) {
          deps.log.info(result, 'audit events pruned by retention');
        }
      })
      .catch((err: unknown) => {
        deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'audit retention prune failed');
      })
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(run, FIRST_RUN_DELAY_MS);
  const daily = setInterval(run, DAY_MS);
  first.unref();
  daily.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(daily);
    },
  };
}
