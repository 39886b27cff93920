import { and, eq, sql } from 'drizzle-orm';
import { notTiedToRefused } from '../../lib/access-conditions.js';
import { alias } from 'drizzle-orm/pg-core';
import type { ExportQueries } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { contracts, organisations, policyVersions, systems, users } from '../../db/schema/index.js';
import { contractListFilters } from '../contracts/contracts.sql.js';
import { contactsDueOnSql, contactsOverdueSql, systemListFilters } from '../systems/systems.sql.js';
import type { ExportBatch, ExportScopes } from './exports.repository.js';
import {
  keysetAfter,
  keysetColumns,
  keysetOrder,
  splitKeyset,
  type KeyPart,
  type KeysetPage,
} from '../../db/keyset.js';

/*
 * Rows of the readable report workbooks (issue 11, defect 12): names instead of codes, the
 * stored clause verdict, the contact state. Each query applies the caller's scope and
 * exactly the list page's filters (the same builders as the list and the template export).
 */

const unit = alias(organisations, 'unit');
const division = alias(organisations, 'division');

export type ContractReportRow = {
  number: string;
  name: string;
  type: string;
  divisionName: string;
  divisionNameEn: string | null;
  ownerName: string | null;
  unitName: string;
  unitNameEn: string | null;
  periodStart: string;
  periodEnd: string;
  amount: number | null;
  subcontractorNames: string[];
  complianceStatus: 'compliant' | 'non_compliant';
  missingClauses: string[];
  policyVersionId: string;
};

/** One batch of the contracts report, in the list's order (newest period first). */
export async function findContractReportRows(
  db: Executor,
  options: { scopes: ExportScopes; query: ExportQueries['contracts']; batch: ExportBatch },
): Promise<KeysetPage<ContractReportRow>> {
  const { scopes, query, batch } = options;
  const keys: KeyPart[] = [
    { expr: sql`${contracts.periodStart}`, direction: 'desc' },
    { expr: sql`${contracts.number}`, direction: 'asc' },
    { expr: sql`${contracts.id}`, direction: 'asc' },
  ];
  const rows = await db
    .select({
      ...keysetColumns(keys),
      number: contracts.number,
      name: contracts.name,
      type: contracts.type,
      divisionName: division.name,
      divisionNameEn: division.nameEn,
      ownerName: users.name,
      unitName: unit.name,
      unitNameEn: unit.nameEn,
      periodStart: contracts.periodStart,
      periodEnd: contracts.periodEnd,
      amount: contracts.amount,
      subcontractorNames: sql<string[]>`array(select v.name from contract_subcontractors cs
        join organisations v on v.id = cs.vendor_id where cs.contract_id = ${contracts.id} order by v.name)`,
      complianceStatus: contracts.complianceStatus,
      missingClauses: contracts.missingClauses,
      policyVersionId: contracts.policyVersionId,
    })
    .from(contracts)
    .innerJoin(unit, eq(unit.id, contracts.unitId))
    .innerJoin(division, eq(division.id, contracts.divisionId))
    .leftJoin(users, eq(users.id, contracts.ownerUserId))
    .where(
      and(
        contractListFilters(scopes.registry, query),
        notTiedToRefused('contract', sql`${contracts.id}`, scopes.refusedContractIds),
        keysetAfter(keys, batch.after),
      ),
    )
    .orderBy(...keysetOrder(keys))
    .limit(batch.limit);
  return splitKeyset(rows);
}

export type SystemReportRow = {
  unitName: string;
  unitNameEn: string | null;
  name: string;
  kind: string;
  urls: string[];
  environment: string;
  status: string;
  protectionLevel: string;
  launchDate: string | null;
  handlesPersonalData: boolean;
  contactKinds: string[];
  contactsConfirmedAt: Date | null;
  contactsDueOn: string | null;
  isContactsOverdue: boolean;
  contractNumbers: string[];
};

/** One batch of the systems report, by unit and name. */
export async function findSystemReportRows(
  db: Executor,
  options: { scopes: ExportScopes; query: ExportQueries['systems']; batch: ExportBatch },
): Promise<KeysetPage<SystemReportRow>> {
  const { scopes, query, batch } = options;
  const keys: KeyPart[] = [
    { expr: sql`${unit.name}`, direction: 'asc' },
    { expr: sql`${systems.name}`, direction: 'asc' },
    { expr: sql`${systems.id}`, direction: 'asc' },
  ];
  const rows = await db
    .select({
      ...keysetColumns(keys),
      unitName: unit.name,
      unitNameEn: unit.nameEn,
      name: systems.name,
      kind: systems.kind,
      urls: systems.urls,
      environment: systems.environment,
      status: systems.status,
      protectionLevel: systems.protectionLevel,
      launchDate: systems.launchDate,
      handlesPersonalData: systems.handlesPersonalData,
      contactKinds: sql<
        string[]
      >`array(select sc.kind::text from system_contacts sc where sc.system_id = ${systems.id})`,
      contactsConfirmedAt: systems.contactsConfirmedAt,
      contactsDueOn: sql<string | null>`(${contactsDueOnSql})::text`,
      isContactsOverdue: sql<boolean>`${contactsOverdueSql(scopes.today)}`,
      contractNumbers: sql<string[]>`array(select c.number from contract_systems cs
        join contracts c on c.id = cs.contract_id where cs.system_id = ${systems.id} order by c.number)`,
    })
    .from(systems)
    .innerJoin(unit, eq(unit.id, systems.orgId))
    .innerJoin(policyVersions, eq(policyVersions.id, systems.policyVersionId))
    .where(
      and(
        systemListFilters(scopes.registry, query, scopes.today),
        notTiedToRefused('system', sql`${systems.id}`, scopes.refusedContractIds),
        keysetAfter(keys, batch.after),
      ),
    )
    .orderBy(...keysetOrder(keys))
    .limit(batch.limit);
  return splitKeyset(rows);
}
