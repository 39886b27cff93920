import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { QualificationStatus, VendorQualificationListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { attachments, organisations, users, vendorQualifications as q } from '../../db/schema/index.js';
import type { OrgScope } from '../../lib/tenancy.js';
import { likePattern } from '../../db/search.js';

export type QualificationRow = typeof q.$inferSelect;

/** The day validity is judged on and the warning period of the policy in force that day. */
export type ExpiryRule = { today: string; warningDays: number };

export type QualificationWithMeta = QualificationRow & {
  orgName: string;
  orgNameEn: string | null;
  orgKind: string;
  parentOrgName: string | null;
  parentOrgNameEn: string | null;
  createdByName: string | null;
  attachmentCount: number;
  status: QualificationStatus;
  daysToExpiry: number | null;
};

// `qualificationsFromSql` names the alias too.
const org = alias(organisations, 'holder');
const parent = alias(organisations, 'holder_parent');

/** The last day that still counts as "expiring" rather than "valid". */
const warningEnd = (rule: ExpiryRule) => sql`(${rule.today}::date + ${rule.warningDays}::int)`;

/** Validity, computed in SQL so lists can filter and page on it. */
export function statusSql(rule: ExpiryRule): SQL<QualificationStatus> {
  return sql<QualificationStatus>`case
    when ${q.expiresOn} is null then 'valid'
    when ${q.expiresOn} < ${rule.today}::date then 'expired'
    when ${q.expiresOn} <= ${warningEnd(rule)} then 'expiring'
    else 'valid' end`;
}

/** WHERE fragment for one validity. */
export function statusFilter(status: QualificationStatus, rule: ExpiryRule): SQL {
  switch (status) {
    case 'expired':
      return sql`${q.expiresOn} < ${rule.today}::date`;
    case 'expiring':
      return sql`(${q.expiresOn} >= ${rule.today}::date and ${q.expiresOn} <= ${warningEnd(rule)})`;
    case 'valid':
      return sql`(${q.expiresOn} is null or ${q.expiresOn} > ${warningEnd(rule)})`;
  }
}

/** WHERE fragment restricting rows of `orgId` to a read scope; undefined when it reads all. */
export function orgScopeSql(scope: OrgScope, orgId: SQL | typeof q.orgId): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  return sql`${orgId} = any(${sql.param(scope.orgIds)}::uuid[])`;
}

function selection(rule: ExpiryRule) {
  return {
    row: q,
    orgName: org.name,
    orgNameEn: org.nameEn,
    orgKind: org.kind,
    parentOrgName: sql<string | null>`case when ${org.kind} = 'vendor' then ${parent.name} end`,
    parentOrgNameEn: sql<string | null>`case when ${org.kind} = 'vendor' then ${parent.nameEn} end`,
    createdByName: users.name,
    attachmentCount: sql<number>`(select count(*)::int from ${attachments}
      where ${attachments.ownerType} = 'vendor_qualification' and ${attachments.ownerId} = ${q.id})`,
    status: statusSql(rule),
    daysToExpiry: sql<number | null>`(${q.expiresOn} - ${rule.today}::date)`,
  };
}

type Selected = {
  row: QualificationRow;
  orgName: string;
  orgNameEn: string | null;
  orgKind: string;
  parentOrgName: string | null;
  parentOrgNameEn: string | null;
  createdByName: string | null;
  attachmentCount: number;
  status: QualificationStatus;
  daysToExpiry: number | null;
};

function flatten(r: Selected): QualificationWithMeta {
  return {
    ...r.row,
    orgName: r.orgName,
    orgNameEn: r.orgNameEn,
    orgKind: r.orgKind,
    parentOrgName: r.parentOrgName,
    parentOrgNameEn: r.parentOrgNameEn,
    createdByName: r.createdByName,
    attachmentCount: Number(r.attachmentCount),
    status: r.status,
    daysToExpiry: r.daysToExpiry === null ? null : Number(r.daysToExpiry),
  };
}

/**
 * A list query's own filters, without the scope, over qualifications joined with their
 * holder (`qualificationsFromSql`): the list, its total and the dashboard's cards use this
 * one definition.
 */
export function qualificationQueryFilters(
  query: Omit<VendorQualificationListQuery, 'page' | 'pageSize'>,
  rule: ExpiryRule,
): SQL | undefined {
  return and(
    query.orgId ? eq(q.orgId, query.orgId) : undefined,
    query.kind ? eq(q.kind, query.kind) : undefined,
    query.status ? statusFilter(query.status, rule) : undefined,
    query.q
      ? or(
          ilike(q.name, likePattern(query.q)),
          ilike(q.certificateNumber, likePattern(query.q)),
          ilike(org.name, likePattern(query.q)),
          ilike(org.nameEn, likePattern(query.q)),
        )
      : undefined,
  );
}

/** Qualifications with their holder, the rows the list filters. */
export const qualificationsFromSql = sql`${q} join ${organisations} ${sql.identifier('holder')} on ${org.id} = ${q.orgId}`;

/** Qualifications in scope, soonest expiry first, filtered and paged. */
export async function listQualifications(
  db: Executor,
  options: { scope: OrgScope; query: VendorQualificationListQuery; rule: ExpiryRule },
) {
  const { scope, query, rule } = options;
  const filters = and(orgScopeSql(scope, q.orgId), qualificationQueryFilters(query, rule));
  const [rows, totals] = await Promise.all([
    db
      .select(selection(rule))
      .from(q)
      .innerJoin(org, eq(org.id, q.orgId))
      .leftJoin(parent, eq(parent.id, org.parentId))
      .leftJoin(users, eq(users.id, q.createdBy))
      .where(filters)
      .orderBy(sql`${q.expiresOn} asc nulls last`, asc(org.name), asc(q.name), asc(q.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(q)
      .innerJoin(org, eq(org.id, q.orgId))
      .where(filters),
  ]);
  return { items: rows.map(flatten), total: Number(totals[0]?.n ?? 0) };
}

export async function findQualificationById(
  db: Executor,
  id: string,
  rule: ExpiryRule,
): Promise<QualificationWithMeta | undefined> {
  const [row] = await db
    .select(selection(rule))
    .from(q)
    .innerJoin(org, eq(org.id, q.orgId))
    .leftJoin(parent, eq(parent.id, org.parentId))
    .leftJoin(users, eq(users.id, q.createdBy))
    .where(eq(q.id, id))
    .limit(1);
  return row ? flatten(row) : undefined;
}

/** The bare row, e.g. to check access before a change. */
export async function findQualificationRow(db: Executor, id: string): Promise<QualificationRow | undefined> {
  const [row] = await db.select().from(q).where(eq(q.id, id)).limit(1);
  return row;
}

export async function insertQualification(tx: Executor, values: typeof q.$inferInsert): Promise<QualificationRow> {
  const [row] = await tx.insert(q).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateQualification(
  tx: Executor,
  id: string,
  values: Partial<typeof q.$inferInsert>,
  now: Date,
): Promise<QualificationRow | undefined> {
  const [row] = await tx
    .update(q)
    .set({ ...values, updatedAt: now })
    .where(eq(q.id, id))
    .returning();
  return row;
}

export async function deleteQualification(tx: Executor, id: string): Promise<void> {
  await tx.delete(q).where(eq(q.id, id));
}

/** Files attached to a qualification. */
export async function countQualificationAttachments(db: Executor, id: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(attachments)
    .where(and(eq(attachments.ownerType, 'vendor_qualification'), eq(attachments.ownerId, id)));
  return Number(row?.n ?? 0);
}

/** The organisation of a qualification; undefined when it does not exist. */
export async function findVendorQualificationOrg(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db.select({ orgId: q.orgId }).from(q).where(eq(q.id, id)).limit(1);
  return row?.orgId;
}
