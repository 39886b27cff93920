import type { Executor } from '../../db/client.js';
import type { AppDeps } from '../../lib/context.js';

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

/**
 * Writes the in-app notifications and, per each recipient's preference, outbox rows — in the
 * caller's transaction (transactional outbox). Returns how many notifications were new.
 */
export async function enqueueNotifications(tx: Executor, deps: AppDeps, items: NotificationInput[]): Promise<number> {
  void tx;
  void deps;
  return items.length === 0 ? 0 : Promise.reject(new Error('notifications: not implemented yet'));
}
