import { and, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { ContractListQuery } from '@custodian/shared';
import { contracts } from '../../db/schema/index.js';
import { isShortQuery, likePattern, nameContainsSql } from '../../db/search.js';
import { type RegistryScope } from '../../lib/tenancy.js';
import { contractsVisibleSql } from './contracts.tenancy.js';

/*
 * The contracts list's filters, in SQL: the list, its totals, the dashboard cards and the
 * XLSX export use this one definition, so an export holds exactly the list's rows.
 */

/** A contracts list query without its page: what the filters read. */
export type ContractFilterQuery = Omit<ContractListQuery, 'page' | 'pageSize'>;

/** The contracts a scope may read. */
export const contractsVisibleToSql = (scope: RegistryScope) =>
  contractsVisibleSql(scope, { unitId: contracts.unitId, ownerUserId: contracts.ownerUserId });

/** A list query's own filters, without the scope. */
export function contractQueryFilters(query: ContractFilterQuery): SQL | undefined {
  return and(
    query.unitId ? eq(contracts.unitId, query.unitId) : undefined,
    query.divisionId ? eq(contracts.divisionId, query.divisionId) : undefined,
    query.type ? eq(contracts.type, query.type) : undefined,
    query.complianceStatus ? eq(contracts.complianceStatus, query.complianceStatus) : undefined,
    query.ownerUserId ? eq(contracts.ownerUserId, query.ownerUserId) : undefined,
    // A one- or two-character q (校務) searches names only, through their index (db/search.ts).
    query.q
      ? isShortQuery(query.q)
        ? nameContainsSql(contracts.name, query.q)
        : or(ilike(contracts.number, likePattern(query.q)), ilike(contracts.name, likePattern(query.q)))
      : undefined,
  );
}

/** The list's filters within a scope. */
export function contractListFilters(scope: RegistryScope, query: ContractFilterQuery): SQL | undefined {
  return and(contractsVisibleToSql(scope), contractQueryFilters(query));
}
