import { desc, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditAnchors, auditEvents } from '../../db/schema/index.js';

/** Arbitrary constant for the advisory lock that serialises writes to the chain. */
const AUDIT_CHAIN_LOCK = 0x4355_5354;

/** Serialises chain appends until the surrounding transaction ends. */
export async function lockAuditChain(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

/** The newest event, or the newest anchor if every event was pruned. */
export async function findChainHead(tx: Executor): Promise<{ seq: number; hash: string } | undefined> {
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  if (last) {
    return last;
  }
  const [anchor] = await tx
    .select({ seq: auditAnchors.lastSeq, hash: auditAnchors.lastHash })
    .from(auditAnchors)
    .orderBy(desc(auditAnchors.lastSeq))
    .limit(1);
  return anchor;
}

export type AuditInsert = typeof auditEvents.$inferInsert;

export async function insertAuditEvent(tx: Executor, row: AuditInsert): Promise<void> {
  await tx.insert(auditEvents).values(row);
}
