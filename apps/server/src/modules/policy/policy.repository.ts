import { and, asc, count, desc, eq, gt, sql, type SQL } from 'drizzle-orm';
import type { PolicyVersionUsage } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { allocations, contracts, policyVersions, systems, users } from '../../db/schema/index.js';
import { contractsVisibleSql, systemsVisibleSql, type RegistryScope } from '../../lib/tenancy.js';

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

async function countByVersion(
  db: Executor,
  table: typeof contracts | typeof systems | typeof allocations,
  versionIds: string[],
  visible: SQL | undefined,
): Promise<Map<string, number>> {
  const rows = await db
    .select({ versionId: table.policyVersionId, n: sql<number>`count(*)::int` })
    .from(table)
    .where(and(sql`${table.policyVersionId} = any(${sql.param(versionIds)}::uuid[])`, visible))
    .groupBy(table.policyVersionId);
  return new Map(rows.map((r) => [r.versionId, Number(r.n)]));
}

/**
 * How many contracts, systems and allocations point at each version, counting only the
 * records the scope may read.
 */
export async function countPolicyUsage(
  db: Executor,
  scope: RegistryScope,
  versionIds: string[],
): Promise<Map<string, PolicyVersionUsage>> {
  if (versionIds.length === 0) {
    return new Map();
  }
  const [byContract, bySystem, byAllocation] = await Promise.all([
    countByVersion(
      db,
      contracts,
      versionIds,
      contractsVisibleSql(scope, { unitId: contracts.unitId, ownerUserId: contracts.ownerUserId }),
    ),
    countByVersion(db, systems, versionIds, systemsVisibleSql(scope, { orgId: systems.orgId, systemId: systems.id })),
    countByVersion(
      db,
      allocations,
      versionIds,
      systemsVisibleSql(scope, { orgId: allocations.orgId, systemId: allocations.systemId }),
    ),
  ]);
  return new Map(
    versionIds.map((id) => [
      id,
      {
        contracts: byContract.get(id) ?? 0,
        systems: bySystem.get(id) ?? 0,
        allocations: byAllocation.get(id) ?? 0,
      },
    ]),
  );
}
