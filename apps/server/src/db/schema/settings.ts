import { bigint, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './_columns.js';

/** Platform-wide settings that administrators can change at run time. */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/**
 * Counters that database triggers raise whenever rows they watch change (migration 0007):
 * `auth` for what a request's actor is built from (sessions, API tokens, users, their
 * scopes, the organisation tree). The server's in-process caches compare it on every
 * request, so a change made by any process, or by SQL, is seen on the next request.
 */
export const changeCounters = pgTable('change_counters', {
  name: text('name').primaryKey(),
  n: bigint('n', { mode: 'number' }).notNull().default(0),
});
