import type { Locale, Notification, OutboxMessage } from '@custodian/shared';
import type { NotificationRow, OutboxListRow } from './notifications.repository.js';
import { renderNotification } from './notifications.templates.js';

/** A notification in the reader's language: the template renders its title and body. */
export function presentNotification(
  modules: Parameters<typeof renderNotification>[0],
  row: NotificationRow,
  locale: Locale,
): Notification {
  const rendered = renderNotification(modules, row.kind, locale, row.params);
  return {
    id: row.id,
    kind: row.kind,
    title: rendered.subject,
    body: rendered.text,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/** An outbox message without its bodies (the list shows what, to whom and how it went). */
export function presentOutboxMessage(row: OutboxListRow): OutboxMessage {
  return {
    id: row.id,
    kind: row.kind,
    to: row.to,
    recipientName: row.recipientName,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    lastError: row.lastError,
    sentAt: row.sentAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
