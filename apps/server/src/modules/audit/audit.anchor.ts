import type { Executor } from '../../db/client.js';
import type { AppDeps } from '../../lib/context.js';
import type { KeyRing } from '../../lib/crypto.js';
import { loadCheckpoints, storeCheckpoint } from './audit.anchor-store.js';
import {
  compareWithCheckpoints,
  currentEpoch,
  referenceCheckpoint,
  signCheckpoint,
  type AuditCheckpoint,
  type CheckpointFinding,
  type CheckpointReason,
} from './audit.checkpoint.js';
import {
  countEventsThrough,
  findAuditEventBySeq,
  findChainHead,
  findLatestAnchor,
  findNewestEvent,
} from './audit.repository.js';
import { DEFAULT_BATCH, walkChain, type ChainFailure } from './audit.walk.js';

export type CheckpointDeps = Pick<AppDeps, 'db' | 'keys' | 'config'>;

export type CheckpointWriteResult =
  | { status: 'written'; checkpoint: AuditCheckpoint }
  /** The head has not moved since the newest checkpoint. */
  | { status: 'unchanged'; checkpoint: AuditCheckpoint }
  /** The chain holds no event yet: nothing to vouch for. */
  | { status: 'empty' }
  /** The chain no longer reaches the newest checkpoint: signing its head would hide that. */
  | { status: 'refused'; finding: CheckpointFinding | null; failure: ChainFailure | null };

/**
 * Whether the chain still reaches the reference checkpoint. Cheap in the usual case: the
 * event at the checkpoint's seq must carry its hash (events after it are checked by
 * verification, which a new checkpoint does not vouch around). When retention pruned past
 * the checkpoint, the anchor is only trusted after a full walk shows the prune vouching
 * for it, because an anchor row is as easy to insert as to delete.
 */
async function checkDescent(
  deps: CheckpointDeps,
  reference: AuditCheckpoint,
): Promise<{ finding: CheckpointFinding | null; failure: ChainFailure | null }> {
  const anchor = await findLatestAnchor(deps.db);
  if (anchor && reference.seq <= anchor.lastSeq) {
    const walk = await walkChain(deps, { batchSize: DEFAULT_BATCH });
    if (walk.failure) {
      return { finding: null, failure: walk.failure };
    }
    const facts = { anchor: { seq: anchor.lastSeq, hash: anchor.lastHash }, head: walk.last, hashAt: new Map() };
    return { finding: compareWithCheckpoints(facts, [reference]), failure: null };
  }
  const event = await findAuditEventBySeq(deps.db, reference.seq);
  const facts = {
    anchor: anchor ? { seq: anchor.lastSeq, hash: anchor.lastHash } : null,
    head: (await findNewestEvent(deps.db)) ?? null,
    hashAt: new Map(event ? [[event.seq, event.hash]] : []),
  };
  return { finding: compareWithCheckpoints(facts, [reference]), failure: null };
}

/**
 * The chain's head as `db` sees it (pass a transaction for a snapshot), or null when the
 * chain holds no event yet.
 */
export async function findAuditChainHead(db: Executor): Promise<{ seq: number; hash: string } | null> {
  const head = await findChainHead(db);
  return head && head.seq > 0 ? head : null;
}

/**
 * A signed checkpoint of the chain's head as `db` sees it, dated `now`, not stored anywhere: what a
 * backup puts in its manifest (from inside its snapshot transaction).
 */
export async function signChainHead(
  db: Executor,
  keys: KeyRing,
  options: { reason: CheckpointReason; now: Date },
): Promise<AuditCheckpoint | null> {
  const head = await findAuditChainHead(db);
  if (!head) {
    return null;
  }
  return signCheckpoint(keys, {
    seq: head.seq,
    hash: head.hash,
    count: await countEventsThrough(db, head.seq),
    at: options.now,
    reason: options.reason,
  });
}

/**
 * Signs the audit chain's head and stores it outside the database (DATA_DIR/audit-anchors
 * and AUDIT_ANCHOR_DIR), so that deleting the newest events is detected by verification.
 * Writes only when the head moved, and refuses when the chain no longer reaches the newest
 * checkpoint (tail deleted, or deleted and chained on again): the caller logs that. A
 * `restore` checkpoint is the exception: a restore replaces the data on purpose and starts
 * a new history, which later checkpoints and verification then build on.
 */
export async function writeAuditCheckpoint(
  deps: CheckpointDeps,
  options: { reason: CheckpointReason; now: Date },
): Promise<CheckpointWriteResult> {
  const stored = await loadCheckpoints(deps.keys, deps.config, { newestOnly: true });
  const reference = options.reason === 'restore' ? undefined : referenceCheckpoint(currentEpoch(stored.valid));
  if (reference) {
    const descent = await checkDescent(deps, reference);
    if (descent.finding || descent.failure) {
      return { status: 'refused', ...descent };
    }
  }
  const head = await findAuditChainHead(deps.db);
  if (reference && head && reference.seq === head.seq && reference.hash === head.hash) {
    // Checked before signing, so an idle system costs one indexed read per interval.
    return { status: 'unchanged', checkpoint: reference };
  }
  const checkpoint = await signChainHead(deps.db, deps.keys, options);
  if (!checkpoint) {
    return { status: 'empty' };
  }
  await storeCheckpoint(deps.config, checkpoint);
  return { status: 'written', checkpoint };
}

/** One line for logs and the command line about a refused checkpoint. */
export function describeRefusal(result: Extract<CheckpointWriteResult, { status: 'refused' }>): string {
  if (result.finding) {
    const { from, to, checkpoint } = result.finding;
    const what = result.finding.problem === 'events_missing' ? 'missing' : 'replaced';
    return `audit events ${from}–${to} ${what} after checkpoint at seq ${checkpoint.seq} (${checkpoint.at}); no new checkpoint written`;
  }
  return `audit event seq ${result.failure?.seq} fails (${result.failure?.problem}); no new checkpoint written`;
}
