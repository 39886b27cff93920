import { asc, sql } from 'drizzle-orm';
import { taipeiToday, type ObligationRule } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import type { Executor } from '../../db/types.js';
import { policyVersions, workingDays } from '../../db/schema/index.js';
import { policyInForce } from '../../lib/policy.js';
import { addDays, computeDue, type DueComputation, type WorkingDayCalendar } from './obligations.dates.js';
import type { ObligationCandidate, ObligationSource } from './obligations.sources.js';

/*
 * The recompute (ADR 0019): rules of the version in force today × the records their sources
 * yield → instances, written by one upsert per chunk on the unique key (rule, subject,
 * period). Running it twice creates nothing twice and rewrites nothing unchanged. An
 * existing instance keeps its due day and the rule version it was judged by; only names,
 * links, the responsible person and "fulfilled by the record" are refreshed. A subject's
 * open instance of an older period is closed as done when a newer period appears (the
 * contacts were confirmed again, the allocation renewed); an open instance whose record no
 * longer yields one (system decommissioned, allocation released) is cancelled.
 */

export type RecomputeScope = { trigger?: string; subjectIds?: readonly string[] };
export type RecomputeResult = { inserted: number; updated: number; superseded: number; cancelled: number };

const CHUNK = 2000;

export async function loadWorkingDayCalendar(db: Executor): Promise<WorkingDayCalendar> {
  const rows = await db.select().from(workingDays);
  return {
    importedYears: new Set(rows.map((r) => Number(r.day.slice(0, 4)))),
    days: new Map(rows.map((r) => [r.day, { isHoliday: r.isHoliday, note: r.note }])),
  };
}

/** The first effective day of a published version holding each rule id. */
async function rulesInForceSince(db: Executor): Promise<Map<string, string>> {
  const versions = await db
    .select({ effectiveFrom: policyVersions.effectiveFrom, rules: policyVersions.rules })
    .from(policyVersions)
    .orderBy(asc(policyVersions.effectiveFrom), asc(policyVersions.version));
  const since = new Map<string, string>();
  for (const v of versions) {
    const list = (v.rules as { obligations?: { id: string }[] }).obligations ?? [];
    for (const rule of list) {
      if (!since.has(rule.id)) {
        since.set(rule.id, v.effectiveFrom);
      }
    }
  }
  return since;
}

async function unitLevels(db: Executor): Promise<Map<string, 'A' | 'B' | 'C'>> {
  const rows = await queryRows<{ id: string; level: 'A' | 'B' | 'C' }>(
    db,
    sql`SELECT id, responsibility_level AS level FROM organisations WHERE responsibility_level IS NOT NULL`,
  );
  return new Map(rows.map((r) => [r.id, r.level]));
}

type Row = ReturnType<typeof toRow>;

/**
 * The due computation of a record that owes the duty already (`owedSinceAnchor`): due the
 * day before the anchor, never shifted (a rest day cannot make it due later), so it is
 * overdue from the anchor day on, as the owning module's own lists count it.
 */
function owedSince(anchorOn: string, reason: string, calendar: WorkingDayCalendar): DueComputation {
  const dueOn = addDays(anchorOn, -1);
  return {
    period: 'P0D',
    periodSource: reason,
    computedOn: dueOn,
    dueOn,
    shiftedFrom: null,
    shiftNote: null,
    calendarImported: calendar.importedYears.has(Number(dueOn.slice(0, 4))),
  };
}

function toRow(
  rule: ObligationRule,
  source: ObligationSource,
  policy: { id: string; version: number },
  c: ObligationCandidate,
  due: NonNullable<ReturnType<typeof computeDue>>,
  now: Date,
) {
  return {
    rule_id: rule.id,
    item: rule.item,
    trigger: rule.trigger,
    subject_type: c.subjectType,
    subject_id: c.subjectId,
    subject_name: c.subjectName,
    period_key: c.periodKey,
    org_id: c.orgId,
    responsible_user_id: c.responsibleUserId,
    policy_version_id: policy.id,
    policy_version: policy.version,
    anchor_on: c.anchorOn,
    period: due.period,
    period_source: due.periodSource,
    computed_on: due.computedOn,
    due_on: due.dueOn,
    shift_to_working_day: rule.shiftToWorkingDay,
    shifted_from: due.shiftedFrom,
    shift_note: due.shiftNote,
    calendar_imported: due.calendarImported,
    reminder_days: rule.reminderDays,
    reminder_window_days: Math.max(0, ...rule.reminderDays),
    escalation: rule.escalation,
    title_key: source.titleKey,
    title_params: c.titleParams,
    title_text: source.title(c.titleParams),
    link: c.link,
    status: c.fulfilled ? 'done' : 'open',
    done_on: c.fulfilled?.on ?? null,
    done_at: c.fulfilled ? now.toISOString() : null,
    done_link: c.fulfilled?.link ?? null,
  };
}

async function upsert(db: Executor, rows: Row[], now: Date): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  let updated = 0;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = JSON.stringify(rows.slice(i, i + CHUNK));
    const result = await queryRows<{ inserted: boolean }>(
      db,
      sql`INSERT INTO obligation_instances AS o (rule_id, item, trigger, subject_type, subject_id, subject_name, period_key,
            org_id, responsible_user_id, policy_version_id, policy_version, anchor_on, period, period_source, computed_on,
            due_on, shift_to_working_day, shifted_from, shift_note, calendar_imported, reminder_days, reminder_window_days,
            escalation, title_key, title_params, title_text, link, status, done_on, done_at, done_link, created_at, updated_at)
          SELECT r.rule_id, r.item, r.trigger, r.subject_type, r.subject_id, r.subject_name, r.period_key, r.org_id,
            r.responsible_user_id, r.policy_version_id, r.policy_version, r.anchor_on, r.period, r.period_source,
            r.computed_on, r.due_on, r.shift_to_working_day, r.shifted_from, r.shift_note, r.calendar_imported,
            r.reminder_days, r.reminder_window_days, r.escalation, r.title_key, r.title_params, r.title_text, r.link,
            r.status, r.done_on, r.done_at, r.done_link, ${now.toISOString()}, ${now.toISOString()}
          FROM json_to_recordset(${chunk}::json) AS r(rule_id text, item text, trigger text, subject_type text,
            subject_id uuid, subject_name text, period_key text, org_id uuid, responsible_user_id uuid,
            policy_version_id uuid, policy_version int, anchor_on date, period text, period_source text, computed_on date,
            due_on date, shift_to_working_day boolean, shifted_from date, shift_note text, calendar_imported boolean,
            reminder_days jsonb, reminder_window_days int, escalation jsonb, title_key text, title_params jsonb,
            title_text text, link text, status text, done_on date, done_at timestamptz, done_link text)
          -- Rows already stored as they are skip the conflict path, which locks (writes) each row.
          WHERE NOT EXISTS (
            SELECT 1 FROM obligation_instances x
            WHERE x.rule_id = r.rule_id AND x.subject_type = r.subject_type AND x.subject_id = r.subject_id
              AND x.period_key = r.period_key
              AND (x.subject_name, x.org_id, x.responsible_user_id, x.title_text, x.link)
                IS NOT DISTINCT FROM (r.subject_name, r.org_id, r.responsible_user_id, r.title_text, r.link)
              AND NOT (x.status = 'open' AND r.status = 'done'))
          ON CONFLICT (rule_id, subject_type, subject_id, period_key) DO UPDATE SET
            subject_name = excluded.subject_name,
            org_id = excluded.org_id,
            responsible_user_id = excluded.responsible_user_id,
            title_params = excluded.title_params,
            title_text = excluded.title_text,
            link = excluded.link,
            status = CASE WHEN o.status = 'open' AND excluded.status = 'done' THEN 'done' ELSE o.status END,
            done_on = CASE WHEN o.status = 'open' AND excluded.status = 'done' THEN excluded.done_on ELSE o.done_on END,
            done_at = CASE WHEN o.status = 'open' AND excluded.status = 'done' THEN excluded.done_at ELSE o.done_at END,
            done_link = CASE WHEN o.status = 'open' AND excluded.status = 'done' THEN excluded.done_link ELSE o.done_link END,
            updated_at = excluded.updated_at
          WHERE (o.subject_name, o.org_id, o.responsible_user_id, o.title_text, o.link)
              IS DISTINCT FROM (excluded.subject_name, excluded.org_id, excluded.responsible_user_id, excluded.title_text, excluded.link)
            OR (o.status = 'open' AND excluded.status = 'done')
          RETURNING (xmax = 0) AS inserted`,
    );
    for (const r of result) {
      if (r.inserted) {
        inserted += 1;
      } else {
        updated += 1;
      }
    }
  }
  return { inserted, updated };
}

/** Sets the status of the instances of `ids` that are still open; returns how many changed. */
async function closeOpen(db: Executor, ids: string[], status: 'done' | 'cancelled', today: string, now: Date) {
  let changed = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    const list = JSON.stringify(ids.slice(i, i + CHUNK));
    const done =
      status === 'done' ? sql`done_on = ${today}, done_at = ${now.toISOString()}, done_link = o.link,` : sql``;
    const rows = await queryRows<{ id: string }>(
      db,
      sql`UPDATE obligation_instances o SET status = ${status}, ${done} updated_at = ${now.toISOString()}
          WHERE o.id IN (SELECT value::uuid FROM json_array_elements_text(${list}::json)) AND o.status = 'open'
          RETURNING o.id`,
    );
    changed += rows.length;
  }
  return changed;
}

/**
 * Closes older periods' open instances of the subjects that yielded a newer one, and
 * cancels those of subjects that yield none. The rule's open instances are compared with
 * the current candidates here, in one pass over each list: in SQL, a join or anti-join of
 * 20,000 instances with a JSON list the planner estimates at 100 rows became a nested loop
 * (20,000 × 20,000 per rule). The updates then go by primary key.
 */
async function closeStale(
  db: Executor,
  ruleId: string,
  current: { subject_id: string; period_key: string }[],
  scope: RecomputeScope,
  today: string,
  now: Date,
): Promise<{ superseded: number; cancelled: number }> {
  const inScope = scope.subjectIds
    ? sql`AND o.subject_id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(scope.subjectIds)}::json))`
    : sql``;
  const open = await queryRows<{ id: string; subjectId: string; periodKey: string }>(
    db,
    sql`SELECT o.id, o.subject_id AS "subjectId", o.period_key AS "periodKey" FROM obligation_instances o
        WHERE o.rule_id = ${ruleId} AND o.status = 'open' ${inScope}`,
  );
  const keysOf = new Map<string, Set<string>>();
  for (const c of current) {
    const keys = keysOf.get(c.subject_id) ?? new Set<string>();
    keys.add(c.period_key);
    keysOf.set(c.subject_id, keys);
  }
  const superseded: string[] = [];
  const cancelled: string[] = [];
  for (const o of open) {
    const keys = keysOf.get(o.subjectId);
    if (!keys) {
      cancelled.push(o.id);
    } else if (!keys.has(o.periodKey)) {
      superseded.push(o.id);
    }
  }
  return {
    superseded: await closeOpen(db, superseded, 'done', today, now),
    cancelled: await closeOpen(db, cancelled, 'cancelled', today, now),
  };
}

/**
 * Recomputes the instances of the rules in force today (Asia/Taipei at `now`), for every
 * record or, with a scope, for one trigger's records of the given ids. A version without
 * the obligations section (published before it existed) computes nothing.
 */
export async function recomputeObligations(
  db: Executor,
  sources: readonly ObligationSource[],
  now: Date,
  scope: RecomputeScope = {},
): Promise<RecomputeResult> {
  const today = taipeiToday(now);
  const policy = await policyInForce(db, today);
  const rules = (policy.rules.obligations ?? []).filter((r) => !scope.trigger || r.trigger === scope.trigger);
  const total: RecomputeResult = { inserted: 0, updated: 0, superseded: 0, cancelled: 0 };
  if (rules.length === 0) {
    return total;
  }
  const [calendar, levels, since] = [
    await loadWorkingDayCalendar(db),
    await unitLevels(db),
    await rulesInForceSince(db),
  ];
  for (const rule of rules) {
    const source = sources.find((s) => s.trigger === rule.trigger);
    if (!source) {
      continue;
    }
    const candidates = await source.collect(db, {
      rule,
      today,
      ruleInForceSince: since.get(rule.id) ?? policy.effectiveFrom,
      ...(scope.subjectIds ? { subjectIds: scope.subjectIds } : {}),
    });
    const rows: Row[] = [];
    for (const c of candidates) {
      const due = c.owedSinceAnchor
        ? owedSince(c.anchorOn, c.owedSinceAnchor, calendar)
        : computeDue(rule, c.anchorOn, calendar, levels.get(c.orgId) ?? null);
      if (due) {
        rows.push(toRow(rule, source, policy, c, due, now));
      }
    }
    const written = await upsert(db, rows, now);
    const closed = await closeStale(db, rule.id, rows, scope, today, now);
    total.inserted += written.inserted;
    total.updated += written.updated;
    total.superseded += closed.superseded;
    total.cancelled += closed.cancelled;
  }
  return total;
}
