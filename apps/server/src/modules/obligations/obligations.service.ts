import { sql, type SQL } from 'drizzle-orm';
import {
  can,
  taipeiToday,
  type ObligationCounts,
  type ObligationDetail,
  type ObligationDoneInput,
  type ObligationItem,
  type ObligationListFilter,
  type ObligationListQuery,
  type ObligationSnapshotQuery,
  type ObligationSnapshots,
  type ObligationState,
  type ObligationTodo,
  type ObligationWaiveInput,
  type Role,
} from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import type { Executor } from '../../db/types.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requirePermission } from '../../lib/permissions.js';
import type { RecordChange } from '../../lib/record-changes.js';
import { requireActor, resolveOrgScope, type OrgScope } from '../../lib/tenancy.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { getAttachment } from '../attachments/attachments.service.js';
import { addDays, calendarDaysBetween } from './obligations.dates.js';
import { recomputeObligations, type RecomputeResult, type RecomputeScope } from './obligations.engine.js';
import type { ObligationSource } from './obligations.sources.js';
import { moduleAttachmentOwners, moduleObligationSources } from '../registry.js';

/** Every source the app's modules register (`obligationSources`). */
export function obligationSources(deps: Pick<AppDeps, 'modules'>): readonly ObligationSource[] {
  return moduleObligationSources(deps.modules);
}

/**
 * Rules a full recompute runs side by side on PostgreSQL: two, one per core of the smallest
 * machine it is measured on, leaving the pool's other connections to requests.
 */
const FULL_RECOMPUTE_CONCURRENCY_PG = 2;

/** Recomputes obligations at `now`: all, or one trigger's records (called by owning modules after a change). */
export async function recompute(
  deps: Pick<AppDeps, 'db' | 'driver' | 'modules'>,
  now: Date,
  scope: RecomputeScope = {},
): Promise<RecomputeResult> {
  return recomputeObligations(deps.db, obligationSources(deps), now, scope, {
    concurrency: deps.driver === 'postgres' ? FULL_RECOMPUTE_CONCURRENCY_PG : 1,
  });
}

/**
 * Called by the owning modules' services after a record changed; a failure is logged, not
 * thrown: the change is committed and the nightly recompute catches up.
 */
export async function recomputeAfterChange(deps: AppDeps, now: Date, trigger: string, subjectIds: string[]) {
  await recomputeChanged(deps, now, [{ trigger, subjectIds }]);
}

/**
 * The obligations module's record-change listener (`onRecordChanges`, lib/record-changes.ts):
 * recomputes the changed records' instances at once, one trigger at a time, so that a
 * confirmation or an acknowledgement closes its obligation without waiting for the night.
 */
export async function recomputeChanged(deps: AppDeps, now: Date, changes: readonly RecordChange[]): Promise<void> {
  for (const change of changes) {
    try {
      await recomputeObligations(deps.db, obligationSources(deps), now, {
        trigger: change.trigger,
        subjectIds: change.subjectIds,
      });
    } catch (err) {
      deps.log.error({ err, trigger: change.trigger }, 'obligation recompute after a change failed');
    }
  }
}

const stateSql = (today: string): SQL => sql`CASE
  WHEN o.status = 'done' THEN 'done'
  WHEN o.status = 'waived' AND o.waiver_expires_on >= ${today}::date THEN 'waived'
  WHEN o.due_on < ${today}::date THEN 'overdue'
  WHEN o.due_on <= ${today}::date + o.reminder_window_days THEN 'due'
  ELSE 'upcoming' END`;

const openSql = (today: string): SQL =>
  sql`(o.status = 'open' OR (o.status = 'waived' AND o.waiver_expires_on < ${today}::date))`;

function scopeSql(scope: OrgScope): SQL {
  if (scope.kind === 'all') {
    return sql`true`;
  }
  if (scope.orgIds.length === 0) {
    return sql`false`;
  }
  return sql`o.org_id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(scope.orgIds)}::json))`;
}

function filterSql(filter: ObligationListFilter, today: string): SQL {
  const parts: SQL[] = [sql`o.status <> 'cancelled'`];
  if (filter.item) {
    parts.push(sql`o.item = ${filter.item}`);
  }
  if (filter.ruleId) {
    parts.push(sql`o.rule_id = ${filter.ruleId}`);
  }
  if (filter.orgId) {
    parts.push(sql`o.org_id = ${filter.orgId}`);
  }
  if (filter.ownerUserId) {
    parts.push(sql`o.responsible_user_id = ${filter.ownerUserId}`);
  }
  if (filter.from) {
    parts.push(sql`o.due_on >= ${filter.from}::date`);
  }
  if (filter.to) {
    parts.push(sql`o.due_on <= ${filter.to}::date`);
  }
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(
      sql`(o.subject_name ILIKE ${like} OR org.name ILIKE ${like} OR org.name_en ILIKE ${like} OR o.title_text ILIKE ${like})`,
    );
  }
  if (filter.state === 'open') {
    parts.push(openSql(today));
  } else if (filter.state) {
    parts.push(sql`${stateSql(today)} = ${filter.state}`);
  }
  return sql.join(parts, sql` AND `);
}

type InstanceRow = {
  id: string;
  ruleId: string;
  item: string;
  trigger: string;
  titleKey: string;
  titleParams: Record<string, string | number>;
  titleText: string;
  state: ObligationState;
  dueOn: string;
  periodKey: string;
  orgId: string;
  orgName: string;
  orgNameEn: string | null;
  responsibleUserId: string | null;
  responsibleName: string | null;
  subjectType: string;
  subjectId: string;
  subjectName: string;
  subjectNameEn: string | null;
  link: string;
  doneOn: string | null;
  doneAt: string | null;
  doneBy: string | null;
  doneByName: string | null;
  doneNote: string | null;
  doneAttachmentId: string | null;
  doneLink: string | null;
  waiverReason: string | null;
  waiverBy: string | null;
  waiverByName: string | null;
  waiverAt: string | null;
  waiverExpiresOn: string | null;
  policyVersionId: string;
  policyVersion: number;
  anchorOn: string;
  period: string;
  periodSource: string | null;
  computedOn: string;
  shiftToWorkingDay: boolean;
  shiftedFrom: string | null;
  shiftNote: string | null;
  calendarImported: boolean;
  reminderDays: number[];
  escalation: { businessOwnerAfterDays: number; ministryAfterDays: number } | null;
};

const selectSql = (today: string): SQL => sql`SELECT o.id, o.rule_id AS "ruleId", o.item, o.trigger,
    o.title_key AS "titleKey", o.title_params AS "titleParams", o.title_text AS "titleText",
    ${stateSql(today)} AS state, o.due_on::text AS "dueOn", o.period_key AS "periodKey",
    o.org_id AS "orgId", org.name AS "orgName", org.name_en AS "orgNameEn",
    o.responsible_user_id AS "responsibleUserId", ru.name AS "responsibleName",
    o.subject_type AS "subjectType", o.subject_id AS "subjectId", o.subject_name AS "subjectName",
    -- An organisation's duty is about the unit itself (subject_id = org_id, obligations.periodic.ts).
    CASE WHEN o.subject_type = 'organisation' THEN org.name_en END AS "subjectNameEn", o.link,
    o.done_on::text AS "doneOn", o.done_at AS "doneAt", o.done_by AS "doneBy", du.name AS "doneByName",
    o.done_note AS "doneNote", o.done_attachment_id AS "doneAttachmentId", o.done_link AS "doneLink",
    o.waiver_reason AS "waiverReason", o.waiver_by AS "waiverBy", wu.name AS "waiverByName", o.waiver_at AS "waiverAt",
    o.waiver_expires_on::text AS "waiverExpiresOn",
    o.policy_version_id AS "policyVersionId", o.policy_version AS "policyVersion", o.anchor_on::text AS "anchorOn",
    o.period, o.period_source AS "periodSource", o.computed_on::text AS "computedOn",
    o.shift_to_working_day AS "shiftToWorkingDay", o.shifted_from::text AS "shiftedFrom", o.shift_note AS "shiftNote",
    o.calendar_imported AS "calendarImported", o.reminder_days AS "reminderDays", o.escalation
  FROM obligation_instances o
  JOIN organisations org ON org.id = o.org_id
  LEFT JOIN users ru ON ru.id = o.responsible_user_id
  LEFT JOIN users du ON du.id = o.done_by
  LEFT JOIN users wu ON wu.id = o.waiver_by`;

const iso = (v: string | Date | null): string | null => (v === null ? null : new Date(v).toISOString());

/**
 * An instance as the caller sees it; `can` says whether their role may close it (the row is
 * in their read scope already, the only scope done and waive check) while it is still open.
 */
export function presentItem(row: InstanceRow, today: string, role: Role): ObligationItem {
  const open = row.state !== 'done' && row.state !== 'waived';
  return {
    id: row.id,
    ruleId: row.ruleId,
    item: row.item,
    title: { key: row.titleKey, params: row.titleParams, text: row.titleText },
    state: row.state,
    dueOn: row.dueOn,
    periodKey: row.periodKey,
    orgId: row.orgId,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    responsibleUserId: row.responsibleUserId,
    responsibleName: row.responsibleName,
    subject: { type: row.subjectType, id: row.subjectId, name: row.subjectName, nameEn: row.subjectNameEn },
    link: row.link,
    daysToDue: calendarDaysBetween(today, row.dueOn),
    evidence:
      row.state === 'done' && row.doneOn
        ? {
            doneOn: row.doneOn,
            doneAt: iso(row.doneAt) ?? '',
            doneBy: row.doneBy,
            doneByName: row.doneByName,
            note: row.doneNote,
            attachmentId: row.doneAttachmentId,
            link: row.doneLink,
          }
        : null,
    waiver:
      row.state === 'waived' && row.waiverReason && row.waiverExpiresOn
        ? {
            reason: row.waiverReason,
            approvedBy: row.waiverBy,
            approvedByName: row.waiverByName,
            approvedAt: iso(row.waiverAt) ?? '',
            expiresOn: row.waiverExpiresOn,
          }
        : null,
    can: {
      complete: open && can(role, 'obligations.complete'),
      waive: open && can(role, 'obligations.waive'),
    },
  };
}

function presentDetail(row: InstanceRow, today: string, role: Role): ObligationDetail {
  return {
    ...presentItem(row, today, role),
    explanation: {
      ruleId: row.ruleId,
      ruleVersion: row.policyVersion,
      policyVersionId: row.policyVersionId,
      item: row.item,
      trigger: row.trigger,
      anchorOn: row.anchorOn,
      period: row.period,
      periodSource: row.periodSource,
      computedOn: row.computedOn,
      shiftToWorkingDay: row.shiftToWorkingDay,
      shiftedFrom: row.shiftedFrom,
      shiftNote: row.shiftNote,
      calendarImported: row.calendarImported,
      dueOn: row.dueOn,
      reminderDays: row.reminderDays,
      escalation: row.escalation
        ? [
            { afterDays: row.escalation.businessOwnerAfterDays, to: 'business_owner' },
            { afterDays: row.escalation.ministryAfterDays, to: 'ministry_security_office' },
          ]
        : [],
    },
  };
}

async function scopeOf(deps: AppDeps, ctx: RequestContext): Promise<OrgScope> {
  return resolveOrgScope(deps.db, requireActor(ctx.actor));
}

/** The rows of a filter within a scope, ordered by due day. */
export async function queryInstances(
  db: Executor,
  scope: OrgScope,
  filter: ObligationListFilter,
  today: string,
  page?: { limit: number; offset: number },
): Promise<InstanceRow[]> {
  return queryRows<InstanceRow>(
    db,
    sql`${selectSql(today)} WHERE ${scopeSql(scope)} AND ${filterSql(filter, today)}
        ORDER BY o.due_on, o.id ${page ? sql`LIMIT ${page.limit} OFFSET ${page.offset}` : sql``}`,
  );
}

export async function listObligations(deps: AppDeps, ctx: RequestContext, query: ObligationListQuery) {
  const { role } = requireActor(ctx.actor);
  const today = taipeiToday(ctx.now);
  const scope = await scopeOf(deps, ctx);
  const rows = await queryInstances(deps.db, scope, query, today, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  const [count] = await queryRows<{ n: number }>(
    deps.db,
    sql`SELECT count(*)::int AS n FROM obligation_instances o JOIN organisations org ON org.id = o.org_id
        WHERE ${scopeSql(scope)} AND ${filterSql(query, today)}`,
  );
  return {
    items: rows.map((r) => presentItem(r, today, role)),
    total: count?.n ?? 0,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Most rows a to-do group shows; the list page has the rest. */
const TODO_GROUP_LIMIT = 200;

/** The caller's open obligations, grouped: overdue, this week (to Sunday), this month, later. */
export async function todo(deps: AppDeps, ctx: RequestContext): Promise<ObligationTodo> {
  const { role } = requireActor(ctx.actor);
  const today = taipeiToday(ctx.now);
  const scope = await scopeOf(deps, ctx);
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
  const sunday = addDays(today, weekday === 0 ? 0 : 7 - weekday);
  const monthEnd = endOfMonth(today);
  const group = async (filter: ObligationListFilter) =>
    (
      await queryInstances(deps.db, scope, { state: 'open', ...filter }, today, { limit: TODO_GROUP_LIMIT, offset: 0 })
    ).map((r) => presentItem(r, today, role));
  return {
    today,
    overdue: await group({ to: addDays(today, -1) }),
    thisWeek: await group({ from: today, to: sunday }),
    thisMonth: sunday < monthEnd ? await group({ from: addDays(sunday, 1), to: monthEnd }) : [],
    later: await group({ from: addDays(sunday < monthEnd ? monthEnd : sunday, 1) }),
  };
}

export function endOfMonth(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

async function findInScope(deps: AppDeps, ctx: RequestContext, id: string, today: string): Promise<InstanceRow> {
  const scope = await scopeOf(deps, ctx);
  const [row] = await queryRows<InstanceRow>(
    deps.db,
    sql`${selectSql(today)} WHERE o.id = ${id} AND o.status <> 'cancelled' AND ${scopeSql(scope)}`,
  );
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

export async function getObligation(deps: AppDeps, ctx: RequestContext, id: string): Promise<ObligationDetail> {
  const today = taipeiToday(ctx.now);
  return presentDetail(await findInScope(deps, ctx, id, today), today, requireActor(ctx.actor).role);
}

/** Marks an open obligation done with a note and optional attachment (the evidence record). */
export async function markDone(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ObligationDoneInput,
): Promise<ObligationDetail> {
  const actor = requirePermission(ctx, 'obligations.complete');
  const today = taipeiToday(ctx.now);
  const row = await findInScope(deps, ctx, id, today);
  if (row.state === 'done' || row.state === 'waived') {
    throw new AppError('OBLIGATION_CLOSED');
  }
  if (input.attachmentId) {
    await getAttachment(deps, ctx, moduleAttachmentOwners(deps.modules), input.attachmentId);
  }
  await deps.db.transaction(async (tx) => {
    const updated = await queryRows<{ id: string }>(
      tx,
      sql`UPDATE obligation_instances SET status = 'done', done_on = ${today}, done_at = ${ctx.now.toISOString()},
            done_by = ${actor.userId}, done_note = ${input.note}, done_attachment_id = ${input.attachmentId ?? null},
            updated_at = ${ctx.now.toISOString()}
          WHERE id = ${id} AND status IN ('open', 'waived') RETURNING id`,
    );
    if (updated.length === 0) {
      throw new AppError('OBLIGATION_CLOSED');
    }
    await recordAudit(tx, deps, ctx, {
      action: 'obligation.done',
      orgId: row.orgId,
      targetType: 'obligation',
      targetId: id,
      summary: { ruleId: row.ruleId, dueOn: row.dueOn, note: input.note, attachmentId: input.attachmentId ?? null },
    });
  });
  // A periodic duty's next period counts from today.
  await recomputeAfterChange(deps, ctx.now, row.trigger, [row.subjectId]);
  return getObligation(deps, ctx, id);
}

/** Waives an open obligation until `expiresOn`, with a reason; the approver is the Ministry actor. */
export async function waive(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ObligationWaiveInput,
): Promise<ObligationDetail> {
  const actor = requirePermission(ctx, 'obligations.waive');
  const today = taipeiToday(ctx.now);
  const row = await findInScope(deps, ctx, id, today);
  if (input.expiresOn < today) {
    throw new AppError('OBLIGATION_WAIVER_EXPIRY_INVALID');
  }
  if (row.state === 'done' || row.state === 'waived') {
    throw new AppError('OBLIGATION_CLOSED');
  }
  await deps.db.transaction(async (tx) => {
    await queryRows(
      tx,
      sql`UPDATE obligation_instances SET status = 'waived', waiver_reason = ${input.reason}, waiver_by = ${actor.userId},
            waiver_at = ${ctx.now.toISOString()}, waiver_expires_on = ${input.expiresOn}, updated_at = ${ctx.now.toISOString()}
          WHERE id = ${id}`,
    );
    await recordAudit(tx, deps, ctx, {
      action: 'obligation.waive',
      orgId: row.orgId,
      targetType: 'obligation',
      targetId: id,
      summary: { ruleId: row.ruleId, dueOn: row.dueOn, reason: input.reason, expiresOn: input.expiresOn },
    });
  });
  return getObligation(deps, ctx, id);
}

export async function counts(deps: AppDeps, ctx: RequestContext): Promise<ObligationCounts> {
  const today = taipeiToday(ctx.now);
  const monthEnd = endOfMonth(today);
  const scope = await scopeOf(deps, ctx);
  const rows = await queryRows<{
    state: ObligationState;
    orgId: string;
    orgName: string;
    orgNameEn: string | null;
    item: string;
    bucket: string;
    n: number;
  }>(
    deps.db,
    sql`SELECT ${stateSql(today)} AS state, o.org_id AS "orgId", org.name AS "orgName", org.name_en AS "orgNameEn", o.item,
          CASE WHEN NOT ${openSql(today)} THEN 'closed' WHEN o.due_on < ${today}::date THEN 'overdue'
               WHEN o.due_on <= ${monthEnd}::date THEN 'dueThisMonth' ELSE 'upcoming' END AS bucket,
          count(*)::int AS n
        FROM obligation_instances o JOIN organisations org ON org.id = o.org_id
        WHERE o.status <> 'cancelled' AND ${scopeSql(scope)}
        GROUP BY 1, 2, 3, 4, 5, 6`,
  );
  const byState: Record<ObligationState, number> = { upcoming: 0, due: 0, overdue: 0, done: 0, waived: 0 };
  const totals = { overdue: 0, dueThisMonth: 0, upcoming: 0 };
  const byOrg = new Map<
    string,
    {
      orgId: string;
      orgName: string;
      orgNameEn: string | null;
      overdue: number;
      dueThisMonth: number;
      upcoming: number;
    }
  >();
  const byItem = new Map<string, { item: string; overdue: number; dueThisMonth: number; upcoming: number }>();
  for (const r of rows) {
    byState[r.state] += r.n;
    if (r.bucket === 'closed') {
      continue;
    }
    const bucket = r.bucket as keyof typeof totals;
    totals[bucket] += r.n;
    const org = byOrg.get(r.orgId) ?? {
      orgId: r.orgId,
      orgName: r.orgName,
      orgNameEn: r.orgNameEn,
      overdue: 0,
      dueThisMonth: 0,
      upcoming: 0,
    };
    org[bucket] += r.n;
    byOrg.set(r.orgId, org);
    const item = byItem.get(r.item) ?? { item: r.item, overdue: 0, dueThisMonth: 0, upcoming: 0 };
    item[bucket] += r.n;
    byItem.set(r.item, item);
  }
  return {
    today,
    monthEnd,
    byState,
    totals,
    byOrg: [...byOrg.values()].sort((a, b) => b.overdue - a.overdue || a.orgName.localeCompare(b.orgName)),
    byItem: [...byItem.values()].sort((a, b) => a.item.localeCompare(b.item)),
  };
}

/** Writes today's snapshot of open and overdue obligations per unit (idempotent per day). */
export async function writeSnapshot(db: Executor, now: Date): Promise<number> {
  const today = taipeiToday(now);
  const rows = await queryRows<{ day: string }>(
    db,
    sql`INSERT INTO obligation_snapshots (day, org_id, overdue, open)
        SELECT ${today}::date, o.org_id, count(*) FILTER (WHERE o.due_on < ${today}::date)::int, count(*)::int
        FROM obligation_instances o WHERE ${openSql(today)}
        GROUP BY o.org_id
        ON CONFLICT (day, org_id) DO UPDATE SET overdue = excluded.overdue, open = excluded.open
        RETURNING day::text`,
  );
  return rows.length;
}

export async function snapshots(
  deps: AppDeps,
  ctx: RequestContext,
  query: ObligationSnapshotQuery,
): Promise<ObligationSnapshots> {
  const today = taipeiToday(ctx.now);
  const scope = await scopeOf(deps, ctx);
  const from = query.from ?? addDays(today, -90);
  const to = query.to ?? today;
  const items = await queryRows<{ day: string; overdue: number; open: number }>(
    deps.db,
    sql`SELECT o.day::text AS day, sum(o.overdue)::int AS overdue, sum(o.open)::int AS open
        FROM obligation_snapshots o
        WHERE o.day BETWEEN ${from}::date AND ${to}::date AND ${scopeSql(scope)}
          ${query.orgId ? sql`AND o.org_id = ${query.orgId}` : sql``}
        GROUP BY o.day ORDER BY o.day`,
  );
  return { items };
}
