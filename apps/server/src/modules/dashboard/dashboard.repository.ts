import { and, count, gte, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { auditEvents, organisations, users } from '../../db/schema/index.js';
import type { OrgScope } from '../../lib/tenancy.js';

function inScope(column: PgColumn, scope: OrgScope): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  return scope.orgIds.length > 0 ? inArray(column, scope.orgIds) : sql`false`;
}

/** Organisations in scope, counted by kind. */
export async function countOrganisationsByKind(db: Executor, scope: OrgScope): Promise<Record<string, number>> {
  const rows = await db
    .select({ kind: organisations.kind, n: count() })
    .from(organisations)
    .where(inScope(organisations.id, scope))
    .groupBy(organisations.kind);
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}

/** Accounts in scope: all, enabled, with MFA, and currently locked. */
export async function countUsers(db: Executor, scope: OrgScope, now: Date) {
  const [row] = await db
    .select({
      total: count(),
      active: count(sql`case when ${users.isActive} then 1 end`),
      withMfa: count(users.mfaEnabledAt),
      locked: count(sql`case when ${users.lockedUntil} > ${now.toISOString()}::timestamptz then 1 end`),
    })
    .from(users)
    .where(inScope(users.orgId, scope));
  return {
    total: Number(row?.total ?? 0),
    active: Number(row?.active ?? 0),
    withMfa: Number(row?.withMfa ?? 0),
    locked: Number(row?.locked ?? 0),
  };
}

/** Audit events since a time, for organisations in scope. */
export async function countAuditEventsSince(db: Executor, scope: OrgScope, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(inScope(auditEvents.orgId, scope), gte(auditEvents.occurredAt, since)));
  return Number(row?.n ?? 0);
}
