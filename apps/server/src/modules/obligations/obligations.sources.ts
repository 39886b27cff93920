import { sql, type SQL } from 'drizzle-orm';
import type { ObligationRule } from '@custodian/shared';

/*
 * Rule providers (ADR 0019). A module that owns records with deadlines registers sources in
 * its own folder (`<module>.obligations.ts`) and lists them in its `AppModule` entry
 * (`obligationSources`). A source answers one trigger (a record type the rules name) with
 * one SELECT that yields, for each record, the subject, its unit, the responsible person
 * and the anchor date the period is counted from; the engine computes the instances from
 * it in set-based SQL (the candidates never travel to the application, ADR 0019). A
 * capability added later (scans, agreements, incidents) plugs in the same way without
 * changes to the engine.
 */

/**
 * The columns every source's SELECT yields, one row per record the rule applies to, for its
 * current period (quoted camelCase aliases):
 * - `subjectId` uuid, `subjectName` text, `orgId` uuid (the unit that answers for it);
 * - `responsibleUserId` uuid: the person the record names; null: the unit's administrators;
 * - `anchorOn` date: the day the period is counted from (not counted itself, Civil Code Art. 120);
 * - `periodKey` text: the period this row stands for; a new key is a new instance (a new period);
 * - `link` text: web path of the record and the action that fulfils the obligation;
 * - `titleParams` json: parameters of the title label (`{name}` in `title`); a parameter
 *   that names an organisation carries its English name beside it as `<param>En` when one
 *   is recorded (`unit` and `unitEn`), which the English interface shows instead;
 * - `owedSinceAnchor` text: the record owes the duty already, whatever the rule's period
 *   (contacts never confirmed: the registry counts them overdue from the day the system is
 *   registered). The due day is the day before `anchorOn`, so the instance is overdue from
 *   `anchorOn` on; the text is the explanation's reason (`periodSource`). Null otherwise;
 * - `fulfilledOn` date: already fulfilled by the record (acknowledged, assessed): the
 *   instance is done, with `link` as its evidence. Null otherwise.
 */
export const CANDIDATE_COLUMNS = [
  'subjectId',
  'subjectName',
  'orgId',
  'responsibleUserId',
  'anchorOn',
  'periodKey',
  'link',
  'titleParams',
  'owedSinceAnchor',
  'fulfilledOn',
] as const;

export type ObligationCollectQuery = {
  rule: ObligationRule;
  /** Today in Asia/Taipei. */
  today: string;
  /** The first day a published version held this rule: periodic duties never done count from it. */
  ruleInForceSince: string;
  /** Only these records (recompute on change); all when absent. */
  subjectIds?: readonly string[];
};

export type ObligationSource = {
  /** The trigger the rules name, e.g. system.contacts. */
  trigger: string;
  subjectType: string;
  /** i18n key of the title (obligations locale), with the row's `titleParams`. */
  titleKey: string;
  /**
   * The title in zh-TW, for exports, mail and calendar feeds: literal text with `{param}`
   * placeholders filled from `titleParams` (in SQL, see `titleSql`).
   */
  title: string;
  /** The SELECT of the candidates (columns: `CANDIDATE_COLUMNS`). */
  candidates(query: ObligationCollectQuery): SQL;
};

export function defineObligationSource(source: ObligationSource): ObligationSource {
  return source;
}

/**
 * `AND <column> = ANY(<ids>)` when a recompute is limited to some records, else nothing;
 * the ids go as one array parameter.
 */
export function onlySubjects(column: SQL, subjectIds: readonly string[] | undefined): SQL {
  return subjectIds ? sql`AND ${column} = ANY(${sql.param([...subjectIds])}::uuid[])` : sql``;
}

/** The title template filled from a row's `titleParams` (`{name}` → the parameter's text). */
export function fillTitle(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** The title template as a SQL expression over `<alias>."titleParams"` (json). */
export function titleSql(template: string, alias: SQL): SQL {
  const parts: SQL[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    parts.push(sql`${template.slice(last, match.index)}::text`);
    parts.push(sql`coalesce(${alias}."titleParams"->>${match[1]}, '')`);
    last = match.index + match[0].length;
  }
  parts.push(sql`${template.slice(last)}::text`);
  return sql`(${sql.join(parts, sql` || `)})`;
}
