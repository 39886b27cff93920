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
