import { sql } from 'drizzle-orm';
import { date, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn } from './_columns.js';
import { users } from './users.js';

/**
 * Versions of the regulation's rule set (ADR 0008): clause checklist, allocation period,
 * contact re-confirmation interval and so on. A version is immutable once published;
 * records keep the id of the version they were judged by. The version in force on a day
 * is the one with the latest `effective_from` on or before it.
 */
export const policyVersions = pgTable('policy_versions', {
  id: idColumn(),
  version: integer('version').notNull().unique(),
  effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
  /** The rules: validated by PolicyRulesSchema in @custodian/shared when published, read by StoredPolicyRulesSchema. */
  rules: jsonb('rules').notNull(),
  /** What changed, e.g. the amendment it follows. */
  notes: text('notes').notNull(),
  /**
   * The numbers lists filter on, extracted once when the row is written so that a query over
   * 20,000 systems joins a plain integer instead of parsing the rules for every row.
   */
  allocationMaxYears: integer('allocation_max_years')
    .notNull()
    .generatedAlwaysAs(sql`((rules -> 'allocations' ->> 'maxYears')::int)`),
  contactsIntervalMonths: integer('contacts_interval_months')
    .notNull()
    .generatedAlwaysAs(sql`((rules -> 'contacts' ->> 'reconfirmIntervalMonths')::int)`),
  qualificationWarningDays: integer('qualification_warning_days')
    .notNull()
    .generatedAlwaysAs(sql`((rules -> 'vendorQualifications' ->> 'expiryWarningDays')::int)`),
  publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAt(),
});
