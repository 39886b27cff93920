import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { inIds, type RegistryScope } from '../../lib/tenancy.js';

/**
 * Which hosts a scope sees (ADR 0018): a host belongs to its unit, and a ministry_owner also sees the
 * hosts of the systems of the contracts they are the business owner of (item 十四).
 */

/** WHERE fragment for hosts a scope may read. */
export function hostsVisibleSql(
  scope: RegistryScope,
  cols: { orgId: AnyPgColumn; hostId: AnyPgColumn },
): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  const byOrg = inIds(cols.orgId, scope.orgIds);
  if (!scope.supervisorId) {
    return byOrg;
  }
  return sql`(${byOrg} or exists (select 1 from system_hosts sh join contract_systems cs on cs.system_id = sh.system_id
    join contracts c on c.id = cs.contract_id where sh.host_id = ${cols.hostId} and c.owner_user_id = ${scope.supervisorId}))`;
}
