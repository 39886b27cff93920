import { and, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { OrganisationListQuery } from '@custodian/shared';
import { organisations } from '../../db/schema/index.js';
import { likePattern } from '../../db/search.js';
import type { OrgScope } from '../../lib/tenancy.js';

/** An organisations list query without its page: what the filters read. */
export type OrganisationFilterQuery = Omit<OrganisationListQuery, 'page' | 'pageSize'>;

/** The organisations a scope may read. */
export function orgScopeSql(scope: OrgScope): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  return scope.orgIds.length > 0 ? inArray(organisations.id, scope.orgIds) : sql`false`;
}

/**
 * The organisations list's filters within a scope. The list and the units export use this
 * one definition, so an export holds exactly the list's units and vendors.
 */
export function organisationListFilters(scope: OrgScope, query: OrganisationFilterQuery): SQL | undefined {
  return and(
    orgScopeSql(scope),
    query.kind ? eq(organisations.kind, query.kind) : undefined,
    query.parentId ? eq(organisations.parentId, query.parentId) : undefined,
    query.active ? eq(organisations.isActive, query.active === 'true') : undefined,
    query.q
      ? or(
          ilike(organisations.name, likePattern(query.q)),
          ilike(organisations.code, likePattern(query.q)),
          ilike(organisations.nameEn, likePattern(query.q)),
        )
      : undefined,
  );
}
