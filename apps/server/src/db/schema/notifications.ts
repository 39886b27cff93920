import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from './_columns.js';
import { users } from './users.js';

/**
 * In-app notifications (ADR 0020). One row per recipient and occasion; `dedupe_key` makes
 * enqueueing the same occasion again a no-op. `mail` says how it reaches the recipient by
 * mail: an outbox row written with it (`immediate`), or a later digest (`digest`, until
 * `digested_at`).
 */
export const notifications = pgTable(
  'notifications',
  {
    id: idColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    params: jsonb('params').$type<Record<string, string | number>>().notNull(),
    link: text('link'),
    dedupeKey: text('dedupe_key').notNull(),
    mail: text('mail', { enum: ['immediate', 'digest'] }).notNull(),
    digestedAt: timestamptz('digested_at'),
    readAt: timestamptz('read_at'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key_idx').on(t.dedupeKey),
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    index('notifications_digest_idx')
      .on(t.userId, t.createdAt)
      .where(sql`${t.mail} = 'digest' and ${t.digestedAt} is null`),
  ],
);

/**
 * The transactional outbox: each mail message, written in the transaction of the change that
 * caused it and sent by the `notifications.send` job. `message_key` is unique, so one
 * occasion yields one message; the sender claims a row (pending → sending) before it sends,
 * so no two senders send the same row.
 */
export const outbox = pgTable(
  'outbox',
  {
    id: idColumn(),
    messageKey: text('message_key').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    to: text('to_address').notNull(),
    subject: text('subject').notNull(),
    text: text('text_body').notNull(),
    html: text('html_body').notNull(),
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamptz('next_attempt_at').notNull(),
    /** When the current sender claimed it (status sending). */
    claimedAt: timestamptz('claimed_at'),
    lastError: text('last_error'),
    sentAt: timestamptz('sent_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('outbox_message_key_idx').on(t.messageKey),
    index('outbox_due_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('outbox_status_idx').on(t.status, t.createdAt),
  ],
);

/** How each person receives notification mail; no row means `immediate`. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  delivery: text('delivery', { enum: ['immediate', 'daily', 'weekly'] }).notNull(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});
