import { and, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/types.js';
import type { RegistryScope } from './tenancy.js';

/*
 * Records judged by a policy version. Kept apart from lib/policy.ts, which the database's
 * reference data imports, so that tenancy (and through it the database client) stays out
 * of that import chain.
 */

/**
 * A module's count of its records judged by each policy version (their `policy_version_id`),
 * among those a scope may read. Modules register one in `modules/index.ts`; the policy pages
 * show the counts under the counter's module name (`usage.contracts`).
 */
export type PolicyUsageCounter = {
  /** The module, also the key of the count in `usage` and of its label (`<module>.policyUsage`). */
  module: string;
  count: (db: Executor, scope: RegistryScope, versionIds: string[]) => Promise<Map<string, number>>;
};

/**
 * Counts a table's rows by their policy version, for the versions given, among the rows
 * `visible` (a tenancy fragment from lib/tenancy.ts) lets through: the query behind each
 * module's PolicyUsageCounter.
 */
export async function countRowsByPolicyVersion(
  db: Executor,
  options: { table: PgTable; versionColumn: AnyPgColumn; visible: SQL | undefined },
  versionIds: string[],
): Promise<Map<string, number>> {
  if (versionIds.length === 0) {
    return new Map();
  }
  const { table, versionColumn, visible } = options;
  const rows = await db
    .select({ versionId: sql<string>`${versionColumn}`, n: sql<number>`count(*)::int` })
    .from(table)
    .where(and(sql`${versionColumn} = any(${sql.param(versionIds)}::uuid[])`, visible))
    .groupBy(versionColumn);
  return new Map(rows.map((r) => [r.versionId, Number(r.n)]));
}
