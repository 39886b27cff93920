import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { ExportList, ExportQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import {
  contracts,
  hosts,
  organisations,
  policyVersions,
  systemContacts,
  systems,
  users,
} from '../../db/schema/index.js';
import { likePattern } from '../../db/search.js';
import { taipeiToday } from '../../lib/policy.js';
import {
  contractsVisibleSql,
  hostsVisibleSql,
  systemsVisibleSql,
  type OrgScope,
  type RegistryScope,
} from '../../lib/tenancy.js';
import { contactsOverdueSql } from '../systems/systems.sql.js';

/**
 * Rows of the XLSX exports, keyed like the template's columns so an export re-imports
 * as is. Each query applies the caller's scope (lib/tenancy.ts) and the list filters.
 */
export type ExportRow = Record<string, unknown>;
export type ExportScopes = { orgs: OrgScope; registry: RegistryScope; withOwnerEmail: boolean };
export type ExportBatch = { offset: number; limit: number };

const unit = alias(organisations, 'unit');
const parent = alias(organisations, 'parent');
const division = alias(organisations, 'division');

const orgFilter = (query: ExportQuery) => query.orgId ?? query.unitId;

async function units(db: Executor, scopes: ExportScopes, query: ExportQuery, batch: ExportBatch) {
  const orgId = orgFilter(query);
  const where = and(
    inArray(organisations.kind, ['unit', 'vendor']),
    scopes.orgs.kind === 'all'
      ? undefined
      : scopes.orgs.orgIds.length > 0
        ? inArray(organisations.id, scopes.orgs.orgIds)
        : sql`false`,
    orgId ? or(eq(organisations.id, orgId), eq(organisations.parentId, orgId)) : undefined,
    query.kind ? eq(organisations.kind, query.kind) : undefined,
    query.active ? eq(organisations.isActive, query.active === 'true') : undefined,
    query.q
      ? or(
          ilike(organisations.code, likePattern(query.q)),
          ilike(organisations.name, likePattern(query.q)),
          ilike(organisations.nameEn, likePattern(query.q)),
        )
      : undefined,
  );
  const rows = await db
    .select({
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
    // Units before vendors, so a vendor's unit is always above it.
    .orderBy(sql`${organisations.kind} = 'vendor'`, asc(organisations.code))
    .limit(batch.limit)
    .offset(batch.offset);
  return rows.map(({ kind, parentCode, ...r }) => ({ ...r, parentCode: kind === 'vendor' ? parentCode : null }));
}

async function contractRows(db: Executor, scopes: ExportScopes, query: ExportQuery, batch: ExportBatch) {
  const orgId = orgFilter(query);
  return db
    .select({
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
        contractsVisibleSql(scopes.registry, { unitId: contracts.unitId, ownerUserId: contracts.ownerUserId }),
        orgId ? eq(contracts.unitId, orgId) : undefined,
        query.type ? eq(contracts.type, query.type) : undefined,
        query.complianceStatus ? eq(contracts.complianceStatus, query.complianceStatus) : undefined,
        query.q
          ? or(ilike(contracts.number, likePattern(query.q)), ilike(contracts.name, likePattern(query.q)))
          : undefined,
      ),
    )
    .orderBy(asc(unit.code), asc(contracts.number))
    .limit(batch.limit)
    .offset(batch.offset);
}

async function systemRows(db: Executor, scopes: ExportScopes, query: ExportQuery, batch: ExportBatch) {
  const orgId = orgFilter(query);
  return db
    .select({
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
        systemsVisibleSql(scopes.registry, { orgId: systems.orgId, systemId: systems.id }),
        orgId ? eq(systems.orgId, orgId) : undefined,
        query.status ? eq(systems.status, query.status) : undefined,
        query.protectionLevel ? eq(systems.protectionLevel, query.protectionLevel) : undefined,
        // The systems list's own definition of overdue (item 十), so both show the same systems.
        query.contactsOverdue === 'true' ? contactsOverdueSql(taipeiToday()) : undefined,
        query.contactsOverdue === 'false' ? sql`not ${contactsOverdueSql(taipeiToday())}` : undefined,
        query.q ? ilike(systems.name, likePattern(query.q)) : undefined,
      ),
    )
    .orderBy(asc(unit.code), asc(systems.name), asc(systems.id))
    .limit(batch.limit)
    .offset(batch.offset);
}

async function hostRows(db: Executor, scopes: ExportScopes, query: ExportQuery, batch: ExportBatch) {
  const orgId = orgFilter(query);
  return db
    .select({
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
        hostsVisibleSql(scopes.registry, { orgId: hosts.orgId, hostId: hosts.id }),
        orgId ? eq(hosts.orgId, orgId) : undefined,
        query.active ? eq(hosts.isActive, query.active === 'true') : undefined,
        query.location ? eq(hosts.location, query.location) : undefined,
        query.q
          ? or(
              ilike(hosts.hostname, likePattern(query.q)),
              sql`array_to_string(${hosts.ips}, ' ') ilike ${likePattern(query.q)}`,
            )
          : undefined,
      ),
    )
    .orderBy(asc(unit.code), asc(hosts.hostname))
    .limit(batch.limit)
    .offset(batch.offset);
}

async function contactRows(db: Executor, scopes: ExportScopes, query: ExportQuery, batch: ExportBatch) {
  const orgId = orgFilter(query);
  return db
    .select({
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
    .where(
      and(
        systemsVisibleSql(scopes.registry, { orgId: systems.orgId, systemId: systems.id }),
        orgId ? eq(systems.orgId, orgId) : undefined,
        query.status ? eq(systems.status, query.status) : undefined,
        query.q
          ? or(ilike(systems.name, likePattern(query.q)), ilike(systemContacts.name, likePattern(query.q)))
          : undefined,
      ),
    )
    .orderBy(
      asc(unit.code),
      asc(systems.name),
      asc(systems.id),
      sql`array_position(array['business_owner','system_owner','maintenance_unit'], ${systemContacts.kind}::text)`,
    )
    .limit(batch.limit)
    .offset(batch.offset);
}

/** One batch of a list's export rows, in a stable order. */
export async function findExportRows(
  db: Executor,
  options: { list: ExportList; scopes: ExportScopes; query: ExportQuery; batch: ExportBatch },
): Promise<ExportRow[]> {
  const { list, scopes, query, batch } = options;
  switch (list) {
    case 'units':
      return units(db, scopes, query, batch);
    case 'contracts':
      return contractRows(db, scopes, query, batch);
    case 'systems':
      return systemRows(db, scopes, query, batch);
    case 'hosts':
      return hostRows(db, scopes, query, batch);
    case 'contacts':
      return contactRows(db, scopes, query, batch);
  }
}
