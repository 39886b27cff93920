import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import type { DashboardCard } from '@custodian/shared';
import { timestamptz } from './_columns.js';

/**
 * The dashboard's snapshot (issue 12, ADR 0025): the number of each card per organisation and
 * Taipei day, kept current by the write paths (in the transaction of the change) and by the
 * dashboard's refresh job, so a request sums a few rows instead of counting the lists.
 * Derived data: not backed up, emptied by a restore, rebuilt from the records.
 */

/**
 * One card's count on one day for one organisation's records: all of them
 * (`owner_user_id` null), or those a business owner sees through the contracts they own
 * (`owner_user_id` theirs). Zero counts are not stored. No foreign keys: organisations are
 * never deleted, and a bulk rebuild should not check tens of thousands of references.
 */
export const dashboardCounts = pgTable(
  'dashboard_counts',
  {
    day: date('day', { mode: 'string' }).notNull(),
    card: text('card').notNull(),
    orgId: uuid('org_id').notNull(),
    ownerUserId: uuid('owner_user_id'),
    value: integer('value').notNull(),
  },
  (t) => [
    unique('dashboard_counts_key').on(t.day, t.orgId, t.card, t.ownerUserId).nullsNotDistinct(),
    index('dashboard_counts_owner_idx')
      .on(t.ownerUserId, t.day)
      .where(sql`${t.ownerUserId} is not null`),
  ],
);

/**
 * Each card's count on one day over every organisation (the sum of its `dashboard_counts`
 * rows without an owner), so the Ministry's dashboard reads one row per card. A refresh
 * adds the difference it made; a rebuild sums the counts again.
 */
export const dashboardTotals = pgTable(
  'dashboard_totals',
  {
    day: date('day', { mode: 'string' }).notNull(),
    card: text('card').notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.card] })],
);

/**
 * What the snapshot covers, in one row (`id` = 1): the days counted (the Taipei day of the
 * last rebuild and the next one, so the numbers stay exact past midnight until the night's
 * rebuild), the cards shown on each of them (without their numbers; a label may name a rule
 * in force that day), a fingerprint of how the code counts them (a process whose code counts
 * differently rebuilds at start), and when it was rebuilt. No row: there is no snapshot.
 */
export const dashboardSnapshot = pgTable('dashboard_snapshot', {
  id: integer('id').primaryKey(),
  firstDay: date('first_day', { mode: 'string' }).notNull(),
  lastDay: date('last_day', { mode: 'string' }).notNull(),
  cards: jsonb('cards').$type<Record<string, Omit<DashboardCard, 'value'>[]>>().notNull(),
  fingerprint: text('fingerprint').notNull(),
  refreshedAt: timestamptz('refreshed_at').notNull(),
});
