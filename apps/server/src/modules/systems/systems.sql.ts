import { eq, sql, type SQL } from 'drizzle-orm';
import { policyVersions, systems } from '../../db/schema/index.js';

/*
 * The item 十 due-day definitions, in SQL. They are the systems module's, and shared with
 * the lists that filter on them (contacts, the XLSX export), so that "overdue" means the
 * same everywhere.
 */

/**
 * Day the next confirmation of the contacts is due (item 十): the Taipei date of the last
 * one plus the interval of the system's own rule set. Needs `policy_versions` joined on
 * `systems.policy_version_id` (its stored `contacts_interval_months` column).
 */
export const contactsDueOnSql = sql`((${systems.contactsConfirmedAt} at time zone 'Asia/Taipei')::date + make_interval(months => ${policyVersions.contactsIntervalMonths}))::date`;

/** Whether a live system's contacts are overdue on `today`: never confirmed, or due before it. */
export function contactsOverdueSql(today: string): SQL {
  return sql`(${systems.status} <> 'decommissioned' and (${systems.contactsConfirmedAt} is null or ${contactsDueOnSql} < ${today}::date))`;
}

/** Joins the system's rule set, which the contact due day is computed from. */
export const joinPolicy = eq(policyVersions.id, systems.policyVersionId);
