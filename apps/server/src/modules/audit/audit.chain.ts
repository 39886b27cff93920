import canonicalize from 'canonicalize';
import { hmacHex } from '../../lib/crypto.js';

/** Hash of the (empty) chain before its first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit event covered by its hash. */
export type ChainedFields = {
  seq: number;
  id: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorLabel: string;
  orgId: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: Record<string, unknown>;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
};

/** HMAC-SHA256 over the previous hash and the RFC 8785 canonical JSON of the event. */
export function computeEventHash(key: Buffer, prevHash: string, event: ChainedFields): string {
  const body = canonicalize({ ...event, occurredAt: event.occurredAt.toISOString() }) ?? '';
  return hmacHex(key, `${prevHash}\n${body}`);
}

/** A stored event: the hashed fields plus the two hashes. */
export type ChainedRow = ChainedFields & { prevHash: string; hash: string };

export type ChainProblem = 'hash_mismatch' | 'gap' | 'prev_mismatch';

/** Where a walk along the chain stands: the seq and prev_hash the next event must have. */
export type ChainCursor = { expectedSeq: number; prevHash: string };

/**
 * Checks one stored event against the chain walked so far. A deleted row shows as a
 * gap (or, if seqs were rewritten, a prev_hash that does not link); an edited row as a
 * hash that no longer matches its content.
 */
export function checkChainLink(key: Buffer, cursor: ChainCursor, row: ChainedRow): ChainProblem | null {
  if (row.seq !== cursor.expectedSeq) {
    return 'gap';
  }
  if (row.prevHash !== cursor.prevHash) {
    return 'prev_mismatch';
  }
  // Pick the hashed fields explicitly: a row with extra columns must hash the same.
  const fields: ChainedFields = {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt,
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    orgId: row.orgId,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    summary: row.summary,
    ip: row.ip,
    userAgent: row.userAgent,
    requestId: row.requestId,
  };
  return computeEventHash(key, row.prevHash, fields) === row.hash ? null : 'hash_mismatch';
}
