import { sql } from 'drizzle-orm';
import { defineObligationSource, onlySubjects } from '../obligations/obligations.sources.js';

const base = sql`'contract' AS "subjectType", c.id AS "subjectId", c.name AS "subjectName", c.unit_id AS "orgId",
  NULL::uuid AS "responsibleUserId", json_build_object('contract', c.name, 'number', c.number) AS "titleParams",
  NULL::text AS "owedSinceAnchor"`;

/** Item 二: the unit acknowledges the written notice of its duties, counted from the notice (or the contract's start). */
export const dutyNoticeSource = defineObligationSource({
  trigger: 'contract.dutyNotice',
  subjectType: 'contract',
  titleKey: 'obligations.titles.dutyNotice',
  title: '簽收資安責任書面通知：{contract}',
  candidates: ({ subjectIds }) =>
    sql`SELECT ${base},
          coalesce((c.duty_notice_sent_at AT TIME ZONE 'Asia/Taipei')::date, c.period_start) AS "anchorOn",
          'notice' AS "periodKey", '/contracts/' || c.id || '?tab=overview' AS link,
          (c.duty_acknowledged_at AT TIME ZONE 'Asia/Taipei')::date AS "fulfilledOn"
        FROM contracts c WHERE true ${onlySubjects(sql`c.id`, subjectIds)}`,
});

/** Item 三 (and 十二): a contract missing required security clauses is amended; compliant contracts are done. */
export const missingClausesSource = defineObligationSource({
  trigger: 'contract.missingClauses',
  subjectType: 'contract',
  titleKey: 'obligations.titles.missingClauses',
  title: '補正委辦契約資安條款：{contract}',
  candidates: ({ subjectIds }) =>
    sql`SELECT ${base}, c.period_start AS "anchorOn", 'clauses' AS "periodKey",
          '/contracts/' || c.id || '?tab=clauses' AS link,
          CASE WHEN c.compliance_status = 'compliant'
            THEN (c.updated_at AT TIME ZONE 'Asia/Taipei')::date END AS "fulfilledOn"
        FROM contracts c WHERE true ${onlySubjects(sql`c.id`, subjectIds)}`,
});

/** Item 十二 (三): the pre-commissioning risk assessment is done; the first assessment fulfils it. */
export const riskAssessmentSource = defineObligationSource({
  trigger: 'contract.riskAssessment',
  subjectType: 'contract',
  titleKey: 'obligations.titles.riskAssessment',
  title: '辦理委外風險評估：{contract}',
  candidates: ({ subjectIds }) =>
    sql`SELECT ${base}, c.period_start AS "anchorOn", 'assessment' AS "periodKey",
          '/contracts/' || c.id || '?tab=risk' AS link,
          (SELECT min(r.assessed_on) FROM risk_assessments r WHERE r.contract_id = c.id) AS "fulfilledOn"
        FROM contracts c WHERE true ${onlySubjects(sql`c.id`, subjectIds)}`,
});
