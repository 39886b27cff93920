import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AllocationListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { allocations, organisations, policyVersions, systems } from '../../db/schema/index.js';
import type { ParsedAllocation } from '../../lib/net.js';
import { likePattern, nameContainsSql } from '../../db/search.js';
import { boundedTotal, searchPage, sortOrder, type ListSort } from '../../db/totals.js';

export type AllocationRecord = typeof allocations.$inferSelect;

/** An allocation with what lists and details show next to it. */
export type AllocationRow = AllocationRecord & {
  systemName: string;
  systemStatus: (typeof systems.$inferSelect)['status'];
  orgName: string;
  orgNameEn: string | null;
  policyVersion: number;
  maxYears: number;
  hasPendingRenewal: boolean;
};

/** Arbitrary constant for the advisory lock that serialises allocation writes. */
const ALLOCATION_WRITE_LOCK = 0x414c_4f43;

/**
 * Serialises allocation writes until the transaction ends, so that two requests cannot both
 * pass the overlap check and then both insert (works on PostgreSQL and PGlite alike).
 */
export async function lockAllocationWrites(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ALLOCATION_WRITE_LOCK})`);
}

/** Columns of an allocation row with its system, unit and rule version (see `joinAllocationContext`). */
export const allocationColumns = {
  allocation: allocations,
  systemName: systems.name,
  systemStatus: systems.status,
  orgName: organisations.name,
  orgNameEn: organisations.nameEn,
  policyVersion: policyVersions.version,
  maxYears: policyVersions.allocationMaxYears,
  hasPendingRenewal: sql<boolean>`exists (select 1 from allocation_renewals r
    where r.allocation_id = ${allocations.id} and r.status = 'pending')`,
};

export type JoinedAllocation = {
  allocation: AllocationRecord;
  systemName: string;
  systemStatus: AllocationRow['systemStatus'];
  orgName: string;
  orgNameEn: string | null;
  policyVersion: number;
  maxYears: number | string;
  hasPendingRenewal: boolean;
};

export function toAllocationRow(r: JoinedAllocation): AllocationRow {
  return {
    ...r.allocation,
    systemName: r.systemName,
    systemStatus: r.systemStatus,
    orgName: r.orgName,
    orgNameEn: r.orgNameEn,
    policyVersion: r.policyVersion,
    maxYears: Number(r.maxYears),
    hasPendingRenewal: Boolean(r.hasPendingRenewal),
  };
}

function joined(db: Executor) {
  return db
    .select(allocationColumns)
    .from(allocations)
    .innerJoin(systems, eq(systems.id, allocations.systemId))
    .innerJoin(organisations, eq(organisations.id, allocations.orgId))
    .innerJoin(policyVersions, eq(policyVersions.id, allocations.policyVersionId));
}

/** Active allocations that overlap a value: the same domain (any case), or intersecting ranges. */
export function overlapsSql(parsed: ParsedAllocation): SQL {
  if (parsed.network === null) {
    return sql`(${allocations.kind} = 'domain' and lower(${allocations.value}) = lower(${parsed.value}))`;
  }
  // `&&` is false between IPv4 and IPv6 networks, so the family needs no separate test.
  return sql`(${allocations.network} is not null and ${allocations.network} && ${parsed.network}::cidr)`;
}

/** An allocations list query without its page: what the filters read. */
export type AllocationFilterQuery = Omit<AllocationListQuery, 'page' | 'pageSize'>;

/**
 * A list query's own filters, without the scope: the list, its total and the dashboard's
 * cards use this one definition. `today` is the Taipei date the expiry filters are judged
 * on, `overlap` the parsed `overlaps` filter (null when the value was not a valid domain,
 * address or range: it then matches nothing).
 */
export function allocationQueryFilters(
  query: AllocationFilterQuery,
  options: { today: string; overlap?: ParsedAllocation | null },
): SQL | undefined {
  const { today, overlap } = options;
  const isActive = eq(allocations.status, 'active');
  return and(
    query.orgId ? eq(allocations.orgId, query.orgId) : undefined,
    query.systemId ? eq(allocations.systemId, query.systemId) : undefined,
    query.kind ? eq(allocations.kind, query.kind) : undefined,
    query.status ? eq(allocations.status, query.status) : undefined,
    query.expiringWithinDays !== undefined
      ? and(
          isActive,
          sql`${allocations.expiresOn} >= ${today}::date`,
          sql`${allocations.expiresOn} < ${today}::date + ${query.expiringWithinDays}::int`,
        )
      : undefined,
    query.expired ? and(isActive, sql`${allocations.expiresOn} < ${today}::date`) : undefined,
    overlap === undefined ? undefined : overlap === null ? sql`false` : and(isActive, overlapsSql(overlap)),
    query.q
      ? or(
          ilike(allocations.value, likePattern(query.q)),
          // A semi-join on the matching systems (their name's trigram index), so the count
          // needs no join over every row.
          sql`${allocations.systemId} in (select ${systems.id} from ${systems} where ${nameContainsSql(systems.name, query.q)})`,
        )
      : undefined,
  );
}

/** The allocations list's order: by status, then expiry, then value. */
const ALLOCATION_SORT: ListSort = {
  keys: [
    { key: allocations.status, direction: 'asc' },
    { key: allocations.expiresOn, direction: 'asc' },
    { key: allocations.value, direction: 'asc' },
  ],
  id: allocations.id,
};

/**
 * One page of allocations. `visible` is the tenancy fragment, `today` and `overlap` as for
 * `allocationQueryFilters`.
 */
export async function listAllocations(
  db: Executor,
  options: {
    visible: SQL | undefined;
    query: AllocationListQuery;
    today: string;
    overlap: ParsedAllocation | null | undefined;
  },
) {
  const { visible, query, today, overlap } = options;
  const filters = and(visible, allocationQueryFilters(query, { today, overlap }));
  const order = sortOrder(ALLOCATION_SORT);
  // A search reads its matches once for the page and the total (db/totals.ts searchPage).
  // Otherwise the page's ids come first (an index range in the list's order when
  // unfiltered), then the details of those rows; the total is bounded.
  const searched = query.q
    ? await searchPage(
        db,
        ALLOCATION_SORT,
        (columns, n) => db.select(columns).from(allocations).where(filters).limit(n),
        query,
      )
    : undefined;
  const [ids, total] = searched
    ? [searched.ids, searched]
    : await Promise.all([
        db
          .select({ id: allocations.id })
          .from(allocations)
          .where(filters)
          .orderBy(...order)
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize)
          .then((page) => page.map((r) => r.id)),
        boundedTotal(db, db.select({ id: allocations.id }).from(allocations).where(filters)),
      ]);
  const rows =
    ids.length === 0
      ? []
      : await joined(db)
          .where(inArray(allocations.id, ids))
          .orderBy(...order);
  return { items: rows.map(toAllocationRow), ...total };
}

/** One allocation with its system, unit and rule version, if `visible` lets the caller see it. */
export async function findAllocation(
  db: Executor,
  id: string,
  visible?: SQL | undefined,
): Promise<AllocationRow | undefined> {
  const [row] = await joined(db)
    .where(and(eq(allocations.id, id), visible))
    .limit(1);
  return row ? toAllocationRow(row) : undefined;
}

/** Active allocations overlapping a value, with the system each belongs to. */
export async function findActiveOverlaps(
  db: Executor,
  parsed: ParsedAllocation,
): Promise<{ id: string; systemId: string; orgId: string; value: string }[]> {
  return db
    .select({ id: allocations.id, systemId: allocations.systemId, orgId: allocations.orgId, value: allocations.value })
    .from(allocations)
    .where(and(eq(allocations.status, 'active'), overlapsSql(parsed)))
    .limit(20);
}

/** The system an allocation is made for: its unit and whether it still runs. */
export async function findSystemForAllocation(db: Executor, systemId: string, visible: SQL | undefined) {
  const [row] = await db
    .select({ id: systems.id, orgId: systems.orgId, name: systems.name, status: systems.status })
    .from(systems)
    .where(and(eq(systems.id, systemId), visible))
    .limit(1);
  return row;
}

export async function insertAllocation(
  db: Executor,
  values: typeof allocations.$inferInsert,
): Promise<AllocationRecord> {
  const [row] = await db.insert(allocations).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateAllocation(
  db: Executor,
  id: string,
  values: Partial<typeof allocations.$inferInsert>,
  now: Date,
): Promise<AllocationRecord | undefined> {
  const [row] = await db
    .update(allocations)
    .set({ ...values, updatedAt: now })
    .where(eq(allocations.id, id))
    .returning();
  return row;
}
