import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { inIds, type RegistryScope } from '../../lib/tenancy.js';

/**
 * Which systems a scope sees (ADR 0018): a system belongs to its unit, and a ministry_owner also sees
 * the systems of the contracts they are the business owner of (item 十四).
 */

/** WHERE fragment for systems (or rows of a system) a scope may read. */
export function systemsVisibleSql(
  scope: RegistryScope,
  cols: { orgId: AnyPgColumn; systemId: AnyPgColumn },
): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  const byOrg = inIds(cols.orgId, scope.orgIds);
  if (!scope.supervisorId) {
    return byOrg;
  }
  return sql`(${byOrg} or exists (select 1 from contract_systems cs join contracts c on c.id = cs.contract_id
    where cs.system_id = ${cols.systemId} and c.owner_user_id = ${scope.supervisorId}))`;
}

/**
 * The business owners who see each system through a contract they own: distinct
 * `(row_id, owner_user_id)` pairs, the relation the `exists` above tests for one owner (the
 * dashboard's snapshot counts a system's rows once per such owner, ADR 0025).
 */
export const systemSupervisorsSql = sql`select distinct cs.system_id as row_id, c.owner_user_id
  from contract_systems cs join contracts c on c.id = cs.contract_id where c.owner_user_id is not null`;
