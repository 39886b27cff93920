import { sql, type SQL } from 'drizzle-orm';
import {
  defineObligationSource,
  onlySubjects,
  type ObligationCollectQuery,
  type ObligationSource,
} from './obligations.sources.js';

/*
 * Periodic duties of a unit (items 十五, 十七, 四十二, 四十三, 二十二, 二十九, 三十二,
 * 三十五(七)) until their own capability lands: the evidence record is the instance itself,
 * marked done with a note and an attachment (POST /obligations/:id/done). The next period
 * counts from the day the last one was done, or from the day the rule first came into force.
 * Their link is the calendar's list filtered to the rule's item (web route `/calendar`),
 * where the detail panel marks them done.
 */

/** The calendar's list of one regulation item (the web app's `/calendar?tab=list&item=`). */
export const calendarListOf = (item: string) => `/calendar?tab=list&item=${encodeURIComponent(item)}`;

/**
 * The latest record of each unit that fulfils a periodic duty (a scan, a penetration test's
 * report): a SELECT of `org_id` uuid, `on_day` date (Taipei; not after today) and `link` text
 * (web path of the record), any number of rows per unit.
 */
export type PeriodicEvidence = (query: ObligationCollectQuery) => SQL;

/**
 * A periodic duty of every active unit. Without `evidence` it is fulfilled only by marking its
 * instance done. With it, a unit's latest record also fulfils it: the period that was open on
 * the record's day is done on that day with the record as its evidence, and the next period
 * counts from it (or from a later day marked done by hand). A record dated before the rule
 * came into force fulfils nothing (a scan file from years ago imported today). Two rows per
 * unit at most: the current period and the one the latest record fulfilled.
 */
export function periodicDuty(trigger: string, name: string, evidence?: PeriodicEvidence): ObligationSource {
  return defineObligationSource({
    trigger,
    subjectType: 'organisation',
    titleKey: `obligations.titles.${trigger}`,
    title: `${name}：{unit}`,
    candidates: (query) => {
      const { rule, ruleInForceSince, subjectIds, today } = query;
      const since = sql`${ruleInForceSince}::date`;
      // Set-based: grouped look-ups joined by hash, never a probe per unit. The first recompute
      // loads into a table without indexes (ADR 0029), where a probe per unit would scan it
      // once per unit.
      const latestEvidence = evidence
        ? sql`SELECT DISTINCT ON (ev.org_id) ev.org_id, ev.on_day, ev.link FROM (${evidence(query)}) ev
              WHERE ev.on_day <= ${today}::date AND ev.on_day >= ${since} ${onlySubjects(sql`ev.org_id`, subjectIds)}
              ORDER BY ev.org_id, ev.on_day DESC, ev.link`
        : sql`SELECT NULL::uuid AS org_id, NULL::date AS on_day, NULL::text AS link WHERE false`;
      const isDone = sql`oi.rule_id = ${rule.id} AND oi.subject_type = 'organisation' AND oi.status = 'done'
              ${onlySubjects(sql`oi.subject_id`, subjectIds)}`;
      return sql`SELECT 'organisation' AS "subjectType", o.id AS "subjectId", o.name AS "subjectName", o.id AS "orgId",
              NULL::uuid AS "responsibleUserId", p.anchor AS "anchorOn", p.key AS "periodKey", p.link,
              json_strip_nulls(json_build_object('unit', o.name, 'unitEn', o.name_en)) AS "titleParams",
              NULL::text AS "owedSinceAnchor", p.fulfilled AS "fulfilledOn"
            FROM organisations o
            LEFT JOIN (
              SELECT oi.subject_id, max(oi.done_on) AS last_done FROM obligation_instances oi
              WHERE ${isDone} GROUP BY oi.subject_id
            ) d ON d.subject_id = o.id
            LEFT JOIN (${latestEvidence}) e ON e.org_id = o.id
            LEFT JOIN (
              SELECT oi.subject_id, max(oi.done_on) AS prev
              FROM obligation_instances oi JOIN (${latestEvidence}) le ON le.org_id = oi.subject_id
              WHERE ${isDone} AND oi.done_on < le.on_day
              GROUP BY oi.subject_id
            ) pd ON pd.subject_id = o.id
            CROSS JOIN LATERAL (
              SELECT coalesce(greatest(d.last_done, e.on_day), ${since}) AS anchor,
                CASE WHEN greatest(d.last_done, e.on_day) IS NULL THEN 'since:' || ${since}::text
                  ELSE 'after:' || greatest(d.last_done, e.on_day)::text END AS key,
                ${calendarListOf(rule.item)}::text AS link, NULL::date AS fulfilled
              UNION ALL
              SELECT coalesce(pd.prev, ${since}),
                CASE WHEN pd.prev IS NULL THEN 'since:' || ${since}::text ELSE 'after:' || pd.prev::text END,
                e.link, e.on_day
              WHERE e.on_day IS NOT NULL AND e.on_day >= coalesce(d.last_done, e.on_day)
            ) p
            WHERE o.kind = 'unit' AND o.is_active ${onlySubjects(sql`o.id`, subjectIds)}`;
    },
  });
}

/**
 * The periodic duties' sources registered by the obligations module itself. Vulnerability
 * scans (periodic.vulnerabilityScan) and penetration tests (periodic.penetrationTest) are
 * registered by the scans and pentests modules, with their records as evidence.
 */
export const periodicDutySources: ObligationSource[] = [
  periodicDuty('periodic.firewallReview', '防火牆規則定期檢視'),
  periodicDuty('periodic.accessReview', '存取權限定期審查'),
  periodicDuty('periodic.backupVerification', '備份有效性驗證'),
  periodicDuty('periodic.continuityDrill', '營運持續演練'),
  periodicDuty('periodic.logReview', '操作日誌獨立審查'),
  periodicDuty('periodic.distributionListReview', '通報名單定期檢視'),
];
