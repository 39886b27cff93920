import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { SystemListQuery } from '@custodian/shared';

/** A systems list query without its page: what the filters read. */
export type SystemFilterQuery = Omit<SystemListQuery, 'page' | 'pageSize'>;
import { policyVersions, systems } from '../../db/schema/index.js';
import { containsSql, isShortQuery, joinedText, nameContainsSql } from '../../db/search.js';
import { type RegistryScope } from '../../lib/tenancy.js';
import { systemsVisibleSql } from './systems.tenancy.js';

/*
 * The item 十 due-day definitions, in SQL. They are the systems module's, and shared with
 * the lists that filter on them (contacts, the XLSX export), so that "overdue" means the
 * same everywhere.
 */

/**
 * Day the next confirmation of the contacts is due (item 十): the Taipei date of the last
 * one plus the interval of the system's own rule set. Needs `policy_versions` joined on
 * `systems.policy_version_id` (its stored `contacts_interval_months` column).
 */
export const contactsDueOnSql = sql`((${systems.contactsConfirmedAt} at time zone 'Asia/Taipei')::date + make_interval(months => ${policyVersions.contactsIntervalMonths}))::date`;

/** Whether a live system's contacts are overdue on `today`: never confirmed, or due before it. */
export function contactsOverdueSql(today: string): SQL {
  return sql`(${systems.status} <> 'decommissioned' and (${systems.contactsConfirmedAt} is null or ${contactsDueOnSql} < ${today}::date))`;
}

/** Joins the system's rule set, which the contact due day is computed from. */
export const joinPolicy = eq(policyVersions.id, systems.policyVersionId);

/** The systems a scope may read. */
export const systemsVisibleToSql = (scope: RegistryScope) =>
  systemsVisibleSql(scope, { orgId: systems.orgId, systemId: systems.id });

/**
 * The systems list's filters within a scope: the list, its totals, the dashboard and the
 * XLSX export all use this one definition, so an export holds exactly the list's rows.
 */
export function systemListFilters(scope: RegistryScope, query: SystemFilterQuery, today: string): SQL | undefined {
  return and(systemsVisibleToSql(scope), systemQueryFilters(query, today));
}

/** A list query's own filters, without the scope. */
export function systemQueryFilters(query: SystemFilterQuery, today: string): SQL | undefined {
  return and(
    query.orgId ? eq(systems.orgId, query.orgId) : undefined,
    query.status ? eq(systems.status, query.status) : undefined,
    query.protectionLevel ? eq(systems.protectionLevel, query.protectionLevel) : undefined,
    query.environment ? eq(systems.environment, query.environment) : undefined,
    query.kind ? eq(systems.kind, query.kind) : undefined,
    query.handlesPersonalData ? eq(systems.handlesPersonalData, query.handlesPersonalData === 'true') : undefined,
    query.contractId
      ? sql`exists (select 1 from contract_systems cs where cs.system_id = ${systems.id} and cs.contract_id = ${query.contractId})`
      : undefined,
    query.hostId
      ? sql`exists (select 1 from system_hosts sh where sh.system_id = ${systems.id} and sh.host_id = ${query.hostId})`
      : undefined,
    query.contactsOverdue === 'true' ? contactsOverdueSql(today) : undefined,
    query.contactsOverdue === 'false' ? sql`not ${contactsOverdueSql(today)}` : undefined,
    query.q ? systemSearchSql(query.q) : undefined,
  );
}

/**
 * q in the name or the URLs, each through its index. A one- or two-character q (招生)
 * searches names only: such a q is a word of a name, and in URLs it would match nearly
 * everything while scanning every row (docs/performance.md).
 */
function systemSearchSql(q: string): SQL | undefined {
  if (isShortQuery(q)) {
    return nameContainsSql(systems.name, q);
  }
  // The joined URLs, as their trigram index has them.
  return or(containsSql(systems.name, q), containsSql(joinedText(systems.urls), q));
}
