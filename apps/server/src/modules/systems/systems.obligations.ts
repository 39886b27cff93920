import { sql } from 'drizzle-orm';
import { defineObligationSource, onlySubjects } from '../obligations/obligations.sources.js';

/**
 * Item 十: the yearly re-confirmation of a system's contacts. The period counts from the
 * last confirmation; a new confirmation starts a new period and closes the open one.
 * Decommissioned systems owe nothing. Contacts never confirmed are owed from the day the
 * system was registered: the registry's "contacts overdue" (`contactsOverdueSql`, the
 * dashboard card and the systems list) counts such a system overdue at once, and so does
 * its obligation (period key `unconfirmed`, due the day before registration, ADR 0019).
 */
/** The explanation of an obligation owed since registration. */
const NEVER_CONFIRMED = 'never confirmed: owed since the system was registered';

export const contactsObligationSource = defineObligationSource({
  trigger: 'system.contacts',
  subjectType: 'system',
  titleKey: 'obligations.titles.contactsReconfirm',
  title: '確認系統聯絡人：{system}',
  candidates: ({ subjectIds }) =>
    sql`SELECT 'system' AS "subjectType", s.id AS "subjectId", s.name AS "subjectName", s.org_id AS "orgId",
            s.contacts_confirmed_by AS "responsibleUserId",
            to_char(coalesce(s.contacts_confirmed_at, s.created_at) AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD') AS "anchorOn",
            CASE WHEN s.contacts_confirmed_at IS NULL THEN 'unconfirmed'
              ELSE to_char(s.contacts_confirmed_at AT TIME ZONE 'Asia/Taipei', 'YYYY-MM-DD') END AS "periodKey",
            CASE WHEN s.contacts_confirmed_at IS NULL THEN ${NEVER_CONFIRMED}::text END AS "owedSinceAnchor",
            '/systems/' || s.id || '?tab=contacts' AS link,
            json_build_object('system', s.name) AS "titleParams", NULL::date AS "fulfilledOn"
          FROM systems s
          WHERE s.status <> 'decommissioned' ${onlySubjects(sql`s.id`, subjectIds)}`,
});
