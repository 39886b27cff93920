import { and, asc, count, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { SystemListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import {
  contractSystems,
  contracts,
  hosts,
  organisations,
  policyVersions,
  systemContacts,
  systemHosts,
  systems,
  users,
} from '../../db/schema/index.js';
import { type RegistryScope } from '../../lib/tenancy.js';
import { systemsVisibleSql } from './systems.tenancy.js';
import { insertRecordset } from '../../db/recordset.js';
import { boundedTotal, searchPage, sortOrder, type ListSort, type ListTotal } from '../../db/totals.js';
import { contactsDueOnSql, contactsOverdueSql, joinPolicy, systemListFilters } from './systems.sql.js';

export type SystemRow = typeof systems.$inferSelect;

const contractCountSql = sql<number>`(select count(*)::int from contract_systems cs where cs.system_id = ${systems.id})`;
const hostCountSql = sql<number>`(select count(*)::int from system_hosts sh where sh.system_id = ${systems.id})`;
const contactCountSql = sql<number>`(select count(*)::int from system_contacts sc where sc.system_id = ${systems.id})`;

function columns(today: string) {
  return {
    system: systems,
    orgName: organisations.name,
    orgNameEn: organisations.nameEn,
    contractCount: contractCountSql,
    hostCount: hostCountSql,
    contactCount: contactCountSql,
    contactsDueOn: sql<string | null>`(${contactsDueOnSql})::text`,
    isContactsOverdue: sql<boolean>`${contactsOverdueSql(today)}`,
    intervalMonths: policyVersions.contactsIntervalMonths,
    policyVersion: policyVersions.version,
  };
}

export type SystemListRow = {
  system: SystemRow;
  orgName: string;
  orgNameEn: string | null;
  contractCount: number;
  hostCount: number;
  contactCount: number;
  contactsDueOn: string | null;
  isContactsOverdue: boolean;
  intervalMonths: number;
  policyVersion: number;
};

/** The systems list's order: by name. */
const SYSTEM_SORT: ListSort = { keys: [{ key: systems.name, direction: 'asc' }], id: systems.id };

/** A page of the systems a scope may read, with the contact status as of `today`. */
export async function listSystems(
  db: Executor,
  options: { scope: RegistryScope; query: SystemListQuery; today: string },
): Promise<{ items: SystemListRow[] } & ListTotal> {
  const { scope, query, today } = options;
  const filters = systemListFilters(scope, query, today);
  // The rule set is needed only by the overdue filter.
  const base = () =>
    query.contactsOverdue
      ? db.select({ id: systems.id }).from(systems).innerJoin(policyVersions, joinPolicy)
      : db.select({ id: systems.id }).from(systems);
  // The page's ids first, then their details: a search matching thousands of systems then
  // joins names and counts for 20 rows instead of for every match. The total is bounded
  // (db/totals.ts): exact up to 10,000 matches, else the planner's estimate.
  // A search reads its matches once for the page and the total (searchPage).
  const searched = query.q
    ? await searchPage(
        db,
        SYSTEM_SORT,
        (columns, n) =>
          (query.contactsOverdue
            ? db.select(columns).from(systems).innerJoin(policyVersions, joinPolicy)
            : db.select(columns).from(systems)
          )
            .where(filters)
            .limit(n),
        query,
      )
    : undefined;
  const [ids, total] = searched
    ? [searched.ids, searched]
    : await Promise.all([
        base()
          .where(filters)
          .orderBy(...sortOrder(SYSTEM_SORT))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .then((page) => page.map((r) => r.id)),
        boundedTotal(db, base().where(filters)),
      ]);
  const rows =
    ids.length === 0
      ? []
      : await db
          .select(columns(today))
          .from(systems)
          .innerJoin(organisations, eq(organisations.id, systems.orgId))
          .innerJoin(policyVersions, joinPolicy)
          .where(inArray(systems.id, ids))
          .orderBy(...sortOrder(SYSTEM_SORT));
  return { items: rows, ...total };
}

/** Systems by id that a scope may read (others are simply not returned). */
export async function findVisibleSystems(
  db: Executor,
  options: { scope: RegistryScope; ids: string[]; today: string },
): Promise<SystemListRow[]> {
  if (options.ids.length === 0) {
    return [];
  }
  return db
    .select(columns(options.today))
    .from(systems)
    .innerJoin(organisations, eq(organisations.id, systems.orgId))
    .innerJoin(policyVersions, joinPolicy)
    .where(
      and(
        sql`${systems.id} = any(${sql.param(options.ids)}::uuid[])`,
        systemsVisibleSql(options.scope, { orgId: systems.orgId, systemId: systems.id }),
      ),
    );
}

/** One system a scope may read, or undefined. */
export async function findVisibleSystem(
  db: Executor,
  options: { scope: RegistryScope; id: string; today: string },
): Promise<(SystemListRow & { confirmedByName: string | null }) | undefined> {
  const [row] = await findVisibleSystems(db, { ...options, ids: [options.id] });
  if (!row) {
    return undefined;
  }
  let confirmedByName: string | null = null;
  if (row.system.contactsConfirmedBy) {
    const [user] = await db
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, row.system.contactsConfirmedBy))
      .limit(1);
    confirmedByName = user?.name ?? null;
  }
  return { ...row, confirmedByName };
}

/** Contracts a system belongs to. */
export async function findSystemContracts(db: Executor, systemId: string) {
  return db
    .select({ id: contracts.id, number: contracts.number, name: contracts.name })
    .from(contractSystems)
    .innerJoin(contracts, eq(contracts.id, contractSystems.contractId))
    .where(eq(contractSystems.systemId, systemId))
    .orderBy(asc(contracts.number));
}

/** Hosts serving a system. */
export async function findSystemHosts(db: Executor, systemId: string) {
  return db
    .select({
      id: hosts.id,
      hostname: hosts.hostname,
      ips: hosts.ips,
      location: hosts.location,
      isActive: hosts.isActive,
    })
    .from(systemHosts)
    .innerJoin(hosts, eq(hosts.id, systemHosts.hostId))
    .where(eq(systemHosts.systemId, systemId))
    .orderBy(asc(hosts.hostname));
}

/** Contracts by id, with what linking and tenancy need. */
export async function findContractsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: contracts.id, unitId: contracts.unitId, ownerUserId: contracts.ownerUserId })
    .from(contracts)
    .where(inArray(contracts.id, ids));
}

/** Hosts by id, with their unit. */
export async function findHostsByIds(db: Executor, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db.select({ id: hosts.id, orgId: hosts.orgId }).from(hosts).where(inArray(hosts.id, ids));
}

export async function insertSystem(db: Executor, values: typeof systems.$inferInsert): Promise<SystemRow> {
  const [row] = await db.insert(systems).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateSystem(db: Executor, id: string, values: Partial<typeof systems.$inferInsert>, now: Date) {
  await db
    .update(systems)
    .set({ ...values, updatedAt: now })
    .where(eq(systems.id, id));
}

/** Replaces the contracts a system belongs to. */
export async function replaceSystemContracts(db: Executor, systemId: string, contractIds: string[]) {
  await db.delete(contractSystems).where(eq(contractSystems.systemId, systemId));
  if (contractIds.length > 0) {
    await db.insert(contractSystems).values(contractIds.map((contractId) => ({ contractId, systemId })));
  }
}

/** Inserts many systems, then their contract links, one statement per chunk each (bulk create). */
export async function insertSystems(
  tx: Executor,
  rows: {
    systems: readonly (typeof systems.$inferInsert)[];
    contractLinks: readonly (typeof contractSystems.$inferInsert)[];
  },
): Promise<void> {
  await insertRecordset(tx, systems, rows.systems);
  await insertRecordset(tx, contractSystems, rows.contractLinks);
}

/** Ids of the contracts and hosts currently linked to a system. */
export async function findSystemLinkIds(db: Executor, systemId: string) {
  // In turn: the caller holds a transaction, whose one connection runs one query at a time.
  const contractRows = await db
    .select({ id: contractSystems.contractId })
    .from(contractSystems)
    .where(eq(contractSystems.systemId, systemId));
  const hostRows = await db
    .select({ id: systemHosts.hostId })
    .from(systemHosts)
    .where(eq(systemHosts.systemId, systemId));
  return { contractIds: contractRows.map((r) => r.id), hostIds: hostRows.map((r) => r.id) };
}

/** How many contacts each system has, for the confirmation checks. */
export async function countContacts(db: Executor, systemIds: string[]): Promise<Map<string, number>> {
  if (systemIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({ systemId: systemContacts.systemId, n: count() })
    .from(systemContacts)
    .where(inArray(systemContacts.systemId, systemIds))
    .groupBy(systemContacts.systemId);
  return new Map(rows.map((r) => [r.systemId, Number(r.n)]));
}

/** The organisation of a system; undefined when it does not exist. */
export async function findSystemOrg(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db.select({ orgId: systems.orgId }).from(systems).where(eq(systems.id, id)).limit(1);
  return row?.orgId;
}

/** Whether a system passes a visibility filter (systemsVisibleSql). */
export async function isSystemVisible(db: Executor, id: string, visible: SQL | undefined): Promise<boolean> {
  const [row] = await db
    .select({ id: systems.id })
    .from(systems)
    .where(and(eq(systems.id, id), visible))
    .limit(1);
  return row !== undefined;
}
