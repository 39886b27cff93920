import { asc, count, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { OrganisationListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { organisations, users } from '../../db/schema/index.js';
import type { OrgScope } from '../../lib/tenancy.js';
import { organisationListFilters, orgScopeSql } from './organisations.sql.js';
import { insertRecordset } from '../../db/recordset.js';

export type OrganisationRow = typeof organisations.$inferSelect;
export type OrganisationWithMeta = OrganisationRow & {
  parentName: string | null;
  parentNameEn: string | null;
  userCount: number;
};

const parent = alias(organisations, 'parent');

const userCounts = (db: Executor) =>
  db
    .select({ orgId: users.orgId, n: count().as('n') })
    .from(users)
    .groupBy(users.orgId)
    .as('user_counts');

export async function listOrganisations(db: Executor, scope: OrgScope, query: OrganisationListQuery) {
  const filters = organisationListFilters(scope, query);
  const counts = userCounts(db);
  const [rows, totals] = await Promise.all([
    db
      .select({ org: organisations, parentName: parent.name, parentNameEn: parent.nameEn, userCount: counts.n })
      .from(organisations)
      .leftJoin(parent, eq(parent.id, organisations.parentId))
      .leftJoin(counts, eq(counts.orgId, organisations.id))
      .where(filters)
      .orderBy(asc(organisations.kind), asc(organisations.code))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(organisations).where(filters),
  ]);
  return {
    items: rows.map((r) => ({
      ...r.org,
      parentName: r.parentName,
      parentNameEn: r.parentNameEn,
      userCount: Number(r.userCount ?? 0),
    })),
    total: Number(totals[0]?.n ?? 0),
  };
}

export async function findOrganisationById(db: Executor, id: string): Promise<OrganisationWithMeta | undefined> {
  const [row] = await db
    .select({ org: organisations, parentName: parent.name, parentNameEn: parent.nameEn })
    .from(organisations)
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .where(eq(organisations.id, id))
    .limit(1);
  if (!row) {
    return undefined;
  }
  const [c] = await db.select({ n: count() }).from(users).where(eq(users.orgId, id));
  return { ...row.org, parentName: row.parentName, parentNameEn: row.parentNameEn, userCount: Number(c?.n ?? 0) };
}

export async function findMinistry(db: Executor): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.kind, 'ministry')).limit(1);
  return row;
}

/** The organisation with a code, compared without case as the unique index does. */
export async function findOrganisationByCode(db: Executor, code: string): Promise<OrganisationRow | undefined> {
  const [row] = await db
    .select()
    .from(organisations)
    .where(sql`lower(${organisations.code}) = lower(${code})`)
    .limit(1);
  return row;
}

export async function insertOrganisation(
  db: Executor,
  values: typeof organisations.$inferInsert,
): Promise<OrganisationRow> {
  const [row] = await db.insert(organisations).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

/** Inserts many organisations in one statement per chunk; parents must already exist or come earlier. */
export async function insertOrganisations(tx: Executor, rows: readonly (typeof organisations.$inferInsert)[]) {
  await insertRecordset(tx, organisations, rows);
}

export async function updateOrganisation(
  db: Executor,
  id: string,
  values: Partial<typeof organisations.$inferInsert>,
  now: Date,
): Promise<OrganisationRow | undefined> {
  const [row] = await db
    .update(organisations)
    .set({ ...values, updatedAt: now })
    .where(eq(organisations.id, id))
    .returning();
  return row;
}

export async function countOrganisationsByKind(db: Executor, scope: OrgScope) {
  const rows = await db
    .select({ kind: organisations.kind, n: count() })
    .from(organisations)
    .where(orgScopeSql(scope))
    .groupBy(organisations.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)])) as Partial<Record<OrganisationRow['kind'], number>>;
}
