import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AllocationRenewalListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import {
  allocationRenewals,
  allocations,
  organisations,
  policyVersions,
  systems,
  users,
} from '../../db/schema/index.js';
import { likePattern } from '../../db/search.js';
import { allocationColumns, toAllocationRow, type AllocationRow } from './allocations.repository.js';

export type RenewalRecord = typeof allocationRenewals.$inferSelect;
export type RenewalRow = RenewalRecord & { requestedByName: string | null; decidedByName: string | null };
export type RenewalWithAllocation = RenewalRow & { allocation: AllocationRow };

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

const renewalColumns = {
  renewal: allocationRenewals,
  requestedByName: requester.name,
  decidedByName: decider.name,
};

export async function insertRenewal(
  db: Executor,
  values: typeof allocationRenewals.$inferInsert,
): Promise<RenewalRecord> {
  const [row] = await db.insert(allocationRenewals).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

/** The renewal requests of one allocation, newest first. */
export async function listRenewalsOfAllocation(db: Executor, allocationId: string): Promise<RenewalRow[]> {
  const rows = await db
    .select(renewalColumns)
    .from(allocationRenewals)
    .leftJoin(requester, eq(requester.id, allocationRenewals.requestedBy))
    .leftJoin(decider, eq(decider.id, allocationRenewals.decidedBy))
    .where(eq(allocationRenewals.allocationId, allocationId))
    .orderBy(desc(allocationRenewals.requestedAt), desc(allocationRenewals.id));
  return rows.map((r) => ({ ...r.renewal, requestedByName: r.requestedByName, decidedByName: r.decidedByName }));
}

function joinedRenewals(db: Executor) {
  return db
    .select({ ...renewalColumns, ...allocationColumns })
    .from(allocationRenewals)
    .innerJoin(allocations, eq(allocations.id, allocationRenewals.allocationId))
    .innerJoin(systems, eq(systems.id, allocations.systemId))
    .innerJoin(organisations, eq(organisations.id, allocations.orgId))
    .innerJoin(policyVersions, eq(policyVersions.id, allocations.policyVersionId))
    .leftJoin(requester, eq(requester.id, allocationRenewals.requestedBy))
    .leftJoin(decider, eq(decider.id, allocationRenewals.decidedBy));
}

type JoinedRenewal = Awaited<ReturnType<ReturnType<typeof joinedRenewals>['execute']>>[number];

function toRenewalWithAllocation(r: JoinedRenewal): RenewalWithAllocation {
  return {
    ...r.renewal,
    requestedByName: r.requestedByName,
    decidedByName: r.decidedByName,
    allocation: toAllocationRow(r),
  };
}

/** One renewal request with its allocation, if `visible` lets the caller see the allocation. */
export async function findRenewal(
  db: Executor,
  id: string,
  visible?: SQL | undefined,
): Promise<RenewalWithAllocation | undefined> {
  const [row] = await joinedRenewals(db)
    .where(and(eq(allocationRenewals.id, id), visible))
    .limit(1);
  return row ? toRenewalWithAllocation(row) : undefined;
}

/**
 * The renewal queue's own filters, without the scope, over renewals joined with their
 * allocation and its system (`renewalsFromSql`): the queue, its total and the dashboard's
 * card use this one definition.
 */
export function renewalQueryFilters(query: Omit<AllocationRenewalListQuery, 'page' | 'pageSize'>): SQL | undefined {
  return and(
    eq(allocationRenewals.status, query.status),
    query.orgId ? eq(allocations.orgId, query.orgId) : undefined,
    query.q ? or(ilike(allocations.value, likePattern(query.q)), ilike(systems.name, likePattern(query.q))) : undefined,
  );
}

/** Renewals with their allocation and its system, the rows the queue filters. */
export const renewalsFromSql = sql`${allocationRenewals}
  join ${allocations} on ${allocations.id} = ${allocationRenewals.allocationId}
  join ${systems} on ${systems.id} = ${allocations.systemId}`;

/** A page of renewal requests in one state; pending ones oldest first, decided ones newest first. */
export async function listRenewals(
  db: Executor,
  options: { visible: SQL | undefined; query: AllocationRenewalListQuery },
) {
  const { visible, query } = options;
  const filters = and(visible, renewalQueryFilters(query));
  const order =
    query.status === 'pending'
      ? [allocationRenewals.requestedAt, allocationRenewals.id]
      : [desc(allocationRenewals.decidedAt), desc(allocationRenewals.id)];
  const [rows, totals] = await Promise.all([
    joinedRenewals(db)
      .where(filters)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: count() })
      .from(allocationRenewals)
      .innerJoin(allocations, eq(allocations.id, allocationRenewals.allocationId))
      .innerJoin(systems, eq(systems.id, allocations.systemId))
      .where(filters),
  ]);
  return { items: rows.map(toRenewalWithAllocation), total: Number(totals[0]?.n ?? 0) };
}

/**
 * Records a decision on a request that is still pending; undefined when it was decided in
 * the meantime (the status test makes the update itself the guard).
 */
export async function decideRenewal(
  db: Executor,
  id: string,
  values: Pick<typeof allocationRenewals.$inferInsert, 'status' | 'decidedBy' | 'decisionNote'> &
    Partial<Pick<typeof allocationRenewals.$inferInsert, 'newStartsOn' | 'newExpiresOn'>>,
  now: Date,
): Promise<RenewalRecord | undefined> {
  const [row] = await db
    .update(allocationRenewals)
    .set({ ...values, decidedAt: now })
    .where(and(eq(allocationRenewals.id, id), eq(allocationRenewals.status, 'pending')))
    .returning();
  return row;
}

/**
 * Closes the pending requests of allocations that were released: nothing is left to renew.
 * They are marked rejected with the release as the note. Returns the closed requests.
 */
export async function closePendingRenewals(
  db: Executor,
  options: { allocationIds: string[]; decidedBy: string | null; note: string; now: Date },
): Promise<{ id: string; allocationId: string }[]> {
  if (options.allocationIds.length === 0) {
    return [];
  }
  return db
    .update(allocationRenewals)
    .set({ status: 'rejected', decidedBy: options.decidedBy, decidedAt: options.now, decisionNote: options.note })
    .where(
      and(inArray(allocationRenewals.allocationId, options.allocationIds), eq(allocationRenewals.status, 'pending')),
    )
    .returning({ id: allocationRenewals.id, allocationId: allocationRenewals.allocationId });
}

/** Whether an allocation has a pending request, inside the caller's transaction. */
export async function hasPendingRenewal(db: Executor, allocationId: string): Promise<boolean> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(allocationRenewals)
    .where(and(eq(allocationRenewals.allocationId, allocationId), eq(allocationRenewals.status, 'pending')));
  return Number(row?.n ?? 0) > 0;
}
