import { asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { policyVersions, users } from '../../db/schema/index.js';

export type PolicyVersionRow = typeof policyVersions.$inferSelect;
export type PolicyVersionWithPublisher = PolicyVersionRow & { publishedByName: string | null };

/** Arbitrary constant for the advisory lock that serialises publications (version = max + 1). */
const POLICY_PUBLISH_LOCK = 0x504f_4c59;

/** Holds the publication lock until the transaction ends. */
export async function lockPolicyPublication(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${POLICY_PUBLISH_LOCK})`);
}

const withPublisher = {
  version: policyVersions,
  publishedByName: users.name,
};

function flatten(row: { version: PolicyVersionRow; publishedByName: string | null }): PolicyVersionWithPublisher {
  return { ...row.version, publishedByName: row.publishedByName };
}

/** Versions newest first, with the publisher's name. */
export async function listPolicyVersions(db: Executor, page: { page: number; pageSize: number }) {
  const [rows, totals] = await Promise.all([
    db
      .select(withPublisher)
      .from(policyVersions)
      .leftJoin(users, eq(users.id, policyVersions.publishedBy))
      .orderBy(desc(policyVersions.version))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ n: count() }).from(policyVersions),
  ]);
  return { items: rows.map(flatten), total: Number(totals[0]?.n ?? 0) };
}

export async function findPolicyVersionById(db: Executor, id: string): Promise<PolicyVersionWithPublisher | undefined> {
  const [row] = await db
    .select(withPublisher)
    .from(policyVersions)
    .leftJoin(users, eq(users.id, policyVersions.publishedBy))
    .where(eq(policyVersions.id, id))
    .limit(1);
  return row ? flatten(row) : undefined;
}

/** The most recently published version (highest number), whatever its effective date. */
export async function findLatestPolicyVersion(db: Executor): Promise<PolicyVersionRow | undefined> {
  const [row] = await db.select().from(policyVersions).orderBy(desc(policyVersions.version)).limit(1);
  return row;
}

/** Versions that take effect after a day, earliest first. */
export async function listScheduledPolicyVersions(db: Executor, afterDay: string) {
  return db
    .select({ id: policyVersions.id, version: policyVersions.version, effectiveFrom: policyVersions.effectiveFrom })
    .from(policyVersions)
    .where(gt(policyVersions.effectiveFrom, afterDay))
    .orderBy(asc(policyVersions.effectiveFrom), asc(policyVersions.version));
}

export async function insertPolicyVersion(
  tx: Executor,
  values: typeof policyVersions.$inferInsert,
): Promise<PolicyVersionRow> {
  const [row] = await tx.insert(policyVersions).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}
