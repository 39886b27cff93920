import type { AppDeps, RequestContext } from '../../lib/context.js';
import { systemContext } from '../../lib/context.js';
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

const DAY_MS = 24 * 3_600_000;
/** The first run waits a little, so start-up is not slowed by a large delete. */
const FIRST_RUN_DELAY_MS = 60_000;
/**
 * How often the chain head is checkpointed outside the database. Events newer than the
 * last checkpoint can be cut off unnoticed, so this is the window of undetectable loss.
 */
export const CHECKPOINT_INTERVAL_MS = 5 * 60_000;
/** Soon after start-up, so events written by command-line tools meanwhile get anchored. */
const FIRST_CHECKPOINT_DELAY_MS = 10_000;

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
 * Writes a checkpoint of the chain head when it moved; logs a refusal as an error, because
 * it means the newest audit events were deleted. Never throws.
 */
export async function runAuditCheckpoint(
  deps: Pick<AppDeps, 'db' | 'keys' | 'config' | 'log'>,
  reason: 'interval' | 'shutdown',
): Promise<void> {
  try {
    const result = await writeAuditCheckpoint(deps, { reason });
    if (result.status === 'refused') {
      deps.log.error({ finding: result.finding, failure: result.failure }, describeRefusal(result));
    } else if (result.status === 'written') {
      deps.log.debug({ seq: result.checkpoint.seq, reason }, 'audit checkpoint written');
    }
  } catch (err) {
    deps.log.error({ err: err instanceof Error ? err.message : String(err) }, 'audit checkpoint failed');
  }
}

/**
 * Runs the retention prune shortly after start-up and then daily, and writes an audit
 * checkpoint shortly after start-up and then every CHECKPOINT_INTERVAL_MS (only when the
 * head moved). The timers are unref'd so they never keep the process alive; call `stop`
 * on shutdown.
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
  let checkpointing = false;
  const checkpoint = () => {
    if (checkpointing) {
      return;
    }
    checkpointing = true;
    void runAuditCheckpoint(deps, 'interval').finally(() => {
      checkpointing = false;
    });
  };
  const timers = [setTimeout(run, FIRST_RUN_DELAY_MS), setTimeout(checkpoint, FIRST_CHECKPOINT_DELAY_MS)];
  const intervals = [setInterval(run, DAY_MS), setInterval(checkpoint, CHECKPOINT_INTERVAL_MS)];
  for (const timer of [...timers, ...intervals]) {
    timer.unref();
  }
  return {
    stop: () => {
      timers.forEach(clearTimeout);
      intervals.forEach(clearInterval);
    },
  };
}
