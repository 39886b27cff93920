import { and, count, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { NotificationDelivery, OutboxStatus } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { notificationPreferences, notifications, outbox, users } from '../../db/schema/index.js';

export type NotificationRow = typeof notifications.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type NewNotificationRow = typeof notifications.$inferInsert;
export type NewOutboxRow = typeof outbox.$inferInsert;

/** A recipient as the enqueue and digest steps need them. */
export type Recipient = {
  id: string;
  email: string;
  locale: 'zh-TW' | 'en';
  isActive: boolean;
  delivery: NotificationDelivery;
};

const recipientColumns = {
  id: users.id,
  email: users.email,
  locale: users.locale,
  isActive: users.isActive,
  delivery: sql<NotificationDelivery>`coalesce(${notificationPreferences.delivery}, 'immediate')`,
};

/** The recipients among `userIds`, with their delivery preference (immediate when unset). */
export async function findRecipients(db: Executor, userIds: readonly string[]): Promise<Recipient[]> {
  if (userIds.length === 0) {
    return [];
  }
  return db
    .select(recipientColumns)
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(inArray(users.id, [...userIds]));
}

/** Inserts notifications; rows whose dedupe key exists already are skipped. Returns the new ones. */
export async function insertNotifications(db: Executor, rows: NewNotificationRow[]): Promise<NotificationRow[]> {
  if (rows.length === 0) {
    return [];
  }
  return db.insert(notifications).values(rows).onConflictDoNothing({ target: notifications.dedupeKey }).returning();
}

/** Inserts outbox messages; a message whose key exists already is skipped. Returns the new ids. */
export async function insertOutbox(
  db: Executor,
  rows: NewOutboxRow[],
): Promise<{ id: string; userId: string | null }[]> {
  if (rows.length === 0) {
    return [];
  }
  return db
    .insert(outbox)
    .values(rows)
    .onConflictDoNothing({ target: outbox.messageKey })
    .returning({ id: outbox.id, userId: outbox.userId });
}

const ownedBy = (userId: string, unread?: boolean) =>
  and(eq(notifications.userId, userId), unread ? isNull(notifications.readAt) : undefined);

/** One page of a user's notifications, newest first. */
export async function listUserNotifications(
  db: Executor,
  userId: string,
  query: { unread?: boolean | undefined; page: number; pageSize: number },
): Promise<{ items: NotificationRow[]; total: number }> {
  const where = ownedBy(userId, query.unread);
  const items = await db
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db.select({ n: count() }).from(notifications).where(where);
  return { items, total: Number(total?.n ?? 0) };
}

/** A user's unread notifications. */
export async function countUnread(db: Executor, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(ownedBy(userId, true));
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read (kept as first read); undefined when not theirs. */
export async function markRead(
  db: Executor,
  userId: string,
  id: string,
  now: Date,
): Promise<NotificationRow | undefined> {
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now})` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning();
  return row;
}

/** Marks every unread notification of the user read; how many changed. */
export async function markAllRead(db: Executor, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(notifications)
    .set({ readAt: now })
    .where(ownedBy(userId, true))
    .returning({ id: notifications.id });
  return rows.length;
}

/** The user's delivery preference, or undefined when never set. */
export async function findPreference(db: Executor, userId: string): Promise<NotificationDelivery | undefined> {
  const [row] = await db
    .select({ delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return row?.delivery;
}

export async function upsertPreference(
  db: Executor,
  userId: string,
  delivery: NotificationDelivery,
  now: Date,
): Promise<void> {
  await db
    .insert(notificationPreferences)
    .values({ userId, delivery, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: { delivery, updatedAt: now } });
}

// ---- The sender ---------------------------------------------------------------------------

/**
 * Claims up to `limit` due messages for this sender: pending → sending, one attempt more.
 * `FOR UPDATE SKIP LOCKED` lets concurrent senders pass over rows another is claiming, and
 * the status check in the UPDATE itself means a row is claimed once even if two statements
 * meet it; a claimed row is no longer pending, so no later claim takes it.
 */
export async function claimDueMessages(db: Executor, now: Date, limit: number): Promise<OutboxRow[]> {
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now)))
    .orderBy(outbox.nextAttemptAt, outbox.createdAt)
    .limit(limit)
    .for('update', { skipLocked: true });
  return db
    .update(outbox)
    .set({ status: 'sending', attempts: sql`${outbox.attempts} + 1`, claimedAt: now, updatedAt: now })
    .where(and(inArray(outbox.id, due), eq(outbox.status, 'pending')))
    .returning();
}

/** Marks a claimed message sent. */
export async function markSent(db: Executor, id: string, now: Date): Promise<void> {
  await db
    .update(outbox)
    .set({ status: 'sent', sentAt: now, claimedAt: null, lastError: null, updatedAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

/** Puts a claimed message back for a later attempt, or gives up (`failed`). */
export async function markAttemptFailed(
  db: Executor,
  id: string,
  outcome: { status: 'pending' | 'failed'; nextAttemptAt: Date; error: string },
  now: Date,
): Promise<void> {
  await db
    .update(outbox)
    .set({
      status: outcome.status,
      nextAttemptAt: outcome.nextAttemptAt,
      lastError: outcome.error,
      claimedAt: null,
      updatedAt: now,
    })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

/**
 * Messages claimed before `before` and never marked: the sender stopped mid-attempt (the
 * process died). Whether the mail left is unknown, so they are not retried automatically
 * (that could send twice) but marked failed, for ministry_admin to resend.
 */
export async function failAbandonedClaims(db: Executor, before: Date, error: string, now: Date): Promise<number> {
  const rows = await db
    .update(outbox)
    .set({ status: 'failed', lastError: error, claimedAt: null, updatedAt: now })
    .where(and(eq(outbox.status, 'sending'), lte(outbox.claimedAt, before)))
    .returning({ id: outbox.id });
  return rows.length;
}

// ---- The admin's outbox -------------------------------------------------------------------

export type OutboxListRow = OutboxRow & { recipientName: string | null };

export async function listOutbox(
  db: Executor,
  query: { status?: OutboxStatus | undefined; page: number; pageSize: number },
): Promise<{ items: OutboxListRow[]; total: number }> {
  const where = query.status ? eq(outbox.status, query.status) : undefined;
  const rows = await db
    .select({ row: outbox, recipientName: users.name })
    .from(outbox)
    .leftJoin(users, eq(users.id, outbox.userId))
    .where(where)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db.select({ n: count() }).from(outbox).where(where);
  return {
    items: rows.map((r) => ({ ...r.row, recipientName: r.recipientName })),
    total: Number(total?.n ?? 0),
  };
}

export async function findOutboxMessage(db: Executor, id: string): Promise<OutboxListRow | undefined> {
  const [row] = await db
    .select({ row: outbox, recipientName: users.name })
    .from(outbox)
    .leftJoin(users, eq(users.id, outbox.userId))
    .where(eq(outbox.id, id));
  return row ? { ...row.row, recipientName: row.recipientName } : undefined;
}

/** failed → pending, due now, with a fresh attempt count; undefined when it was not failed. */
export async function requeueFailed(db: Executor, id: string, now: Date): Promise<OutboxRow | undefined> {
  const [row] = await db
    .update(outbox)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: now, claimedAt: null, updatedAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.status, 'failed')))
    .returning();
  return row;
}

// ---- Digests ------------------------------------------------------------------------------

/** Active users of these preferences with notifications waiting for a digest, raised up to `upTo`. */
export async function findDigestRecipients(
  db: Executor,
  deliveries: readonly NotificationDelivery[],
  upTo: Date,
): Promise<Recipient[]> {
  return db
    .selectDistinct(recipientColumns)
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(
      and(
        eq(notifications.mail, 'digest'),
        isNull(notifications.digestedAt),
        lte(notifications.createdAt, upTo),
        eq(users.isActive, true),
        inArray(sql`coalesce(${notificationPreferences.delivery}, 'immediate')`, [...deliveries]),
      ),
    );
}

/** A user's notifications waiting for a digest, raised up to `upTo`, oldest first. */
export async function findDigestNotifications(db: Executor, userId: string, upTo: Date): Promise<NotificationRow[]> {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        eq(notifications.mail, 'digest'),
        isNull(notifications.digestedAt),
        lte(notifications.createdAt, upTo),
      ),
    )
    .orderBy(notifications.createdAt, notifications.id);
}

export async function markDigested(db: Executor, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length > 0) {
    await db
      .update(notifications)
      .set({ digestedAt: now })
      .where(inArray(notifications.id, [...ids]));
  }
}

/**
 * Retention (NOTIFICATION_RETENTION_MONTHS): deletes sent messages sent before `before`, and
 * in-app notifications created before it that were read and are not waiting for a digest.
 * Pending, sending and failed messages and unread notifications stay, whatever their age:
 * they are still work for someone.
 */
export async function pruneNotifications(
  db: Executor,
  before: Date,
): Promise<{ messages: number; notifications: number }> {
  const messages = await db
    .delete(outbox)
    .where(and(eq(outbox.status, 'sent'), lte(outbox.sentAt, before)))
    .returning({ id: outbox.id });
  const read = await db
    .delete(notifications)
    .where(
      and(
        lte(notifications.createdAt, before),
        sql`${notifications.readAt} is not null`,
        sql`(${notifications.mail} <> 'digest' or ${notifications.digestedAt} is not null)`,
      ),
    )
    .returning({ id: notifications.id });
  return { messages: messages.length, notifications: read.length };
}
