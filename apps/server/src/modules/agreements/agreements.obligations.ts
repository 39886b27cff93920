import { sql } from 'drizzle-orm';
import { defineObligationSource, onlySubjects } from '../obligations/obligations.sources.js';
import { COMMITMENT_TRIGGER } from './agreements.commitments.service.js';
import { AGREEMENT_TRIGGER } from './agreements.service.js';

/*
 * Item 六 in the compliance calendar (ADR 0019): a personal commitment's last day (the signer
 * renews it, and the unit's administrators) and a signed agreement's end (the unit's
 * administrators). The calendar's rules name these triggers; the rules are part of
 * SUGGESTED_OBLIGATION_RULES (packages/shared), which a ministry_admin publishes in the
 * obligations section, with the agreements section's reminder days (60, 30 and 7 days, and
 * the day itself).
 */

/** Commitments with a last day, on signed or unsigned agreements alike. */
export const commitmentExpirySource = defineObligationSource({
  trigger: COMMITMENT_TRIGGER,
  subjectType: 'agreement_commitment',
  titleKey: 'agreements.obligationTitles.commitmentExpiry',
  title: '保密承諾書到期：{name}（{org}）',
  candidates: ({ subjectIds }) =>
    sql`SELECT 'agreement_commitment' AS "subjectType", c.id AS "subjectId", c.name AS "subjectName",
            a.org_id AS "orgId", s.user_id AS "responsibleUserId",
            c.expires_on::text AS "anchorOn", c.expires_on::text AS "periodKey",
            '/agreements/' || a.id || '?tab=commitments' AS link,
            json_strip_nulls(json_build_object('name', c.name, 'org', o.name, 'orgEn', o.name_en)) AS "titleParams",
            NULL::text AS "owedSinceAnchor", NULL::date AS "fulfilledOn"
          FROM agreement_commitments c
          JOIN agreement_staff s ON s.id = c.staff_id
          JOIN agreements a ON a.id = c.agreement_id
          JOIN organisations o ON o.id = a.org_id
          WHERE c.expires_on IS NOT NULL ${onlySubjects(sql`c.id`, subjectIds)}`,
});

/** Signed agreements reaching the end of their term (not those terminated before it). */
export const agreementExpirySource = defineObligationSource({
  trigger: AGREEMENT_TRIGGER,
  subjectType: 'agreement',
  titleKey: 'agreements.obligationTitles.agreementExpiry',
  title: '保密合約書到期：{name}（{org}）',
  candidates: ({ subjectIds }) =>
    sql`SELECT 'agreement' AS "subjectType", a.id AS "subjectId", k.name AS "subjectName",
            a.org_id AS "orgId", NULL::uuid AS "responsibleUserId",
            a.ends_on::text AS "anchorOn", a.ends_on::text AS "periodKey",
            '/agreements/' || a.id AS link,
            json_strip_nulls(json_build_object('name', k.name, 'org', o.name, 'orgEn', o.name_en)) AS "titleParams",
            NULL::text AS "owedSinceAnchor", NULL::date AS "fulfilledOn"
          FROM agreements a
          JOIN contracts k ON k.id = a.contract_id
          JOIN organisations o ON o.id = a.org_id
          WHERE a.status = 'signed' AND a.ends_on IS NOT NULL
            AND (a.termination_effective_on IS NULL OR a.termination_effective_on > a.ends_on)
            ${onlySubjects(sql`a.id`, subjectIds)}`,
});

/** The calendar rules for the two sources: in the suggested set a ministry_admin publishes (shared). */
export { AGREEMENT_OBLIGATION_RULES } from '@custodian/shared';
