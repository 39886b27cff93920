import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { ISMS_KINDS, type QualificationStatus, type VendorQualificationSummaryQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { organisations, vendorQualifications as q } from '../../db/schema/index.js';
import type { OrgScope } from '../../lib/tenancy.js';
import { likePattern } from '../../db/search.js';
import { orgScopeSql, statusFilter, type ExpiryRule } from './vendors.repository.js';

export type SummaryRow = {
  orgId: string;
  orgName: string;
  orgNameEn: string | null;
  orgKind: string;
  parentOrgName: string | null;
  parentOrgNameEn: string | null;
  hasValidIsms: boolean;
  ismsExpiresOn: string | null;
  nearestExpiry: string | null;
  nearestExpiryStatus: QualificationStatus | null;
  valid: number;
  expiring: number;
  expired: number;
};

const parent = alias(organisations, 'summary_parent');

/** An ISO/CNS 27001 certificate of the organisation that has not expired. */
const validIsmsOf = (rule: ExpiryRule) =>
  sql`exists (select 1 from ${q} where ${q.orgId} = ${organisations.id}
    and ${q.kind} = any(${sql.param([...ISMS_KINDS])}::text[])
    and (${q.expiresOn} is null or ${q.expiresOn} >= ${rule.today}::date))`;

/**
 * Per active vendor or unit in scope: whether it holds a valid ISO/CNS 27001, the nearest
 * expiry and counts by validity. Organisations without any qualification are included, so
 * the Ministry sees who has none (item 三十九).
 */
export async function summariseQualifications(
  db: Executor,
  options: { scope: OrgScope; query: VendorQualificationSummaryQuery; rule: ExpiryRule },
): Promise<{ items: SummaryRow[]; total: number }> {
  const { scope, query, rule } = options;
  const notExpired = sql`${q.expiresOn} >= ${rule.today}::date`;
  const isIsms = sql`${q.kind} = any(${sql.param([...ISMS_KINDS])}::text[])`;
  const nearest = sql`min(${q.expiresOn}) filter (where ${notExpired})`;
  const filters = and(
    inArray(organisations.kind, ['unit', 'vendor']),
    eq(organisations.isActive, true),
    orgScopeSql(scope, sql`${organisations.id}`),
    query.orgId ? eq(organisations.id, query.orgId) : undefined,
    query.orgKind ? eq(organisations.kind, query.orgKind) : undefined,
    query.isms === 'valid' ? validIsmsOf(rule) : undefined,
    query.isms === 'missing' ? sql`not ${validIsmsOf(rule)}` : undefined,
    query.q
      ? or(
          ilike(organisations.name, likePattern(query.q)),
          ilike(organisations.nameEn, likePattern(query.q)),
          ilike(organisations.code, likePattern(query.q)),
        )
      : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select({
        orgId: organisations.id,
        orgName: organisations.name,
        orgNameEn: organisations.nameEn,
        orgKind: organisations.kind,
        parentOrgName: sql<string | null>`case when ${organisations.kind} = 'vendor' then ${parent.name} end`,
        parentOrgNameEn: sql<string | null>`case when ${organisations.kind} = 'vendor' then ${parent.nameEn} end`,
        hasValidIsms: sql<boolean>`coalesce(bool_or(${isIsms} and (${q.expiresOn} is null or ${notExpired})), false)`,
        // As text: drivers may turn a bare date into a local-midnight Date.
        ismsExpiresOn: sql<string | null>`(max(${q.expiresOn}) filter (where ${isIsms} and ${notExpired}))::text`,
        nearestExpiry: sql<string | null>`(${nearest})::text`,
        nearestExpiryStatus: sql<QualificationStatus | null>`case when ${nearest} is null then null
          when ${nearest} <= (${rule.today}::date + ${rule.warningDays}::int) then 'expiring' else 'valid' end`,
        valid: sql<number>`(count(${q.id}) filter (where ${statusFilter('valid', rule)}))::int`,
        expiring: sql<number>`(count(${q.id}) filter (where ${statusFilter('expiring', rule)}))::int`,
        expired: sql<number>`(count(${q.id}) filter (where ${statusFilter('expired', rule)}))::int`,
      })
      .from(organisations)
      .leftJoin(parent, eq(parent.id, organisations.parentId))
      .leftJoin(q, eq(q.orgId, organisations.id))
      .where(filters)
      .groupBy(organisations.id, parent.name, parent.nameEn)
      .orderBy(asc(organisations.kind), asc(organisations.name), asc(organisations.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(organisations)
      .where(filters),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      valid: Number(r.valid),
      expiring: Number(r.expiring),
      expired: Number(r.expired),
    })),
    total: Number(totals[0]?.n ?? 0),
  };
}
