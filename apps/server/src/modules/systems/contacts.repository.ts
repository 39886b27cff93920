import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import type { ContactKind, ContactsOverdueSummaryQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { organisations, policyVersions, systemContacts, systems, users } from '../../db/schema/index.js';
import { type RegistryScope } from '../../lib/tenancy.js';
import { systemsVisibleSql } from './systems.tenancy.js';
import { containsSql } from '../../db/search.js';
import { insertRecordset } from '../../db/recordset.js';
import { contactsDueOnSql, contactsOverdueSql, joinPolicy } from './systems.sql.js';

export type ContactRow = typeof systemContacts.$inferSelect & { updatedByName: string | null };

/** The contacts of a system, with who last changed each. */
export async function findContacts(db: Executor, systemId: string): Promise<ContactRow[]> {
  const rows = await db
    .select({ contact: systemContacts, updatedByName: users.name })
    .from(systemContacts)
    .leftJoin(users, eq(users.id, systemContacts.updatedBy))
    .where(eq(systemContacts.systemId, systemId));
  return rows.map((r) => ({ ...r.contact, updatedByName: r.updatedByName }));
}

export async function findContact(db: Executor, systemId: string, kind: ContactKind) {
  const [row] = await db
    .select()
    .from(systemContacts)
    .where(and(eq(systemContacts.systemId, systemId), eq(systemContacts.kind, kind)))
    .limit(1);
  return row;
}

/** Creates or replaces the contact of one kind. */
export async function upsertContact(
  db: Executor,
  values: Omit<typeof systemContacts.$inferInsert, 'id' | 'createdAt' | 'updatedAt'>,
  now: Date,
) {
  const { systemId: _systemId, kind: _kind, ...changes } = values;
  await db
    .insert(systemContacts)
    .values(values)
    .onConflictDoUpdate({
      target: [systemContacts.systemId, systemContacts.kind],
      set: { ...changes, updatedAt: now },
    });
}

/** Inserts many contacts, one statement per chunk (bulk create); a kind a system already has fails the unique index. */
export async function insertContacts(
  tx: Executor,
  rows: readonly (typeof systemContacts.$inferInsert)[],
): Promise<void> {
  await insertRecordset(tx, systemContacts, rows);
}

/** Marks systems' contacts confirmed now under a rule set; returns each system's next due day. */
export async function markContactsConfirmed(
  db: Executor,
  options: { systemIds: string[]; at: Date; by: string | null; policyVersionId: string },
): Promise<{ id: string; orgId: string; dueOn: string }[]> {
  const updated = await db
    .update(systems)
    .set({
      contactsConfirmedAt: options.at,
      contactsConfirmedBy: options.by,
      policyVersionId: options.policyVersionId,
      updatedAt: options.at,
    })
    .where(sql`${systems.id} = any(${sql.param(options.systemIds)}::uuid[])`)
    .returning({ id: systems.id, orgId: systems.orgId });
  const due = await db
    .select({ id: systems.id, dueOn: sql<string>`(${contactsDueOnSql})::text` })
    .from(systems)
    .innerJoin(policyVersions, joinPolicy)
    .where(sql`${systems.id} = any(${sql.param(options.systemIds)}::uuid[])`);
  const dueById = new Map(due.map((d) => [d.id, d.dueOn]));
  return updated.map((u) => ({ ...u, dueOn: dueById.get(u.id) ?? '' }));
}

/**
 * Units with systems whose contacts are overdue (item 十), most overdue first, for the
 * Ministry's security officer; plus the totals over the whole scope.
 */
export async function summariseOverdueContacts(
  db: Executor,
  options: { scope: RegistryScope; query: ContactsOverdueSummaryQuery; today: string },
) {
  const { scope, query, today } = options;
  const overdue = contactsOverdueSql(today);
  const where: SQL | undefined = and(
    systemsVisibleSql(scope, { orgId: systems.orgId, systemId: systems.id }),
    query.q
      ? or(
          containsSql(organisations.name, query.q),
          containsSql(organisations.nameEn, query.q),
          containsSql(organisations.code, query.q),
        )
      : undefined,
  );
  const overdueCount = sql<number>`(count(*) filter (where ${overdue}))::int`;
  const grouped = db
    .select({
      orgId: organisations.id,
      orgCode: organisations.code,
      orgName: organisations.name,
      orgNameEn: organisations.nameEn,
      systemCount: sql<number>`(count(*) filter (where ${systems.status} <> 'decommissioned'))::int`.as('system_count'),
      overdueCount: overdueCount.as('overdue_count'),
      neverConfirmedCount:
        sql<number>`(count(*) filter (where ${overdue} and ${systems.contactsConfirmedAt} is null))::int`.as(
          'never_count',
        ),
      oldestDueOn: sql<string | null>`(min(${contactsDueOnSql}) filter (where ${overdue}))::text`.as('oldest_due_on'),
    })
    .from(systems)
    .innerJoin(organisations, eq(organisations.id, systems.orgId))
    .innerJoin(policyVersions, joinPolicy)
    .where(where)
    .groupBy(organisations.id, organisations.code, organisations.name, organisations.nameEn)
    .having(sql`count(*) filter (where ${overdue}) > 0`)
    .as('grouped');
  const [items, totals, systemTotals] = await Promise.all([
    db
      .select()
      .from(grouped)
      .orderBy(desc(grouped.overdueCount), asc(grouped.orgName), asc(grouped.orgId))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(grouped),
    db
      .select({
        overdue: sql<number>`(count(*) filter (where ${overdue}))::int`,
        active: sql<number>`(count(*) filter (where ${systems.status} <> 'decommissioned'))::int`,
      })
      .from(systems)
      .innerJoin(organisations, eq(organisations.id, systems.orgId))
      .innerJoin(policyVersions, joinPolicy)
      .where(where),
  ]);
  return {
    items: items.map((r) => ({
      ...r,
      systemCount: Number(r.systemCount),
      overdueCount: Number(r.overdueCount),
      neverConfirmedCount: Number(r.neverConfirmedCount),
    })),
    total: Number(totals[0]?.n ?? 0),
    overdueSystems: Number(systemTotals[0]?.overdue ?? 0),
    activeSystems: Number(systemTotals[0]?.active ?? 0),
  };
}
