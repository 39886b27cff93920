import { sql } from 'drizzle-orm';
import { defineObligationSource, onlySubjects, type ObligationSource } from './obligations.sources.js';

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

function periodicDuty(trigger: string, name: string): ObligationSource {
  return defineObligationSource({
    trigger,
    subjectType: 'organisation',
    titleKey: `obligations.titles.${trigger}`,
    title: `${name}：{unit}`,
    candidates: ({ rule, ruleInForceSince, subjectIds }) =>
      sql`SELECT 'organisation' AS "subjectType", o.id AS "subjectId", o.name AS "subjectName", o.id AS "orgId",
              NULL::uuid AS "responsibleUserId",
              coalesce(d.last_done, ${ruleInForceSince}::date) AS "anchorOn",
              CASE WHEN d.last_done IS NULL THEN 'since:' || ${ruleInForceSince}::text ELSE 'after:' || d.last_done::text END AS "periodKey",
              ${calendarListOf(rule.item)}::text AS link,
              json_strip_nulls(json_build_object('unit', o.name, 'unitEn', o.name_en)) AS "titleParams",
              NULL::text AS "owedSinceAnchor", NULL::date AS "fulfilledOn"
            FROM organisations o
            LEFT JOIN (
              SELECT subject_id, max(done_on) AS last_done FROM obligation_instances
              WHERE rule_id = ${rule.id} AND status = 'done' GROUP BY subject_id
            ) d ON d.subject_id = o.id
            WHERE o.kind = 'unit' AND o.is_active ${onlySubjects(sql`o.id`, subjectIds)}`,
  });
}

/** The periodic duties' sources, registered by the obligations module itself. */
export const periodicDutySources: ObligationSource[] = [
  periodicDuty('periodic.firewallReview', '防火牆規則定期檢視'),
  periodicDuty('periodic.vulnerabilityScan', '弱點掃描'),
  periodicDuty('periodic.penetrationTest', '滲透測試'),
  periodicDuty('periodic.accessReview', '存取權限定期審查'),
  periodicDuty('periodic.backupVerification', '備份有效性驗證'),
  periodicDuty('periodic.continuityDrill', '營運持續演練'),
  periodicDuty('periodic.logReview', '操作日誌獨立審查'),
  periodicDuty('periodic.distributionListReview', '通報名單定期檢視'),
];
