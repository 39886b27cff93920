import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { auditActionList, type AuditQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { auditAnchors, auditEvents, organisations } from '../../db/schema/index.js';
import type { OrgScope } from '../../lib/tenancy.js';
import { escapeLike } from '../../db/search.js';

/** Arbitrary constant for the advisory lock that serialises writes to the chain. */
const AUDIT_CHAIN_LOCK = 0x4355_5354;

export type AuditRow = typeof auditEvents.$inferSelect;
export type AuditRowWithOrg = AuditRow & { orgName: string | null; orgNameEn: string | null };
export type AuditInsert = typeof auditEvents.$inferInsert;
export type AuditAnchorRow = typeof auditAnchors.$inferSelect;
/** Search filters without paging (the CSV export streams every matching row). */
export type AuditFilter = Omit<AuditQuery, 'page' | 'pageSize'>;
/**
 * The filter as the repository applies it: `qActions` are the actions whose label (in
 * either language) contains the search text, so 「新增系統」 finds `system.create`.
 */
export type AuditCriteria = AuditFilter & { qActions?: readonly string[] };

/** Serialises chain appends until the surrounding transaction ends. */
export async function lockAuditChain(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
}

/** The newest event, or the newest anchor if every event was pruned. */
export async function findChainHead(tx: Executor): Promise<{ seq: number; hash: string } | undefined> {
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  if (last) {
    return last;
  }
  const anchor = await findLatestAnchor(tx);
  return anchor ? { seq: anchor.lastSeq, hash: anchor.lastHash } : undefined;
}

export async function insertAuditEvent(tx: Executor, row: AuditInsert): Promise<void> {
  await tx.insert(auditEvents).values(row);
}

function scopeFilter(scope: OrgScope): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  return scope.orgIds.length > 0 ? inArray(auditEvents.orgId, scope.orgIds) : sql`false`;
}

function searchFilter(scope: OrgScope, filter: AuditCriteria): SQL | undefined {
  const q = filter.q ? `%${escapeLike(filter.q)}%` : undefined;
  const actions = auditActionList(filter.actions);
  const qActions = filter.qActions ?? [];
  return and(
    scopeFilter(scope),
    filter.action ? ilike(auditEvents.action, `${escapeLike(filter.action)}%`) : undefined,
    actions.length > 0 ? inArray(auditEvents.action, actions) : undefined,
    filter.actorUserId ? eq(auditEvents.actorUserId, filter.actorUserId) : undefined,
    filter.orgId ? eq(auditEvents.orgId, filter.orgId) : undefined,
    filter.targetId ? eq(auditEvents.targetId, filter.targetId) : undefined,
    filter.from ? gte(auditEvents.occurredAt, new Date(filter.from)) : undefined,
    filter.to ? lt(auditEvents.occurredAt, new Date(filter.to)) : undefined,
    q
      ? or(
          ilike(auditEvents.actorLabel, q),
          ilike(auditEvents.action, q),
          ilike(auditEvents.targetId, q),
          ilike(sql`${auditEvents.summary}::text`, q),
          qActions.length > 0 ? inArray(auditEvents.action, [...qActions]) : undefined,
        )
      : undefined,
  );
}

const withOrgName = { event: auditEvents, orgName: organisations.name, orgNameEn: organisations.nameEn };

/** One page of events matching the filter, newest first, with the organisation's names. */
export async function searchAuditEvents(
  db: Executor,
  scope: OrgScope,
  query: AuditQuery & Pick<AuditCriteria, 'qActions'>,
): Promise<{ items: AuditRowWithOrg[]; total: number }> {
  const where = searchFilter(scope, query);
  const [rows, totals] = await Promise.all([
    db
      .select(withOrgName)
      .from(auditEvents)
      .leftJoin(organisations, eq(organisations.id, auditEvents.orgId))
      .where(where)
      .orderBy(desc(auditEvents.seq))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(auditEvents).where(where),
  ]);
  return {
    items: rows.map((r) => ({ ...r.event, orgName: r.orgName, orgNameEn: r.orgNameEn })),
    total: Number(totals[0]?.n ?? 0),
  };
}

/** A batch of matching events older than `beforeSeq` (keyset paging for the export). */
export async function findAuditEventsBefore(
  db: Executor,
  options: { scope: OrgScope; filter: AuditCriteria; beforeSeq: number | null; limit: number },
): Promise<AuditRowWithOrg[]> {
  const rows = await db
    .select(withOrgName)
    .from(auditEvents)
    .leftJoin(organisations, eq(organisations.id, auditEvents.orgId))
    .where(
      and(
        searchFilter(options.scope, options.filter),
        options.beforeSeq === null ? undefined : lt(auditEvents.seq, options.beforeSeq),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(options.limit);
  return rows.map((r) => ({ ...r.event, orgName: r.orgName, orgNameEn: r.orgNameEn }));
}

/** A batch of events after `afterSeq`, in chain order (for verification). */
export async function findAuditEventsAfter(db: Executor, afterSeq: number, limit: number): Promise<AuditRow[]> {
  return db.select().from(auditEvents).where(gt(auditEvents.seq, afterSeq)).orderBy(asc(auditEvents.seq)).limit(limit);
}

/** The newest event in the table, ignoring anchors. */
export async function findNewestEvent(db: Executor): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row;
}

/** How many events the table holds up to and including `seq`. */
export async function countEventsThrough(db: Executor, seq: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(lte(auditEvents.seq, seq));
  return Number(row?.n ?? 0);
}

export async function findAuditEventBySeq(db: Executor, seq: number): Promise<AuditRow | undefined> {
  const [row] = await db.select().from(auditEvents).where(eq(auditEvents.seq, seq)).limit(1);
  return row;
}

/** The anchor written by the most recent retention prune, if any. */
export async function findLatestAnchor(db: Executor): Promise<AuditAnchorRow | undefined> {
  const [anchor] = await db.select().from(auditAnchors).orderBy(desc(auditAnchors.lastSeq)).limit(1);
  return anchor;
}

/** The newest event that occurred before the cutoff. */
export async function findLastEventBefore(
  db: Executor,
  cutoff: Date,
): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(lt(auditEvents.occurredAt, cutoff))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row;
}

/** Deletes every event up to and including `seq`; returns how many. */
export async function deleteAuditEventsThrough(tx: Executor, seq: number): Promise<number> {
  // Counted first rather than with RETURNING, which would hold every pruned seq in memory.
  const [row] = await tx.select({ n: count() }).from(auditEvents).where(lte(auditEvents.seq, seq));
  await tx.delete(auditEvents).where(lte(auditEvents.seq, seq));
  return Number(row?.n ?? 0);
}

export async function insertAuditAnchor(
  tx: Executor,
  values: { lastSeq: number; lastHash: string; prunedCount: number },
): Promise<void> {
  await tx.insert(auditAnchors).values(values);
}
