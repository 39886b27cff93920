import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { boundedTotal, searchPage, sortOrder, type ListSort, type ListTotal } from '../../db/totals.js';
import type { HostListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { hosts, organisations, systemHosts, systems } from '../../db/schema/index.js';
import { type RegistryScope } from '../../lib/tenancy.js';
import { hostsVisibleSql } from './hosts.tenancy.js';
import { systemsVisibleSql } from '../systems/systems.tenancy.js';
import { hostListFilters } from './hosts.sql.js';
import { insertRecordset } from '../../db/recordset.js';

export type HostRow = typeof hosts.$inferSelect;
export type HostListRow = { host: HostRow; orgName: string; orgNameEn: string | null; systemCount: number };

const systemCountSql = sql<number>`(select count(*)::int from system_hosts sh where sh.host_id = ${hosts.id})`;
const columns = {
  host: hosts,
  orgName: organisations.name,
  orgNameEn: organisations.nameEn,
  systemCount: systemCountSql,
};
const visible = (scope: RegistryScope) => hostsVisibleSql(scope, { orgId: hosts.orgId, hostId: hosts.id });

/** A page of the hosts a scope may read; q matches the host name or any of its addresses. */
/** The hosts list's order: by host name. */
const HOST_SORT: ListSort = { keys: [{ key: hosts.hostname, direction: 'asc' }], id: hosts.id };

export async function listHosts(
  db: Executor,
  options: { scope: RegistryScope; query: HostListQuery },
): Promise<{ items: HostListRow[] } & ListTotal> {
  const { scope, query } = options;
  const filters = hostListFilters(scope, query);
  // A search reads its matches once for the page and the total (db/totals.ts searchPage).
  // Otherwise the page's ids come first (an index range in the list's order), then the
  // details of those 20 hosts; the total is bounded.
  const searched = query.q
    ? await searchPage(db, HOST_SORT, (columns, n) => db.select(columns).from(hosts).where(filters).limit(n), query)
    : undefined;
  const [ids, total] = searched
    ? [searched.ids, searched]
    : await Promise.all([
        db
          .select({ id: hosts.id })
          .from(hosts)
          .where(filters)
          .orderBy(...sortOrder(HOST_SORT))
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .then((page) => page.map((r) => r.id)),
        boundedTotal(db, db.select({ id: hosts.id }).from(hosts).where(filters)),
      ]);
  const rows =
    ids.length === 0
      ? []
      : await db
          .select(columns)
          .from(hosts)
          .innerJoin(organisations, eq(organisations.id, hosts.orgId))
          .where(inArray(hosts.id, ids))
          .orderBy(...sortOrder(HOST_SORT));
  return { items: rows, ...total };
}

/** One host a scope may read, or undefined. */
export async function findVisibleHost(
  db: Executor,
  options: { scope: RegistryScope; id: string },
): Promise<HostListRow | undefined> {
  const [row] = await db
    .select(columns)
    .from(hosts)
    .innerJoin(organisations, eq(organisations.id, hosts.orgId))
    .where(and(eq(hosts.id, options.id), visible(options.scope)))
    .limit(1);
  return row;
}

/** The systems a host serves that the scope may read. */
export async function findHostSystems(db: Executor, options: { scope: RegistryScope; hostId: string }) {
  return db
    .select({
      id: systems.id,
      name: systems.name,
      status: systems.status,
      protectionLevel: systems.protectionLevel,
      urls: systems.urls,
    })
    .from(systemHosts)
    .innerJoin(systems, eq(systems.id, systemHosts.systemId))
    .where(
      and(
        eq(systemHosts.hostId, options.hostId),
        systemsVisibleSql(options.scope, { orgId: systems.orgId, systemId: systems.id }),
      ),
    )
    .orderBy(asc(systems.name));
}

/** Ids of every system a host serves, whatever the reader's scope. */
export async function findHostSystemIds(db: Executor, hostId: string): Promise<string[]> {
  const rows = await db.select({ id: systemHosts.systemId }).from(systemHosts).where(eq(systemHosts.hostId, hostId));
  return rows.map((r) => r.id);
}

/** Per host, the ids of every system it serves (a page of the list at once). */
export async function findSystemIdsOfHosts(db: Executor, hostIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (hostIds.length === 0) {
    return out;
  }
  const rows = await db
    .select({ hostId: systemHosts.hostId, systemId: systemHosts.systemId })
    .from(systemHosts)
    .where(inArray(systemHosts.hostId, [...hostIds]));
  for (const row of rows) {
    out.set(row.hostId, [...(out.get(row.hostId) ?? []), row.systemId]);
  }
  return out;
}

/** Systems by id with their unit and status, for linking. */
export async function findSystemsForLinking(db: Executor, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: systems.id, orgId: systems.orgId, status: systems.status })
    .from(systems)
    .where(inArray(systems.id, ids));
}

/** Another host of the unit with the same name (case-insensitive). */
export async function findHostByName(db: Executor, options: { orgId: string; hostname: string }) {
  const [row] = await db
    .select({ id: hosts.id })
    .from(hosts)
    .where(and(eq(hosts.orgId, options.orgId), sql`lower(${hosts.hostname}) = lower(${options.hostname})`))
    .limit(1);
  return row;
}

export async function insertHost(db: Executor, values: typeof hosts.$inferInsert): Promise<HostRow> {
  const [row] = await db.insert(hosts).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateHost(db: Executor, id: string, values: Partial<typeof hosts.$inferInsert>, now: Date) {
  await db
    .update(hosts)
    .set({ ...values, updatedAt: now })
    .where(eq(hosts.id, id));
}

/** Adds and removes links between a host and systems. */
export async function changeHostSystems(db: Executor, options: { hostId: string; add: string[]; remove: string[] }) {
  const { hostId, add, remove } = options;
  if (remove.length > 0) {
    await db.delete(systemHosts).where(and(eq(systemHosts.hostId, hostId), inArray(systemHosts.systemId, remove)));
  }
  if (add.length > 0) {
    await db.insert(systemHosts).values(add.map((systemId) => ({ hostId, systemId })));
  }
}

/** Replaces the hosts serving a system (the system's side of the same links). */
export async function replaceSystemHosts(db: Executor, systemId: string, hostIds: string[]) {
  await db.delete(systemHosts).where(eq(systemHosts.systemId, systemId));
  if (hostIds.length > 0) {
    await db.insert(systemHosts).values(hostIds.map((hostId) => ({ hostId, systemId })));
  }
}

/** Inserts many hosts, then the systems they serve, one statement per chunk each (bulk create). */
export async function insertHosts(
  tx: Executor,
  rows: { hosts: readonly (typeof hosts.$inferInsert)[]; systemLinks: readonly (typeof systemHosts.$inferInsert)[] },
): Promise<void> {
  await insertRecordset(tx, hosts, rows.hosts);
  await insertRecordset(tx, systemHosts, rows.systemLinks);
}
