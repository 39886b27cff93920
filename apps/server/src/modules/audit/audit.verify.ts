import type { AuditVerifyResult } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { loadCheckpoints } from './audit.anchor-store.js';
import {
  compareWithCheckpoints,
  currentEpoch,
  referenceCheckpoint,
  type AuditCheckpoint,
  type CheckpointFinding,
} from './audit.checkpoint.js';
import { findLatestAnchor, findNewestEvent } from './audit.repository.js';
import { requirePermission } from '../../lib/permissions.js';
import { DEFAULT_BATCH, walkChain, type ChainWalk } from './audit.walk.js';

/** The API's result, plus what only the command line shows: where the forged files are. */
export type AuditVerifyReport = AuditVerifyResult & {
  invalidCheckpointFiles: string[];
  foreignCheckpoints: number;
};

/**
 * Compares the walked chain with the checkpoints. After a clean walk the whole comparison
 * holds; after a failed one only what the table's newest seq proves (events above it are
 * missing), since the walk stopped before the head.
 */
async function findCheckpointProblem(
  deps: Pick<AppDeps, 'db'>,
  walk: ChainWalk,
  epoch: AuditCheckpoint[],
): Promise<CheckpointFinding | null> {
  const anchor = walk.anchor ? { seq: walk.anchor.lastSeq, hash: walk.anchor.lastHash } : null;
  if (!walk.failure) {
    return compareWithCheckpoints({ anchor, head: walk.last, hashAt: walk.hashAt }, epoch);
  }
  const finding = compareWithCheckpoints(
    { anchor, head: (await findNewestEvent(deps.db)) ?? null, hashAt: new Map() },
    epoch,
  );
  return finding?.problem === 'events_missing' ? finding : null;
}

/**
 * Verifies the audit trail. Walks the chain from the newest retention anchor in seq order,
 * in batches, recomputing every HMAC, and reports the first event that was edited
 * (hash_mismatch), whose predecessor was deleted (gap) or that does not link to the one
 * before (prev_mismatch). A chain alone cannot show its newest events being cut off, so
 * the table is then compared with the signed checkpoints kept outside the database
 * (DATA_DIR/audit-anchors, AUDIT_ANCHOR_DIR): events up to the newest checkpoint that are
 * gone are `events_missing`, events there that are not the ones signed `events_replaced`,
 * and a checkpoint file whose HMAC fails is `checkpoint_invalid`. The API and
 * `custodian audit verify` both call this.
 */
export async function verifyAuditChain(
  deps: Pick<AppDeps, 'db' | 'keys' | 'config'>,
  ctx: RequestContext,
  options: { batchSize?: number } = {},
): Promise<AuditVerifyReport> {
  requirePermission(ctx, 'audit.verify');
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  const stored = await loadCheckpoints(deps.keys, deps.config);
  const epoch = currentEpoch(stored.valid);
  const watch = new Set(epoch.map((c) => c.seq));
  let walk = await walkChain(deps, { batchSize, watch });
  // A prune running during the walk deletes rows under it; walk again from its new anchor.
  for (let attempt = 0; attempt < 2 && walk.failure; attempt += 1) {
    const latest = await findLatestAnchor(deps.db);
    if ((latest?.lastSeq ?? 0) === (walk.anchor?.lastSeq ?? 0)) {
      break;
    }
    walk = await walkChain(deps, { batchSize, watch });
  }
  const finding = await findCheckpointProblem(deps, walk, epoch);
  const reference = finding?.checkpoint ?? referenceCheckpoint(epoch);
  const problem =
    walk.failure?.problem ?? finding?.problem ?? (stored.invalid.length > 0 ? 'checkpoint_invalid' : null);
  return {
    ok: problem === null,
    checked: walk.checked,
    firstBadSeq: walk.failure?.seq ?? finding?.from ?? null,
    problem,
    anchorSeq: walk.anchor?.lastSeq ?? null,
    checkpoint: reference ? { seq: reference.seq, at: reference.at } : null,
    tail: finding ? { from: finding.from, to: finding.to } : null,
    invalidCheckpoints: stored.invalid.length,
    invalidCheckpointFiles: stored.invalid,
    foreignCheckpoints: stored.foreign,
  };
}
