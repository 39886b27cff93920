import { sql } from 'drizzle-orm';
import { defineObligationSource, onlySubjects } from '../obligations/obligations.sources.js';

/** Item 三十九: a vendor's or unit's security qualification expires; a renewed one is a new period. */
export const qualificationExpirySource = defineObligationSource({
  trigger: 'vendor.qualification',
  subjectType: 'vendor_qualification',
  titleKey: 'obligations.titles.qualificationExpiry',
  title: '資安資格到期：{name}（{org}）',
  candidates: ({ subjectIds }) =>
    sql`SELECT 'vendor_qualification' AS "subjectType", q.id AS "subjectId", q.name AS "subjectName",
            -- A vendor's qualification is its unit's duty (item 三十九): the unit answers for it.
            CASE WHEN o.kind = 'vendor' AND o.parent_id IS NOT NULL THEN o.parent_id ELSE q.org_id END AS "orgId",
            q.created_by AS "responsibleUserId", q.expires_on::text AS "anchorOn", q.expires_on::text AS "periodKey",
            '/vendors/' || q.id AS link,
            json_strip_nulls(json_build_object('name', q.name, 'org', o.name, 'orgEn', o.name_en)) AS "titleParams",
            NULL::text AS "owedSinceAnchor", NULL::date AS "fulfilledOn"
          FROM vendor_qualifications q JOIN organisations o ON o.id = q.org_id
          WHERE q.expires_on IS NOT NULL ${onlySubjects(sql`q.id`, subjectIds)}`,
});
