import { asc, sql, type SQL } from 'drizzle-orm';
import { taipeiToday, type ObligationRule } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import type { Executor } from '../../db/types.js';
import { policyVersions, workingDays } from '../../db/schema/index.js';
import { policyInForce } from '../../lib/policy.js';
import { addDays, computeDue, type DueComputation, type WorkingDayCalendar } from './obligations.dates.js';
import { onlySubjects, titleSql, type ObligationCollectQuery, type ObligationSource } from './obligations.sources.js';

/*
 * The recompute (ADR 0019): rules of the version in force today × the records their sources
 * yield → instances, written by one set-based upsert per rule on the unique key (rule, subject,
 * period). Running it twice creates nothing twice and rewrites nothing unchanged. An
 * existing instance keeps its due day and the rule version it was judged by; only names,
 * links, the responsible person and "fulfilled by the record" are refreshed. A subject's
 * open instance of an older period is closed as done when a newer period appears (the
 * contacts were confirmed again, the allocation renewed); an open instance whose record no
 * longer yields one (system decommissioned, allocation released) is cancelled.
 */

export type RecomputeScope = { trigger?: string; subjectIds?: readonly string[] };
export type RecomputeOptions = {
  /**
   * Rules recomputed at once in a full recompute, each on its own connection: PostgreSQL
   * runs them side by side (they write disjoint rows: the rule is part of the unique key);
   * PGlite runs one query at a time, so more than 1 gains nothing there.
   */
  concurrency?: number;
};
export type RecomputeResult = { inserted: number; updated: number; superseded: number; cancelled: number };

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

/** What decides a candidate's due day: its anchor, its unit's level (rules by level) and its owed reason. */
type DueKey = { anchorOn: string; level: 'A' | 'B' | 'C' | null; owed: string | null };
const dueKeyOf = (k: DueKey) => `${k.anchorOn}|${k.level ?? ''}|${k.owed ?? ''}`;

/**
 * The due computations of a rule's candidates, one per distinct key (a few hundred days
 * for tens of thousands of records), as parallel arrays: each goes to the database as ONE
 * array parameter and is read back with `unnest`.
 */
function dueTable(rule: ObligationRule, keys: DueKey[], calendar: WorkingDayCalendar) {
  const table = {
    key: [] as string[],
    period: [] as string[],
    periodSource: [] as (string | null)[],
    computedOn: [] as string[],
    dueOn: [] as string[],
    shiftedFrom: [] as (string | null)[],
    shiftNote: [] as (string | null)[],
    calendarImported: [] as string[],
  };
  for (const k of keys) {
    const due = k.owed ? owedSince(k.anchorOn, k.owed, calendar) : computeDue(rule, k.anchorOn, calendar, k.level);
    if (!due) {
      continue;
    }
    table.key.push(dueKeyOf(k));
    table.period.push(due.period);
    table.periodSource.push(due.periodSource);
    table.computedOn.push(due.computedOn);
    table.dueOn.push(due.dueOn);
    table.shiftedFrom.push(due.shiftedFrom);
    table.shiftNote.push(due.shiftNote);
    table.calendarImported.push(String(due.calendarImported));
  }
  return table;
}

const textArray = (values: readonly (string | null)[]): SQL => sql`${sql.param(values)}::text[]`;

/** The join of a source's candidates with the unit's level (rules by level) and the key of their due computation. */
function candidatesOf(rule: ObligationRule, source: ObligationSource, query: ObligationCollectQuery) {
  const byLevel = rule.periodByLevel !== undefined;
  const level = byLevel ? sql`lv.responsibility_level` : sql`NULL::text`;
  return {
    from: sql`(${source.candidates(query)}) c ${byLevel ? sql`LEFT JOIN organisations lv ON lv.id = c."orgId"` : sql``}`,
    level,
    key: sql`(c."anchorOn"::date::text || '|' || coalesce(${level}, '') || '|' || coalesce(c."owedSinceAnchor", ''))`,
  };
}

/**
 * Recomputes one rule in two statements, whatever the number of records: the distinct due
 * keys of its candidates (computed here), then one statement that materialises the
 * candidates joined with those computations once, upserts them (`INSERT … SELECT … ON
 * CONFLICT DO UPDATE`, rows stored as they are skipped before the conflict path) and closes
 * the rule's stale open instances: older periods' open instances of subjects that yielded a
 * newer one are done, those of subjects that yield none are cancelled. Both parts read the
 * table as it was before the statement, and touch disjoint rows (the upsert the candidates'
 * keys, the close the open instances without a candidate).
 */
async function recomputeRule(
  db: Executor,
  rule: ObligationRule,
  source: ObligationSource,
  policy: { id: string; version: number },
  query: ObligationCollectQuery,
  calendar: WorkingDayCalendar,
  now: Date,
): Promise<RecomputeResult> {
  const c = candidatesOf(rule, source, query);
  const keys = await queryRows<DueKey>(
    db,
    sql`SELECT DISTINCT c."anchorOn"::date::text AS "anchorOn", ${c.level} AS level, c."owedSinceAnchor" AS owed
        FROM ${c.from}`,
  );
  const due = dueTable(rule, keys, calendar);
  const at = now.toISOString();
  const dues = sql`unnest(${textArray(due.key)}, ${textArray(due.period)}, ${textArray(due.periodSource)},
      ${textArray(due.computedOn)}, ${textArray(due.dueOn)}, ${textArray(due.shiftedFrom)}, ${textArray(due.shiftNote)},
      ${textArray(due.calendarImported)})
    AS d(key, period, period_source, computed_on, due_on, shifted_from, shift_note, calendar_imported)`;
  const [result] = await queryRows<RecomputeResult>(
    db,
    sql`WITH cand AS MATERIALIZED (
          SELECT c."subjectId" AS subject_id, c."subjectName" AS subject_name, c."periodKey" AS period_key,
            c."orgId" AS org_id, c."responsibleUserId" AS responsible_user_id, c."anchorOn"::date AS anchor_on,
            d.period, d.period_source, d.computed_on::date AS computed_on, d.due_on::date AS due_on,
            d.shifted_from::date AS shifted_from, d.shift_note, d.calendar_imported::boolean AS calendar_imported,
            c."titleParams"::jsonb AS title_params, ${titleSql(source.title, sql`c`)} AS title_text, c.link,
            c."fulfilledOn"::date AS fulfilled_on
          FROM ${c.from} JOIN ${dues} ON d.key = ${c.key}
        ), w AS (
          INSERT INTO obligation_instances AS o (rule_id, item, trigger, subject_type, subject_id, subject_name, period_key,
            org_id, responsible_user_id, policy_version_id, policy_version, anchor_on, period, period_source, computed_on,
            due_on, shift_to_working_day, shifted_from, shift_note, calendar_imported, reminder_days, reminder_window_days,
            escalation, title_key, title_params, title_text, link, status, done_on, done_at, done_link, created_at, updated_at)
          SELECT ${rule.id}, ${rule.item}, ${rule.trigger}, ${source.subjectType}, r.subject_id, r.subject_name,
            r.period_key, r.org_id, r.responsible_user_id, ${policy.id}::uuid, ${policy.version}::int, r.anchor_on,
            r.period, r.period_source, r.computed_on, r.due_on, ${rule.shiftToWorkingDay}::boolean, r.shifted_from,
            r.shift_note, r.calendar_imported, ${JSON.stringify(rule.reminderDays)}::jsonb,
            ${Math.max(0, ...rule.reminderDays)}::int, ${rule.escalation ? JSON.stringify(rule.escalation) : null}::jsonb,
            ${source.titleKey}, r.title_params, r.title_text, r.link,
            CASE WHEN r.fulfilled_on IS NULL THEN 'open' ELSE 'done' END, r.fulfilled_on,
            CASE WHEN r.fulfilled_on IS NOT NULL THEN ${at}::timestamptz END,
            CASE WHEN r.fulfilled_on IS NOT NULL THEN r.link END, ${at}::timestamptz, ${at}::timestamptz
          FROM cand r
          -- Rows already stored as they are skip the conflict path, which locks (writes) each row.
          WHERE NOT EXISTS (
            SELECT 1 FROM obligation_instances x
            WHERE x.rule_id = ${rule.id} AND x.subject_type = ${source.subjectType} AND x.subject_id = r.subject_id
              AND x.period_key = r.period_key
              AND (x.subject_name, x.org_id, x.responsible_user_id, x.title_text, x.title_params, x.link)
                IS NOT DISTINCT FROM (r.subject_name, r.org_id, r.responsible_user_id, r.title_text, r.title_params, r.link)
              AND NOT (x.status = 'open' AND r.fulfilled_on IS NOT NULL))
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
          WHERE (o.subject_name, o.org_id, o.responsible_user_id, o.title_text, o.title_params, o.link)
              IS DISTINCT FROM (excluded.subject_name, excluded.org_id, excluded.responsible_user_id, excluded.title_text,
                excluded.title_params, excluded.link)
            OR (o.status = 'open' AND excluded.status = 'done')
          RETURNING (xmax = 0) AS inserted
        ), stale AS (
          SELECT o.id, cs.subject_id IS NOT NULL AS superseded
          FROM obligation_instances o
          LEFT JOIN (SELECT DISTINCT subject_id FROM cand) cs ON cs.subject_id = o.subject_id
          WHERE o.rule_id = ${rule.id} AND o.status = 'open' ${onlySubjects(sql`o.subject_id`, query.subjectIds)}
            AND NOT EXISTS (SELECT 1 FROM cand k WHERE k.subject_id = o.subject_id AND k.period_key = o.period_key)
        ), closed AS (
          UPDATE obligation_instances o SET
            status = CASE WHEN s.superseded THEN 'done' ELSE 'cancelled' END,
            done_on = CASE WHEN s.superseded THEN ${query.today}::date ELSE o.done_on END,
            done_at = CASE WHEN s.superseded THEN ${at}::timestamptz ELSE o.done_at END,
            done_link = CASE WHEN s.superseded THEN o.link ELSE o.done_link END,
            updated_at = ${at}::timestamptz
          FROM stale s WHERE o.id = s.id
          RETURNING s.superseded
        )
        SELECT (SELECT count(*) FROM w WHERE inserted)::int AS inserted,
          (SELECT count(*) FROM w WHERE NOT inserted)::int AS updated,
          (SELECT count(*) FROM closed WHERE superseded)::int AS superseded,
          (SELECT count(*) FROM closed WHERE NOT superseded)::int AS cancelled`,
  );
  return result ?? { inserted: 0, updated: 0, superseded: 0, cancelled: 0 };
}

/**
 * Inserted rows after which the table's statistics are refreshed: after a first recompute
 * into an empty table the planner would otherwise count on a handful of rows and loop over
 * them in the next one (PGlite runs no autovacuum at all).
 */
const ANALYZE_AFTER_INSERTS = 5000;

/**
 * Settings of a full recompute's rule statement, for its transaction only:
 * - `work_mem`: the materialised candidates of a rule (80,000 allocations, about 25 MB)
 *   and its due-key DISTINCT fit in memory instead of spilling to temporary files; on PGlite
 *   this took a fifth off the first recompute (docs/performance.md);
 * - `enable_nestloop = off`: the anti-join against the rule's stored instances must read
 *   them once (hash), never once per candidate. On an empty table the planner otherwise
 *   picks a nested loop over a sequential scan that also walks the rows the same statement
 *   is inserting: quadratic, 80,000 allocations as the first rule took 270 s instead of 5 s.
 *   A scoped recompute (a few records, index probes) keeps the planner's choice.
 */
const FULL_RECOMPUTE_SETTINGS = sql`SELECT set_config('work_mem', '64MB', true), set_config('enable_nestloop', 'off', true)`;

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
  options: RecomputeOptions = {},
): Promise<RecomputeResult> {
  const today = taipeiToday(now);
  const policy = await policyInForce(db, today);
  const rules = (policy.rules.obligations ?? []).filter((r) => !scope.trigger || r.trigger === scope.trigger);
  const total: RecomputeResult = { inserted: 0, updated: 0, superseded: 0, cancelled: 0 };
  if (rules.length === 0) {
    return total;
  }
  const [calendar, since] = [await loadWorkingDayCalendar(db), await rulesInForceSince(db)];
  const full = scope.subjectIds === undefined;
  const runRule = async (rule: ObligationRule): Promise<void> => {
    const source = sources.find((s) => s.trigger === rule.trigger);
    if (!source) {
      return;
    }
    const query: ObligationCollectQuery = {
      rule,
      today,
      ruleInForceSince: since.get(rule.id) ?? policy.effectiveFrom,
      ...(scope.subjectIds ? { subjectIds: scope.subjectIds } : {}),
    };
    const result = full
      ? await db.transaction(async (tx) => {
          await tx.execute(FULL_RECOMPUTE_SETTINGS);
          return recomputeRule(tx, rule, source, policy, query, calendar, now);
        })
      : await recomputeRule(db, rule, source, policy, query, calendar, now);
    total.inserted += result.inserted;
    total.updated += result.updated;
    total.superseded += result.superseded;
    total.cancelled += result.cancelled;
  };
  // A full recompute shares the rules out among `concurrency` workers; a scoped one is small.
  const queue = [...rules];
  const workers = Math.max(1, full ? Math.min(options.concurrency ?? 1, queue.length) : 1);
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let rule = queue.shift(); rule; rule = queue.shift()) {
        await runRule(rule);
      }
    }),
  );
  if (total.inserted >= ANALYZE_AFTER_INSERTS) {
    // A sample of 3,000 rows (statistics target 10, not 100) is plenty for what the plans
    // need (row counts, 15 rules, 4 states) and took 0.13 s instead of 1.9-3.6 s on PGlite
    // over 210,000 instances.
    await db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL default_statistics_target = 10`);
      await tx.execute(sql`ANALYZE obligation_instances`);
    });
  }
  return total;
}
