import type { AuditVerifyResult } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { checkChainLink, GENESIS_HASH, type ChainCursor, type ChainProblem } from './audit.chain.js';
import { findAuditEventsAfter, findLatestAnchor, type AuditAnchorRow } from './audit.repository.js';
import { AUDIT_VERIFIER_ROLES, requireRole } from './audit.service.js';

/** The chained event a retention prune appends; it vouches for the anchor the prune wrote. */
export const PRUNE_ACTION = 'audit.prune';
const DEFAULT_BATCH = 1000;

type Failure = { seq: number; problem: ChainProblem };

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

async function walkChain(
  deps: Pick<AppDeps, 'db' | 'keys'>,
  batchSize: number,
): Promise<{ anchor: AuditAnchorRow | undefined; checked: number; failure: Failure | null }> {
  const anchor = await findLatestAnchor(deps.db);
  const cursor: ChainCursor = {
    expectedSeq: (anchor?.lastSeq ?? 0) + 1,
    prevHash: anchor?.lastHash ?? GENESIS_HASH,
  };
  let checked = 0;
  let isAnchorVouched = false;
  for (;;) {
    const batch = await findAuditEventsAfter(deps.db, cursor.expectedSeq - 1, batchSize);
    for (const row of batch) {
      const problem = checkChainLink(deps.keys.auditKey, cursor, row);
      if (problem) {
        return { anchor, checked, failure: { seq: problem === 'gap' ? cursor.expectedSeq : row.seq, problem } };
      }
      isAnchorVouched ||= anchor !== undefined && vouchesFor(anchor, row);
      checked += 1;
      cursor.expectedSeq = row.seq + 1;
      cursor.prevHash = row.hash;
    }
    if (batch.length < batchSize) {
      break;
    }
  }
  if (anchor && !isAnchorVouched) {
    // The events right after the anchor do not link to a legitimate start (or are gone).
    const seq = anchor.lastSeq + 1;
    return { anchor, checked, failure: { seq, problem: checked === 0 ? 'gap' : 'prev_mismatch' } };
  }
  return { anchor, checked, failure: null };
}

/**
 * Walks the audit chain from the newest retention anchor in seq order, in batches, and
 * recomputes every HMAC. Reports the first event that was edited (hash_mismatch), whose
 * predecessor was deleted (gap) or that does not link to the one before (prev_mismatch).
 * The API and `custodian audit verify` both call this. Like any hash chain it cannot see
 * the newest events being cut off the end: compare the head seq with a backup for that.
 */
export async function verifyAuditChain(
  deps: Pick<AppDeps, 'db' | 'keys'>,
  ctx: RequestContext,
  options: { batchSize?: number } = {},
): Promise<AuditVerifyResult> {
  requireRole(ctx, AUDIT_VERIFIER_ROLES);
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let result = await walkChain(deps, batchSize);
  // A prune running during the walk deletes rows under it; walk again from its new anchor.
  for (let attempt = 0; attempt < 2 && result.failure; attempt += 1) {
    const latest = await findLatestAnchor(deps.db);
    if ((latest?.lastSeq ?? 0) === (result.anchor?.lastSeq ?? 0)) {
      break;
    }
    result = await walkChain(deps, batchSize);
  }
  return {
    ok: result.failure === null,
    checked: result.checked,
    firstBadSeq: result.failure?.seq ?? null,
    problem: result.failure?.problem ?? null,
    anchorSeq: result.anchor?.lastSeq ?? null,
  };
}
