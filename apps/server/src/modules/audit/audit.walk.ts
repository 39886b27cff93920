import type { AppDeps } from '../../lib/context.js';
import { checkChainLink, GENESIS_HASH, type ChainCursor, type ChainProblem } from './audit.chain.js';
import { findAuditEventsAfter, findLatestAnchor, type AuditAnchorRow } from './audit.repository.js';

/** The chained event a retention prune appends; it vouches for the anchor the prune wrote. */
export const PRUNE_ACTION = 'audit.prune';
export const DEFAULT_BATCH = 1000;

export type ChainFailure = { seq: number; problem: ChainProblem };

export type ChainWalk = {
  anchor: AuditAnchorRow | undefined;
  checked: number;
  failure: ChainFailure | null;
  /** The last event walked (the head, when the walk did not fail). */
  last: { seq: number; hash: string } | null;
  /** Hashes of the walked events whose seq was asked for in `watch`. */
  hashAt: Map<number, string>;
};

/**
 * An anchor is only trusted when the chain after it holds the record of the prune that
 * wrote it (same seq and hash). Otherwise anyone able to delete rows could also insert an
 * anchor to hide the deletion; they cannot forge the chained prune event without the key.
 */
function vouchesFor(anchor: AuditAnchorRow, row: { action: string; summary: Record<string, unknown> }): boolean {
  return (
    row.action === PRUNE_ACTION &&
    row.summary.anchorSeq === anchor.lastSeq &&
    row.summary.anchorHash === anchor.lastHash
  );
}

/**
 * Walks the chain from the newest retention anchor in seq order, in batches, recomputing
 * every HMAC, and stops at the first event that was edited, deleted or relinked. Records
 * the hash of each event whose seq is in `watch`, for the comparison with checkpoints.
 */
export async function walkChain(
  deps: Pick<AppDeps, 'db' | 'keys'>,
  options: { batchSize: number; watch?: ReadonlySet<number> },
): Promise<ChainWalk> {
  const anchor = await findLatestAnchor(deps.db);
  const cursor: ChainCursor = {
    expectedSeq: (anchor?.lastSeq ?? 0) + 1,
    prevHash: anchor?.lastHash ?? GENESIS_HASH,
  };
  const walk: ChainWalk = { anchor, checked: 0, failure: null, last: null, hashAt: new Map() };
  let isAnchorVouched = false;
  for (;;) {
    const batch = await findAuditEventsAfter(deps.db, cursor.expectedSeq - 1, options.batchSize);
    for (const row of batch) {
      const problem = checkChainLink(deps.keys.auditKey, cursor, row);
      if (problem) {
        walk.failure = { seq: problem === 'gap' ? cursor.expectedSeq : row.seq, problem };
        return walk;
      }
      isAnchorVouched ||= anchor !== undefined && vouchesFor(anchor, row);
      if (options.watch?.has(row.seq)) {
        walk.hashAt.set(row.seq, row.hash);
      }
      walk.checked += 1;
      walk.last = { seq: row.seq, hash: row.hash };
      cursor.expectedSeq = row.seq + 1;
      cursor.prevHash = row.hash;
    }
    if (batch.length < options.batchSize) {
      break;
    }
  }
  if (anchor && !isAnchorVouched) {
    // The events right after the anchor do not link to a legitimate start (or are gone).
    walk.failure = { seq: anchor.lastSeq + 1, problem: walk.checked === 0 ? 'gap' : 'prev_mismatch' };
  }
  return walk;
}
