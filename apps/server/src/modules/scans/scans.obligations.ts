import { sql } from 'drizzle-orm';
import { SUGGESTED_OBLIGATION_RULES, type ObligationRule } from '@custodian/shared';
import { periodicDuty } from '../obligations/obligations.periodic.js';
import { defineObligationSource, onlySubjects } from '../obligations/obligations.sources.js';
import { MANUAL_SCAN_FORMAT } from './findings.manual.js';

/*
 * Scans and findings in the compliance calendar (ADR 0019; items 十七, 四十二, 四十三):
 * - the periodic vulnerability scan of a unit (frequency by its responsibility level) is
 *   fulfilled by a scan of any of its systems, besides marking the instance done by hand;
 * - a system with open findings past their due day owes their remediation: ONE instance per
 *   system (not per finding), due on the earliest due day, linking to the findings list filtered
 *   to the system's overdue findings (`/scans?systemId=…&overdue=true`). When those are all dealt with, the instance is done.
 */

/** Completed scans (not the manual records of penetration tests), by the Taipei day they were taken. */
export const vulnerabilityScanDutySource = periodicDuty(
  'periodic.vulnerabilityScan',
  '弱點掃描',
  () =>
    sql`SELECT s.org_id, (s.taken_at AT TIME ZONE 'Asia/Taipei')::date AS on_day, '/scans/' || s.id::text AS link
        FROM scans s WHERE s.format <> ${MANUAL_SCAN_FORMAT}`,
);

export const OVERDUE_FINDINGS_TRIGGER = 'scan.overdueFindings';

/** Open findings past their due day (or accepted as risks without the Ministry's approval), as the list's `overdue` filter counts them. */
const overdueWhere = (today: string) =>
  sql`f.due_on < ${today}::date AND (f.state = 'open' OR (f.state = 'risk_accepted' AND NOT f.ministry_approved))`;

export const overdueFindingsSource = defineObligationSource({
  trigger: OVERDUE_FINDINGS_TRIGGER,
  subjectType: 'system',
  titleKey: 'findings.obligationTitles.overdue',
  title: '弱點逾期未修補：{system}（{unit}）',
  candidates: ({ rule, today, subjectIds }) =>
    sql`SELECT 'system' AS "subjectType", s.id AS "subjectId", s.name AS "subjectName", s.org_id AS "orgId",
            NULL::uuid AS "responsibleUserId", f.first_due::text AS "anchorOn", f.first_due::text AS "periodKey",
            '/scans?systemId=' || s.id::text || '&overdue=true' AS link,
            json_strip_nulls(json_build_object('system', s.name, 'unit', o.name, 'unitEn', o.name_en, 'count', f.n))
              AS "titleParams",
            NULL::text AS "owedSinceAnchor", NULL::date AS "fulfilledOn"
          FROM (
            SELECT f.system_id, min(f.due_on) AS first_due, count(*)::int AS n FROM scan_findings f
            WHERE ${overdueWhere(today)} ${onlySubjects(sql`f.system_id`, subjectIds)}
            GROUP BY f.system_id
          ) f
          JOIN systems s ON s.id = f.system_id
          JOIN organisations o ON o.id = s.org_id
          UNION ALL
          SELECT 'system', i.subject_id, i.subject_name, i.org_id, i.responsible_user_id, i.anchor_on::text,
            i.period_key, i.link, i.title_params::json, NULL::text, ${today}::date
          FROM obligation_instances i
          WHERE i.rule_id = ${rule.id} AND i.subject_type = 'system' AND i.status = 'open'
            ${onlySubjects(sql`i.subject_id`, subjectIds)}
            AND NOT EXISTS (SELECT 1 FROM scan_findings f WHERE f.system_id = i.subject_id AND ${overdueWhere(today)})`,
});

/** The calendar rule for overdue findings, as the publish form suggests it (obligations section). */
export const OVERDUE_FINDINGS_RULE: ObligationRule = (() => {
  const rule = SUGGESTED_OBLIGATION_RULES.find((r) => r.trigger === OVERDUE_FINDINGS_TRIGGER);
  if (!rule) {
    throw new Error('The suggested obligation rules lack the overdue findings rule');
  }
  return rule;
})();
