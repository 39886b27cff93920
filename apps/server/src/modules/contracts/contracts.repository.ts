import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ContractListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import {
  contractSubcontractors,
  contractSystems,
  contracts,
  organisations,
  policyVersions,
  systems,
  users,
} from '../../db/schema/index.js';
import { type RegistryScope } from '../../lib/tenancy.js';
import { insertRecordset } from '../../db/recordset.js';
import { boundedTotal, searchPage, sortOrder, type ListSort } from '../../db/totals.js';
import { contractListFilters } from './contracts.sql.js';

export type ContractRow = typeof contracts.$inferSelect;
/** A contract with the names of its parties, as lists and the detail page show it. */
export type ContractWithNames = ContractRow & {
  unitName: string;
  unitNameEn: string | null;
  divisionName: string;
  divisionNameEn: string | null;
  ownerName: string | null;
  acknowledgedByName: string | null;
  policyVersion: number;
};
export type ContractListRow = ContractWithNames & { systemCount: number };

const unit = alias(organisations, 'unit');
const division = alias(organisations, 'division');
const owner = alias(users, 'owner');
const acknowledger = alias(users, 'acknowledger');

function withNames(db: Executor) {
  return db
    .select({
      contract: contracts,
      unitName: unit.name,
      unitNameEn: unit.nameEn,
      divisionName: division.name,
      divisionNameEn: division.nameEn,
      ownerName: owner.name,
      acknowledgedByName: acknowledger.name,
      policyVersion: policyVersions.version,
    })
    .from(contracts)
    .innerJoin(unit, eq(unit.id, contracts.unitId))
    .innerJoin(division, eq(division.id, contracts.divisionId))
    .innerJoin(policyVersions, eq(policyVersions.id, contracts.policyVersionId))
    .leftJoin(owner, eq(owner.id, contracts.ownerUserId))
    .leftJoin(acknowledger, eq(acknowledger.id, contracts.dutyAcknowledgedBy));
}

type NamedRow = {
  contract: ContractRow;
  unitName: string;
  unitNameEn: string | null;
  divisionName: string;
  divisionNameEn: string | null;
  ownerName: string | null;
  acknowledgedByName: string | null;
  policyVersion: number;
};
const flatten = (r: NamedRow): ContractWithNames => ({
  ...r.contract,
  unitName: r.unitName,
  unitNameEn: r.unitNameEn,
  divisionName: r.divisionName,
  divisionNameEn: r.divisionNameEn,
  ownerName: r.ownerName,
  acknowledgedByName: r.acknowledgedByName,
  policyVersion: r.policyVersion,
});

/** The contracts list's order: latest period first, then by number. */
const CONTRACT_SORT: ListSort = {
  keys: [
    { key: contracts.periodStart, direction: 'desc' },
    { key: contracts.number, direction: 'asc' },
  ],
  id: contracts.id,
};

/** One page of contracts matching the filters, within the caller's registry scope. */
export async function listContracts(db: Executor, scope: RegistryScope, query: ContractListQuery) {
  const filters = contractListFilters(scope, query);
  const order = sortOrder(CONTRACT_SORT);
  // A search reads its matches once for the page and the total (db/totals.ts searchPage).
  const searched = query.q
    ? await searchPage(
        db,
        CONTRACT_SORT,
        (columns, n) => db.select(columns).from(contracts).where(filters).limit(n),
        query,
      )
    : undefined;
  const [rows, totals] = searched
    ? [
        searched.ids.length === 0
          ? []
          : await withNames(db)
              .where(inArray(contracts.id, searched.ids))
              .orderBy(...order),
        searched,
      ]
    : await Promise.all([
        withNames(db)
          .where(filters)
          .orderBy(...order)
          .limit(query.pageSize)
          .offset((query.page - 1) * query.pageSize),
        boundedTotal(db, db.select({ id: contracts.id }).from(contracts).where(filters)),
      ]);
  const ids = rows.map((r) => r.contract.id);
  const counts =
    ids.length === 0
      ? []
      : await db
          .select({ contractId: contractSystems.contractId, n: sql<number>`count(*)::int` })
          .from(contractSystems)
          .where(inArray(contractSystems.contractId, ids))
          .groupBy(contractSystems.contractId);
  const countOf = new Map(counts.map((c) => [c.contractId, Number(c.n)]));
  return {
    items: rows.map((r): ContractListRow => ({ ...flatten(r), systemCount: countOf.get(r.contract.id) ?? 0 })),
    ...totals,
  };
}

/** A contract with its parties' names. */
export async function findContractWithNames(db: Executor, id: string): Promise<ContractWithNames | undefined> {
  const [row] = await withNames(db).where(eq(contracts.id, id)).limit(1);
  return row ? flatten(row) : undefined;
}

/** The bare row; `forUpdate` locks it for the rest of the transaction (clause changes are serialised per contract). */
export async function findContractById(
  db: Executor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ContractRow | undefined> {
  const base = db.select().from(contracts).where(eq(contracts.id, id)).limit(1);
  const [row] = options.forUpdate ? await base.for('update') : await base;
  return row;
}

export async function findContractIdByNumber(db: Executor, number: string): Promise<string | undefined> {
  const [row] = await db
    .select({ id: contracts.id })
    .from(contracts)
    .where(sql`lower(${contracts.number}) = lower(${number})`)
    .limit(1);
  return row?.id;
}

export async function insertContract(db: Executor, values: typeof contracts.$inferInsert): Promise<ContractRow> {
  const [row] = await db.insert(contracts).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateContract(
  db: Executor,
  id: string,
  values: Partial<typeof contracts.$inferInsert>,
  now: Date,
): Promise<void> {
  await db
    .update(contracts)
    .set({ ...values, updatedAt: now })
    .where(eq(contracts.id, id));
}

export async function listSubcontractors(db: Executor, contractId: string) {
  return db
    .select({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn })
    .from(contractSubcontractors)
    .innerJoin(organisations, eq(organisations.id, contractSubcontractors.vendorId))
    .where(eq(contractSubcontractors.contractId, contractId))
    .orderBy(asc(organisations.name));
}

export async function replaceSubcontractors(db: Executor, contractId: string, vendorIds: string[]): Promise<void> {
  await db.delete(contractSubcontractors).where(eq(contractSubcontractors.contractId, contractId));
  if (vendorIds.length > 0) {
    await db.insert(contractSubcontractors).values(vendorIds.map((vendorId) => ({ contractId, vendorId })));
  }
}

/** Inserts many contracts, then their subcontractors, one statement per chunk each (bulk create). */
export async function insertContracts(
  tx: Executor,
  rows: {
    contracts: readonly (typeof contracts.$inferInsert)[];
    subcontractors: readonly (typeof contractSubcontractors.$inferInsert)[];
  },
): Promise<void> {
  await insertRecordset(tx, contracts, rows.contracts);
  await insertRecordset(tx, contractSubcontractors, rows.subcontractors);
}

export async function listContractSystems(db: Executor, contractId: string) {
  return db
    .select({ id: systems.id, name: systems.name, status: systems.status })
    .from(contractSystems)
    .innerJoin(systems, eq(systems.id, contractSystems.systemId))
    .where(eq(contractSystems.contractId, contractId))
    .orderBy(asc(systems.name));
}

/** The organisations of the systems linked to a contract (the dashboard counts them for its business owner). */
export async function findContractSystemOrgIds(db: Executor, contractId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ orgId: systems.orgId })
    .from(contractSystems)
    .innerJoin(systems, eq(systems.id, contractSystems.systemId))
    .where(eq(contractSystems.contractId, contractId));
  return rows.map((r) => r.orgId);
}

/** Kind and state of organisations, for checking a contract's parties. */
export async function findOrganisationKinds(db: Executor, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: organisations.id, kind: organisations.kind, isActive: organisations.isActive })
    .from(organisations)
    .where(inArray(organisations.id, ids));
}

export async function findUserRole(db: Executor, id: string) {
  const [row] = await db
    .select({ id: users.id, role: users.role, isActive: users.isActive })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row;
}

/** Active divisions and active business owners, for the contract form. */
export async function listPartyOptions(db: Executor) {
  const [divisions, owners] = await Promise.all([
    db
      .select({ id: organisations.id, name: organisations.name, nameEn: organisations.nameEn })
      .from(organisations)
      .where(and(eq(organisations.kind, 'division'), eq(organisations.isActive, true)))
      .orderBy(asc(organisations.name)),
    db
      .select({ id: users.id, name: users.name, orgName: organisations.name, orgNameEn: organisations.nameEn })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .where(and(eq(users.role, 'ministry_owner'), eq(users.isActive, true)))
      .orderBy(asc(users.name)),
  ]);
  return { divisions, owners };
}

/** The commissioned unit and business owner of a contract, which decide who sees it. */
export async function findContractParty(
  db: Executor,
  contractId: string,
): Promise<{ unitId: string; ownerUserId: string | null } | undefined> {
  const [row] = await db
    .select({ unitId: contracts.unitId, ownerUserId: contracts.ownerUserId })
    .from(contracts)
    .where(eq(contracts.id, contractId))
    .limit(1);
  return row;
}
