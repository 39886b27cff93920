import type {
  Notification,
  NotificationListQuery,
  NotificationPreferences,
  NotificationPreferencesUpdate,
  OutboxListQuery,
  OutboxMessage,
  OutboxPage,
} from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requirePermission } from '../../lib/permissions.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { isAppPath, layoutNotification } from './notifications.layout.js';
import { presentNotification, presentOutboxMessage } from './notifications.presenter.js';
import {
  countUnread,
  findOutboxMessage,
  findPreference,
  findRecipients,
  insertNotifications,
  insertOutbox,
  listOutbox,
  listUserNotifications,
  markAllRead,
  markRead,
  requeueFailed,
  upsertPreference,
  type NewNotificationRow,
  type NewOutboxRow,
} from './notifications.repository.js';
import { notificationTemplate, renderNotification } from './notifications.templates.js';

/** One notification to one recipient (CALENDAR.md §2). */
export type NotificationInput = {
  /** Recipient. */
  userId: string;
  /** Template key, e.g. 'obligation.reminder'. */
  kind: string;
  /** Enqueueing the same key again is a no-op (unique index). */
  dedupeKey: string;
  /** Template parameters. */
  params: Record<string, string | number>;
  /** In-app path. */
  link?: string;
};

/** Rows per INSERT statement: well under PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 500;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** The outbox key of a single notification's mail: one message per notification, ever. */
export const notificationMessageKey = (notificationId: string) => `notification:${notificationId}`;

/**
 * Writes the in-app notifications and, per each recipient's preference, outbox rows — in the
 * caller's transaction (transactional outbox, ADR 0020), so they commit or roll back with
 * the change that caused them. A `dedupeKey` already stored (or repeated in `items`) is
 * skipped. Recipients who want mail immediately get one outbox message per notification,
 * rendered now in their language; the others' notifications wait for their digest. An
 * inactive account gets the in-app notification only. Returns how many notifications were
 * new. `now` is the caller's instant (`ctx.now` or the job's `run.now`, ADR 0014): the rows'
 * creation time and the mail's first attempt. An unregistered kind or a link that is not an
 * in-app path is a programming error.
 */
export async function enqueueNotifications(
  tx: Executor,
  deps: AppDeps,
  items: NotificationInput[],
  now: Date,
): Promise<number> {
  const unique = new Map<string, NotificationInput>();
  for (const item of items) {
    if (!notificationTemplate(deps.modules, item.kind)) {
      throw new Error(`Notification kind "${item.kind}" has no registered templates`);
    }
    if (item.link !== undefined && !isAppPath(item.link)) {
      throw new Error(`Notification link "${item.link}" is not an in-app path`);
    }
    if (!unique.has(item.dedupeKey)) {
      unique.set(item.dedupeKey, item);
    }
  }
  if (unique.size === 0) {
    return 0;
  }
  const recipients = new Map(
    (await findRecipients(tx, [...new Set([...unique.values()].map((i) => i.userId))])).map((r) => [r.id, r]),
  );
  const rows: NewNotificationRow[] = [...unique.values()].map((item) => ({
    userId: item.userId,
    kind: item.kind,
    params: item.params,
    link: item.link ?? null,
    dedupeKey: item.dedupeKey,
    mail: (recipients.get(item.userId)?.delivery ?? 'immediate') === 'immediate' ? 'immediate' : 'digest',
    createdAt: now,
  }));
  let created = 0;
  for (const chunk of chunks(rows, INSERT_CHUNK)) {
    const inserted = await insertNotifications(tx, chunk);
    created += inserted.length;
    const messages: NewOutboxRow[] = [];
    for (const row of inserted) {
      const recipient = recipients.get(row.userId);
      if (row.mail !== 'immediate' || !recipient?.isActive) {
        continue;
      }
      const mail = layoutNotification(
        recipient.locale,
        deps.config.PUBLIC_URL,
        renderNotification(deps.modules, row.kind, recipient.locale, row.params),
        row.link,
      );
      messages.push({
        messageKey: notificationMessageKey(row.id),
        userId: recipient.id,
        kind: row.kind,
        to: recipient.email,
        ...mail,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      });
    }
    await insertOutbox(tx, messages);
  }
  return created;
}

// ---- The caller's notifications -----------------------------------------------------------

/** The caller's notifications, newest first, rendered in the request's language. */
export async function listMyNotifications(deps: AppDeps, ctx: RequestContext, query: NotificationListQuery) {
  const actor = requireActor(ctx.actor);
  const { items, total } = await listUserNotifications(deps.db, actor.userId, query);
  return {
    items: items.map((row) => presentNotification(deps.modules, row, ctx.locale)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function countMyUnread(deps: AppDeps, ctx: RequestContext): Promise<{ count: number }> {
  return { count: await countUnread(deps.db, requireActor(ctx.actor).userId) };
}

/**
 * Marks one of the caller's notifications read (the first reading time is kept). Another
 * user's id answers NOT_FOUND, as a missing one does.
 */
export async function readNotification(deps: AppDeps, ctx: RequestContext, id: string): Promise<Notification> {
  const actor = requireActor(ctx.actor);
  const row = await deps.db.transaction(async (tx) => {
    const updated = await markRead(tx, actor.userId, id, ctx.now);
    if (!updated) {
      throw new AppError('NOT_FOUND');
    }
    await recordAudit(tx, deps, ctx, {
      action: 'notification.read',
      orgId: actor.orgId,
      targetType: 'notification',
      targetId: id,
      summary: { kind: updated.kind },
    });
    return updated;
  });
  return presentNotification(deps.modules, row, ctx.locale);
}

/** Marks every unread notification of the caller read. */
export async function readAllNotifications(deps: AppDeps, ctx: RequestContext): Promise<{ updated: number }> {
  const actor = requireActor(ctx.actor);
  return deps.db.transaction(async (tx) => {
    const updated = await markAllRead(tx, actor.userId, ctx.now);
    await recordAudit(tx, deps, ctx, {
      action: 'notification.read_all',
      orgId: actor.orgId,
      targetType: 'user',
      targetId: actor.userId,
      summary: { updated },
    });
    return { updated };
  });
}

// ---- Preferences --------------------------------------------------------------------------

async function preferencesOf(deps: AppDeps, db: Executor, ctx: RequestContext): Promise<NotificationPreferences> {
  const actor = requireActor(ctx.actor);
  const [recipient] = await findRecipients(db, [actor.userId]);
  return {
    delivery: recipient?.delivery ?? 'immediate',
    language: recipient?.locale ?? 'zh-TW',
    mailConfigured: deps.mailer.isConfigured,
  };
}

export async function getNotificationPreferences(deps: AppDeps, ctx: RequestContext): Promise<NotificationPreferences> {
  return preferencesOf(deps, deps.db, ctx);
}

/**
 * Sets how the caller receives mail. Notifications already waiting for a digest stay in it;
 * after a switch to immediate, the next daily digest sends them.
 */
export async function updateNotificationPreferences(
  deps: AppDeps,
  ctx: RequestContext,
  input: NotificationPreferencesUpdate,
): Promise<NotificationPreferences> {
  const actor = requireActor(ctx.actor);
  return deps.db.transaction(async (tx) => {
    const before = (await findPreference(tx, actor.userId)) ?? 'immediate';
    if (before !== input.delivery) {
      await upsertPreference(tx, actor.userId, input.delivery, ctx.now);
      await recordAudit(tx, deps, ctx, {
        action: 'notification_preferences.update',
        orgId: actor.orgId,
        targetType: 'user',
        targetId: actor.userId,
        summary: { before: { delivery: before }, after: { delivery: input.delivery } },
      });
    }
    return preferencesOf(deps, tx, ctx);
  });
}

// ---- The outbox (ministry_admin) ----------------------------------------------------------

export async function listOutboxMessages(
  deps: AppDeps,
  ctx: RequestContext,
  query: OutboxListQuery,
): Promise<OutboxPage> {
  requirePermission(ctx, 'outbox.manage');
  const { items, total } = await listOutbox(deps.db, query);
  return {
    items: items.map(presentOutboxMessage),
    total,
    page: query.page,
    pageSize: query.pageSize,
    mailConfigured: deps.mailer.isConfigured,
  };
}

/** Puts a failed message back in the queue (failed → pending, due now, attempts from zero). */
export async function resendOutboxMessage(deps: AppDeps, ctx: RequestContext, id: string): Promise<OutboxMessage> {
  requirePermission(ctx, 'outbox.manage');
  const before = await findOutboxMessage(deps.db, id);
  if (!before) {
    throw new AppError('NOT_FOUND');
  }
  await deps.db.transaction(async (tx) => {
    const row = await requeueFailed(tx, id, ctx.now);
    if (!row) {
      throw new AppError('OUTBOX_NOT_FAILED');
    }
    await recordAudit(tx, deps, ctx, {
      action: 'outbox.resend',
      targetType: 'outbox_message',
      targetId: id,
      summary: { kind: before.kind, attempts: before.attempts, lastError: before.lastError },
    });
  });
  const after = await findOutboxMessage(deps.db, id);
  if (!after) {
    throw new AppError('NOT_FOUND');
  }
  return presentOutboxMessage(after);
}
