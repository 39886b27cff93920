import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ExportList, ExportQueries } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import {
  keysetAfter,
  keysetColumns,
  keysetOrder,
  splitKeyset,
  type KeyPart,
  type KeysetBatch,
  type KeysetPage,
} from '../../db/keyset.js';
import {
  contracts,
  hosts,
  organisations,
  policyVersions,
  systemContacts,
  systems,
  users,
} from '../../db/schema/index.js';
import { notTiedToRefused } from '../../lib/access-conditions.js';
import type { OrgScope, RegistryScope } from '../../lib/tenancy.js';
import { contractListFilters } from '../contracts/contracts.sql.js';
import { hostListFilters } from '../hosts/hosts.sql.js';
import { organisationListFilters } from '../organisations/organisations.sql.js';
import { joinPolicy, systemListFilters } from '../systems/systems.sql.js';

/**
 * Rows of the XLSX exports, keyed like the template's columns so an export re-imports
 * as is. Each query applies the caller's scope (lib/tenancy.ts) and the list filters.
 */
export type ExportRow = Record<string, unknown>;
/** The caller's scopes, and the Taipei day the item 十 overdue filter is judged on. */
export type ExportScopes = {
  orgs: OrgScope;
  registry: RegistryScope;
  withOwnerEmail: boolean;
  today: string;
  /** Contracts a condition refuses the actor (item 六): their records stay out of the file. */
  refusedContractIds: readonly string[];
};
/** One batch of an export (db/keyset.ts): the rows after the previous batch's last row. */
export type ExportBatch = KeysetBatch;

/** Every part of an export's key is ascending. */
const ascending = (...exprs: SQL[]): KeyPart[] => exprs.map((expr) => ({ expr, direction: 'asc' }));

const unit = alias(organisations, 'unit');
const parent = alias(organisations, 'parent');
const division = alias(organisations, 'division');

async function units(db: Executor, scopes: ExportScopes, query: ExportQueries['units'], batch: ExportBatch) {
  // Units before vendors, so a vendor's unit is always above it.
  const keys = ascending(sql`(${organisations.kind} = 'vendor')`, sql`${organisations.code}`, sql`${organisations.id}`);
  const where = and(
    inArray(organisations.kind, ['unit', 'vendor']),
    organisationListFilters(scopes.orgs, query),
    keysetAfter(keys, batch.after),
  );
  const rows = await db
    .select({
      ...keysetColumns(keys),
      code: organisations.code,
      name: organisations.name,
      nameEn: organisations.nameEn,
      unitType: organisations.unitType,
      kind: organisations.kind,
      parentCode: parent.code,
    })
    .from(organisations)
    .leftJoin(parent, eq(parent.id, organisations.parentId))
    .where(where)
    .orderBy(...keysetOrder(keys))
    .limit(batch.limit);
  return rows.map(({ kind, parentCode, ...r }) => ({ ...r, parentCode: kind === 'vendor' ? parentCode : null }));
}

async function contractRows(db: Executor, scopes: ExportScopes, query: ExportQueries['contracts'], batch: ExportBatch) {
  const keys = ascending(sql`${unit.code}`, sql`${contracts.number}`, sql`${contracts.id}`);
  return db
    .select({
      ...keysetColumns(keys),
      number: contracts.number,
      name: contracts.name,
      type: contracts.type,
      divisionCode: division.code,
      ownerEmail: scopes.withOwnerEmail ? sql<string | null>`lower(${users.email})` : sql<null>`null`,
      unitCode: unit.code,
      periodStart: contracts.periodStart,
      periodEnd: contracts.periodEnd,
      amount: contracts.amount,
      subcontractorCodes: sql<string[]>`array(select v.code from contract_subcontractors cs
        join organisations v on v.id = cs.vendor_id where cs.contract_id = ${contracts.id} order by v.code)`,
      notes: contracts.notes,
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
}

async function systemRows(db: Executor, scopes: ExportScopes, query: ExportQueries['systems'], batch: ExportBatch) {
  const keys = ascending(sql`${unit.code}`, sql`${systems.name}`, sql`${systems.id}`);
  return db
    .select({
      ...keysetColumns(keys),
      unitCode: unit.code,
      name: systems.name,
      kind: systems.kind,
      urls: systems.urls,
      environment: systems.environment,
      status: systems.status,
      launchDate: systems.launchDate,
      decommissionDate: systems.decommissionDate,
      protectionLevel: systems.protectionLevel,
      handlesPersonalData: systems.handlesPersonalData,
      personalDataCategories: systems.personalDataCategories,
      personalDataPurpose: systems.personalDataPurpose,
      personalDataLegalBasis: systems.personalDataLegalBasis,
      exitPlan: systems.exitPlan,
      description: systems.description,
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
}

async function hostRows(db: Executor, scopes: ExportScopes, query: ExportQueries['hosts'], batch: ExportBatch) {
  const keys = ascending(sql`${unit.code}`, sql`${hosts.hostname}`, sql`${hosts.id}`);
  return db
    .select({
      ...keysetColumns(keys),
      unitCode: unit.code,
      hostname: hosts.hostname,
      ips: hosts.ips,
      os: hosts.os,
      role: hosts.role,
      location: hosts.location,
      site: hosts.site,
      systemNames: sql<string[]>`array(select s.name from system_hosts sh
        join systems s on s.id = sh.system_id where sh.host_id = ${hosts.id} order by s.name)`,
      notes: hosts.notes,
    })
    .from(hosts)
    .innerJoin(unit, eq(unit.id, hosts.orgId))
    .where(
      and(
        hostListFilters(scopes.registry, query),
        notTiedToRefused('host', sql`${hosts.id}`, scopes.refusedContractIds),
        keysetAfter(keys, batch.after),
      ),
    )
    .orderBy(...keysetOrder(keys))
    .limit(batch.limit);
}

async function contactRows(db: Executor, scopes: ExportScopes, query: ExportQueries['contacts'], batch: ExportBatch) {
  const keys = ascending(
    sql`${unit.code}`,
    sql`${systems.name}`,
    sql`${systems.id}`,
    sql`array_position(array['business_owner','system_owner','maintenance_unit'], ${systemContacts.kind}::text)`,
  );
  return (
    db
      .select({
        ...keysetColumns(keys),
        unitCode: unit.code,
        systemName: systems.name,
        kind: systemContacts.kind,
        name: systemContacts.name,
        organisation: systemContacts.organisation,
        title: systemContacts.title,
        phone: systemContacts.phone,
        email: systemContacts.email,
      })
      .from(systemContacts)
      .innerJoin(systems, eq(systems.id, systemContacts.systemId))
      .innerJoin(unit, eq(unit.id, systems.orgId))
      // The systems list's filters need the system's rule set (the contacts' due day).
      .innerJoin(policyVersions, joinPolicy)
      .where(
        and(
          systemListFilters(scopes.registry, query, scopes.today),
          notTiedToRefused('system', sql`${systems.id}`, scopes.refusedContractIds),
          keysetAfter(keys, batch.after),
        ),
      )
      .orderBy(...keysetOrder(keys))
      .limit(batch.limit)
  );
}

type Exporter<L extends ExportList> = (
  db: Executor,
  scopes: ExportScopes,
  query: ExportQueries[L],
  batch: ExportBatch,
) => Promise<ExportRow[]>;

const EXPORTERS: { [L in ExportList]: Exporter<L> } = {
  units,
  contracts: contractRows,
  systems: systemRows,
  hosts: hostRows,
  contacts: contactRows,
};

/** One batch of a list's export rows, in a stable order, with the list's own filters. */
export async function findExportRows<L extends ExportList>(
  db: Executor,
  options: { list: L; scopes: ExportScopes; query: ExportQueries[L]; batch: ExportBatch },
): Promise<KeysetPage<ExportRow>> {
  const exporter: Exporter<L> = EXPORTERS[options.list];
  return splitKeyset(await exporter(db, options.scopes, options.query, options.batch));
}
