import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from './_columns.js';
import { organisations } from './organisations.js';
import { policyVersions } from './policy.js';
import { users } from './users.js';

/**
 * The compliance calendar (issue 13, ADR 0019): obligation instances computed from the
 * obligation rules of the policy and the records, the working-day calendar they are
 * shifted on, daily snapshots and personal iCalendar feed tokens.
 */

/** An imported year of the government office calendar (政府行政機關辦公日曆表). */
export const workingDayYears = pgTable('working_day_years', {
  year: integer('year').primaryKey(),
  days: integer('days').notNull(),
  holidays: integer('holidays').notNull(),
  makeUpWorkdays: integer('make_up_workdays').notNull(),
  importedAt: timestamptz('imported_at').notNull(),
  importedBy: uuid('imported_by').references(() => users.id, { onDelete: 'set null' }),
});

/** Every day of the imported years: rest day or working day, and the calendar's note. */
export const workingDays = pgTable('working_days', {
  day: date('day', { mode: 'string' }).primaryKey(),
  isHoliday: boolean('is_holiday').notNull(),
  note: text('note'),
});

/**
 * One obligation: a rule applied to one record (subject) for one period. The unique key
 * (rule, subject, period) makes recomputing an upsert. The due day and the rule version
 * are fixed when the instance is created: a new rule version applies to new periods.
 * `status` is stored (open, done, waived, cancelled); upcoming/due/overdue are the open
 * instances' state on a given day, from `due_on` and `reminder_window_days`.
 */
export const obligationInstances = pgTable(
  'obligation_instances',
  {
    id: idColumn(),
    ruleId: text('rule_id').notNull(),
    item: text('item').notNull(),
    trigger: text('trigger').notNull(),
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    subjectName: text('subject_name').notNull(),
    periodKey: text('period_key').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    responsibleUserId: uuid('responsible_user_id').references(() => users.id, { onDelete: 'set null' }),
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'restrict' }),
    policyVersion: integer('policy_version').notNull(),
    anchorOn: date('anchor_on', { mode: 'string' }).notNull(),
    period: text('period').notNull(),
    periodSource: text('period_source'),
    computedOn: date('computed_on', { mode: 'string' }).notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    shiftToWorkingDay: boolean('shift_to_working_day').notNull(),
    shiftedFrom: date('shifted_from', { mode: 'string' }),
    shiftNote: text('shift_note'),
    calendarImported: boolean('calendar_imported').notNull(),
    reminderDays: jsonb('reminder_days').$type<number[]>().notNull(),
    reminderWindowDays: integer('reminder_window_days').notNull(),
    escalation: jsonb('escalation').$type<{ businessOwnerAfterDays: number; ministryAfterDays: number } | null>(),
    titleKey: text('title_key').notNull(),
    titleParams: jsonb('title_params').$type<Record<string, string | number>>().notNull(),
    titleText: text('title_text').notNull(),
    link: text('link').notNull(),
    status: text('status', { enum: ['open', 'done', 'waived', 'cancelled'] })
      .notNull()
      .default('open'),
    doneOn: date('done_on', { mode: 'string' }),
    doneAt: timestamptz('done_at'),
    doneBy: uuid('done_by').references(() => users.id, { onDelete: 'set null' }),
    doneNote: text('done_note'),
    doneAttachmentId: uuid('done_attachment_id'),
    doneLink: text('done_link'),
    waiverReason: text('waiver_reason'),
    waiverBy: uuid('waiver_by').references(() => users.id, { onDelete: 'set null' }),
    waiverAt: timestamptz('waiver_at'),
    waiverExpiresOn: date('waiver_expires_on', { mode: 'string' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('obligation_instances_key_uq').on(t.ruleId, t.subjectType, t.subjectId, t.periodKey),
    index('obligation_instances_org_due_idx').on(t.orgId, t.dueOn),
    index('obligation_instances_status_due_idx').on(t.status, t.dueOn),
    index('obligation_instances_responsible_idx').on(t.responsibleUserId),
    index('obligation_instances_subject_idx').on(t.subjectType, t.subjectId),
  ],
);

/** Open and overdue obligations per unit and day, written by the daily snapshot job. */
export const obligationSnapshots = pgTable(
  'obligation_snapshots',
  {
    day: date('day', { mode: 'string' }).notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    overdue: integer('overdue').notNull(),
    open: integer('open').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.orgId] })],
);

/** A user's personal iCalendar feed token, stored as its SHA-256 hash; one per user. */
export const calendarFeedTokens = pgTable('calendar_feed_tokens', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: createdAt(),
  lastUsedAt: timestamptz('last_used_at'),
});
