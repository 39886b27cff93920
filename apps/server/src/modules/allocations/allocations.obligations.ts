import { sql } from 'drizzle-orm';
import { defineObligationSource, onlySubjects } from '../obligations/obligations.sources.js';

/**
 * Item 十一: an active allocation's period ends on its last day (the record's date is the
 * due day, P0D in the suggested rule); renewing it starts a new period and closes this one.
 */
export const allocationExpirySource = defineObligationSource({
  trigger: 'allocation.expiry',
  subjectType: 'allocation',
  titleKey: 'obligations.titles.allocationExpiry',
  title: '網域／IP 配置到期：{value}',
  candidates: ({ subjectIds }) =>
    sql`SELECT 'allocation' AS "subjectType", a.id AS "subjectId", a.value AS "subjectName", a.org_id AS "orgId",
            a.created_by AS "responsibleUserId", a.expires_on::text AS "anchorOn", a.expires_on::text AS "periodKey",
            '/allocations/' || a.id AS link, json_build_object('value', a.value, 'system', s.name) AS "titleParams",
            NULL::text AS "owedSinceAnchor", NULL::date AS "fulfilledOn"
          FROM allocations a JOIN systems s ON s.id = a.system_id
          WHERE a.status = 'active' ${onlySubjects(sql`a.id`, subjectIds)}`,
});

/** Item 十一: a renewal request waits for the Ministry's decision. */
export const allocationRenewalSource = defineObligationSource({
  trigger: 'allocation.renewalPending',
  subjectType: 'allocation_renewal',
  titleKey: 'obligations.titles.allocationRenewal',
  title: '審核網域／IP 配置續用申請：{value}',
  candidates: ({ subjectIds }) =>
    sql`SELECT 'allocation_renewal' AS "subjectType", r.id AS "subjectId", a.value AS "subjectName", a.org_id AS "orgId",
            NULL::uuid AS "responsibleUserId",
            to_char(r.requested_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD') AS "anchorOn", 'request' AS "periodKey",
            '/allocations?tab=renewals' AS link, json_build_object('value', a.value) AS "titleParams",
            NULL::text AS "owedSinceAnchor", NULL::date AS "fulfilledOn"
          FROM allocation_renewals r JOIN allocations a ON a.id = r.allocation_id
          WHERE r.status = 'pending' ${onlySubjects(sql`r.id`, subjectIds)}`,
});
