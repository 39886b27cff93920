import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { HostListQuery } from '@custodian/shared';
import { hosts } from '../../db/schema/index.js';
import { containsSql, joinedText, likePattern } from '../../db/search.js';
import { type RegistryScope } from '../../lib/tenancy.js';
import { hostsVisibleSql } from './hosts.tenancy.js';

/** A hosts list query without its page: what the filters read. */
export type HostFilterQuery = Omit<HostListQuery, 'page' | 'pageSize'>;

/**
 * The hosts list's filters within a scope; q matches the host name or any of its
 * addresses. The list and the XLSX export use this one definition, so an export holds
 * exactly the list's rows.
 */
export function hostListFilters(scope: RegistryScope, query: HostFilterQuery): SQL | undefined {
  // Addresses are stored normalised and lower-case, so a plain LIKE on them suffices.
  const ipPattern = query.q ? likePattern(query.q.toLowerCase()) : undefined;
  return and(
    hostsVisibleSql(scope, { orgId: hosts.orgId, hostId: hosts.id }),
    query.orgId ? eq(hosts.orgId, query.orgId) : undefined,
    query.location ? eq(hosts.location, query.location) : undefined,
    query.active ? eq(hosts.isActive, query.active === 'true') : undefined,
    query.systemId
      ? sql`exists (select 1 from system_hosts sh where sh.host_id = ${hosts.id} and sh.system_id = ${query.systemId})`
      : undefined,
    query.q && ipPattern
      ? or(containsSql(hosts.hostname, query.q), sql`${joinedText(hosts.ips)} like ${ipPattern}`)
      : undefined,
  );
}

/**
 * A scalar subquery: the id of the unit's host that has address `ip` (preferred) or name
 * `hostname` (lower-case), or null. For modules that match what they saw to the registry
 * (scan findings, issue 9) inside their own statements.
 */
export function matchingHostIdSql(input: { orgId: string; ip: SQL; hostname: SQL }): SQL {
  const { orgId, ip, hostname } = input;
  return sql`(select h.id from hosts h where h.org_id = ${orgId}
    and ((${ip} is not null and ${ip} = any(h.ips)) or (${hostname} is not null and lower(h.hostname) = ${hostname}))
    order by (${ip} is not null and ${ip} = any(h.ips)) desc, h.id limit 1)`;
}
