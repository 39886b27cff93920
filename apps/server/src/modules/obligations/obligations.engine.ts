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

/** The statement parts of a rule both paths share: its candidates joined with their due computations, and the insert. */
async function ruleStatement(
  db: Executor,
  rule: ObligationRule,
  source: ObligationSource,
  policy: { id: string; version: number },
  query: ObligationCollectQuery,
  calendar: WorkingDayCalendar,
  now: Date,
) {
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
  const cand = sql`SELECT c."subjectId" AS subject_id, c."subjectName" AS subject_name, c."periodKey" AS period_key,
            c."orgId" AS org_id, c."responsibleUserId" AS responsible_user_id, c."anchorOn"::date AS anchor_on,
            d.period, d.period_source, d.computed_on::date AS computed_on, d.due_on::date AS due_on,
            d.shifted_from::date AS shifted_from, d.shift_note, d.calendar_imported::boolean AS calendar_imported,
            c."titleParams"::jsonb AS title_params, ${titleSql(source.title, sql`c`)} AS title_text, c.link,
            c."fulfilledOn"::date AS fulfilled_on
          FROM ${c.from} JOIN ${dues} ON d.key = ${c.key}`;
  const insert = sql`INSERT INTO obligation_instances AS o (rule_id, item, trigger, subject_type, subject_id, subject_name, period_key,
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
          FROM cand r`;
  return { cand, insert, at };
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
  const { cand, insert, at } = await ruleStatement(db, rule, source, policy, query, calendar, now);
  const [result] = await queryRows<RecomputeResult>(
    db,
    sql`WITH cand AS MATERIALIZED (
          ${cand}
        ), w AS (
          ${insert}
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
 * The first load of a rule into the emptied table (`bulkLoad`): a plain insert. Nothing is
 * stored, so there is nothing to compare with, update or close; the unique key is checked
 * when its index is built again at the end of the load.
 */
async function loadRule(
  db: Executor,
  rule: ObligationRule,
  source: ObligationSource,
  policy: { id: string; version: number },
  query: ObligationCollectQuery,
  calendar: WorkingDayCalendar,
  now: Date,
): Promise<RecomputeResult> {
  const { cand, insert } = await ruleStatement(db, rule, source, policy, query, calendar, now);
  const [result] = await queryRows<{ inserted: number }>(
    db,
    sql`WITH cand AS (${cand}), w AS (${insert} RETURNING 1) SELECT count(*)::int AS inserted FROM w`,
  );
  return { inserted: result?.inserted ?? 0, updated: 0, superseded: 0, cancelled: 0 };
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

/** The statistics of the table, after a run that inserted many rows (`ANALYZE_AFTER_INSERTS`). */
async function analyseInstances(tx: Executor): Promise<void> {
  // A sample of 3,000 rows (statistics target 10, not 100) is plenty for what the plans
  // need (row counts, 15 rules, 4 states) and took 0.13 s instead of 1.9-3.6 s on PGlite
  // over 210,000 instances.
  await tx.execute(sql`SET LOCAL default_statistics_target = 10`);
  await tx.execute(sql`ANALYZE obligation_instances`);
}

/**
 * The first recompute into an empty table (ADR 0029): one transaction that takes the table
 * (ACCESS EXCLUSIVE), checks again that it is empty, drops its indexes, primary key and
 * foreign keys, inserts every rule's instances with plain inserts, and builds them all
 * again under the same names and definitions (read from the catalogue, so a migration that
 * adds one is covered). Building an index once over sorted rows, and checking a foreign key
 * with one join, cost a fraction of maintaining them row by row (docs/performance.md). The
 * rebuilt unique key and primary key, and the re-added foreign keys, check every row as the
 * per-row path would: a violation fails the statement and the transaction, and DDL is
 * transactional, so a failure or a crash leaves the table as it was (empty, indexed).
 * Returns null, having changed nothing, when the table is not empty once locked (another
 * process loaded it first).
 */
/** PostgreSQL's codes for a lock the bulk load could not take: deadlock, lock not available. */
const LOCK_CONFLICTS = new Set(['40P01', '55P03']);

function isLockConflict(err: unknown): boolean {
  for (let e: unknown = err; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (LOCK_CONFLICTS.has(String((e as { code?: unknown }).code))) {
      return true;
    }
  }
  return false;
}

/**
 * The bulk load, or null when it cannot run: the table is not empty, or (PostgreSQL, another
 * transaction on the tables its keys name) it lost a lock conflict and rolled back whole. The
 * caller then takes the per-row path, as for any other recompute. Any other failure (a
 * duplicate key, a dangling foreign key) is thrown.
 */
async function bulkLoad(
  db: Executor,
  load: (tx: Executor) => Promise<RecomputeResult>,
): Promise<RecomputeResult | null> {
  return bulkLoadOnce(db, load).catch((err: unknown) => {
    if (isLockConflict(err)) {
      return null;
    }
    throw err;
  });
}

async function bulkLoadOnce(
  db: Executor,
  load: (tx: Executor) => Promise<RecomputeResult>,
): Promise<RecomputeResult | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`LOCK TABLE obligation_instances IN ACCESS EXCLUSIVE MODE`);
    if (await hasInstances(tx)) {
      return null;
    }
    const table = sql`'obligation_instances'::regclass`;
    // Constraints first (the primary key only when no other table's foreign key needs it), then plain indexes.
    const constraints = await queryRows<{ name: string; def: string; type: string }>(
      tx,
      sql`SELECT quote_ident(k.conname) AS name, pg_get_constraintdef(k.oid) AS def, k.contype::text AS type
          FROM pg_constraint k
          WHERE k.conrelid = ${table} AND (k.contype = 'f' OR (k.contype IN ('p', 'u')
            AND NOT EXISTS (SELECT 1 FROM pg_constraint r WHERE r.confrelid = ${table} AND r.conindid = k.conindid)))
          ORDER BY k.contype = 'f' DESC, k.conname`,
    );
    const indexes = await queryRows<{ name: string; def: string }>(
      tx,
      sql`SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
          FROM pg_index i
          WHERE i.indrelid = ${table}
            AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = ${table} AND k.conindid = i.indexrelid)
          ORDER BY 1`,
    );
    for (const k of constraints) {
      await tx.execute(sql.raw(`ALTER TABLE obligation_instances DROP CONSTRAINT ${k.name}`));
    }
    for (const i of indexes) {
      await tx.execute(sql.raw(`DROP INDEX ${i.name}`));
    }
    const total = await load(tx);
    await tx.execute(sql`SELECT set_config('maintenance_work_mem', '128MB', true)`);
    for (const i of indexes) {
      await tx.execute(sql.raw(i.def));
    }
    // The primary key and unique constraints, then the foreign keys (each checked by one join).
    for (const k of [...constraints].reverse()) {
      await tx.execute(sql.raw(`ALTER TABLE obligation_instances ADD CONSTRAINT ${k.name} ${k.def}`));
    }
    if (total.inserted >= ANALYZE_AFTER_INSERTS) {
      await analyseInstances(tx);
    }
    return total;
  });
}

async function hasInstances(db: Executor): Promise<boolean> {
  const [row] = await queryRows<{ stored: boolean }>(
    db,
    sql`SELECT EXISTS (SELECT 1 FROM obligation_instances) AS stored`,
  );
  return row?.stored === true;
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
  const ruleQuery = (rule: ObligationRule): ObligationCollectQuery => ({
    rule,
    today,
    ruleInForceSince: since.get(rule.id) ?? policy.effectiveFrom,
    ...(scope.subjectIds ? { subjectIds: scope.subjectIds } : {}),
  });
  const sourceOf = (rule: ObligationRule) => sources.find((s) => s.trigger === rule.trigger);
  const add = (result: RecomputeResult) => {
    total.inserted += result.inserted;
    total.updated += result.updated;
    total.superseded += result.superseded;
    total.cancelled += result.cancelled;
  };
  if (full && !(await hasInstances(db))) {
    // The first recompute ever (or after the table was emptied): the bulk load, ADR 0029.
    const loaded = await bulkLoad(db, async (tx) => {
      await tx.execute(FULL_RECOMPUTE_SETTINGS);
      for (const rule of rules) {
        const source = sourceOf(rule);
        if (source) {
          add(await loadRule(tx, rule, source, policy, ruleQuery(rule), calendar, now));
        }
      }
      return total;
    });
    if (loaded) {
      return loaded;
    }
  }
  const runRule = async (rule: ObligationRule): Promise<void> => {
    const source = sourceOf(rule);
    if (!source) {
      return;
    }
    const query = ruleQuery(rule);
    const result = full
      ? await db.transaction(async (tx) => {
          await tx.execute(FULL_RECOMPUTE_SETTINGS);
          return recomputeRule(tx, rule, source, policy, query, calendar, now);
        })
      : await recomputeRule(db, rule, source, policy, query, calendar, now);
    add(result);
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
    await db.transaction(analyseInstances);
  }
  return total;
}
