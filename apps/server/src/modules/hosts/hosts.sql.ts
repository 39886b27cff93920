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
