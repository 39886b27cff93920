import { and, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { auditEvents, organisations, users } from '../../db/schema/index.js';
import type { OrgScope } from '../../lib/tenancy.js';

function inScope(column: PgColumn, scope: OrgScope): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  return scope.orgIds.length > 0 ? inArray(column, scope.orgIds) : sql`false`;
}

export type FoundationCounts = {
  organisations: { division: number; unit: number; vendor: number };
  users: { total: number; active: number; withMfa: number; locked: number };
  auditEventsLast24h: number;
};

/**
 * The foundation's numbers in scope as columns `kinds`, `accounts` and `events` of another
 * query (read with the snapshot, `toFoundationCounts`): organisations by kind; accounts
 * (all, enabled, with MFA, locked at `now`); audit events since `since`.
 */
export function foundationColumns(options: { scope: OrgScope; now: Date; since: Date }): SQL {
  const { scope, now, since } = options;
  const where = (condition: SQL | undefined) => (condition ? sql` where ${condition}` : sql``);
  const kinds = sql`select ${organisations.kind} as kind, count(*)::int as n from ${organisations}${where(
    inScope(organisations.id, scope),
  )} group by ${organisations.kind}`;
  const accounts = sql`select json_build_array(count(*), count(case when ${users.isActive} then 1 end),
    count(${users.mfaEnabledAt}), count(case when ${users.lockedUntil} > ${now.toISOString()}::timestamptz then 1 end))
    from ${users}${where(inScope(users.orgId, scope))}`;
  const events = sql`select count(*)::int from ${auditEvents}${where(
    and(inScope(auditEvents.orgId, scope), gte(auditEvents.occurredAt, since)),
  )}`;
  return sql`(select json_object_agg(o.kind, o.n) from (${kinds}) o) as kinds, (${accounts}) as accounts,
    (${events}) as events`;
}

/** The foundation's numbers from the columns of `foundationColumns`. */
export function toFoundationCounts(row: Record<string, unknown>): FoundationCounts {
  const kinds = (row.kinds ?? {}) as Record<string, unknown>;
  const [total = 0, active = 0, withMfa = 0, locked = 0] = ((row.accounts ?? []) as unknown[]).map(Number);
  return {
    organisations: {
      division: Number(kinds.division ?? 0),
      unit: Number(kinds.unit ?? 0),
      vendor: Number(kinds.vendor ?? 0),
    },
    users: { total, active, withMfa, locked },
    auditEventsLast24h: Number(row.events ?? 0),
  };
}
