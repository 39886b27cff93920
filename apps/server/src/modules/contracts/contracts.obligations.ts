import { sql, type SQL } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { defineObligationSource, type ObligationCandidate } from '../obligations/obligations.sources.js';

function onlyContracts(subjectIds: readonly string[] | undefined): SQL {
  return subjectIds
    ? sql`AND c.id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(subjectIds)}::json))`
    : sql``;
}

type Row = Omit<ObligationCandidate, 'fulfilled'> & { fulfilledOn: string | null };

function toCandidate({ fulfilledOn, ...row }: Row): ObligationCandidate {
  return fulfilledOn ? { ...row, fulfilled: { on: fulfilledOn, link: row.link } } : row;
}

const base = sql`'contract' AS "subjectType", c.id AS "subjectId", c.name AS "subjectName", c.unit_id AS "orgId",
  NULL::uuid AS "responsibleUserId", json_build_object('contract', c.name, 'number', c.number) AS "titleParams"`;

/** Item 二: the unit acknowledges the written notice of its duties, counted from the notice (or the contract's start). */
export const dutyNoticeSource = defineObligationSource({
  trigger: 'contract.dutyNotice',
  subjectType: 'contract',
  titleKey: 'obligations.titles.dutyNotice',
  title: (p) => `簽收資安責任書面通知：${String(p.contract)}`,
  collect: async (db, { subjectIds }) =>
    (
      await queryRows<Row>(
        db,
        sql`SELECT ${base},
              coalesce(to_char(c.duty_notice_sent_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD'), c.period_start::text) AS "anchorOn",
              'notice' AS "periodKey", '/contracts/' || c.id || '?tab=overview' AS link,
              to_char(c.duty_acknowledged_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD') AS "fulfilledOn"
            FROM contracts c WHERE true ${onlyContracts(subjectIds)}`,
      )
    ).map(toCandidate),
});

/** Item 三 (and 十二): a contract missing required security clauses is amended; compliant contracts are done. */
export const missingClausesSource = defineObligationSource({
  trigger: 'contract.missingClauses',
  subjectType: 'contract',
  titleKey: 'obligations.titles.missingClauses',
  title: (p) => `補正委辦契約資安條款：${String(p.contract)}`,
  collect: async (db, { subjectIds }) =>
    (
      await queryRows<Row>(
        db,
        sql`SELECT ${base}, c.period_start::text AS "anchorOn", 'clauses' AS "periodKey",
              '/contracts/' || c.id || '?tab=clauses' AS link,
              CASE WHEN c.compliance_status = 'compliant'
                THEN to_char(c.updated_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD') END AS "fulfilledOn"
            FROM contracts c WHERE true ${onlyContracts(subjectIds)}`,
      )
    ).map(toCandidate),
});

/** Item 十二 (三): the pre-commissioning risk assessment is done; the first assessment fulfils it. */
export const riskAssessmentSource = defineObligationSource({
  trigger: 'contract.riskAssessment',
  subjectType: 'contract',
  titleKey: 'obligations.titles.riskAssessment',
  title: (p) => `辦理委外風險評估：${String(p.contract)}`,
  collect: async (db, { subjectIds }) =>
    (
      await queryRows<Row>(
        db,
        sql`SELECT ${base}, c.period_start::text AS "anchorOn", 'assessment' AS "periodKey",
              '/contracts/' || c.id || '?tab=risk' AS link,
              (SELECT min(r.assessed_on)::text FROM risk_assessments r WHERE r.contract_id = c.id) AS "fulfilledOn"
            FROM contracts c WHERE true ${onlyContracts(subjectIds)}`,
      )
    ).map(toCandidate),
});
