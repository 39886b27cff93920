import { taipeiToday, type NotificationDelivery } from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { layoutDigest, type DigestPeriod } from './notifications.layout.js';
import {
  findDigestNotifications,
  findDigestRecipients,
  insertOutbox,
  markDigested,
  type Recipient,
} from './notifications.repository.js';
import { renderNotification } from './notifications.templates.js';

/**
 * Whose waiting notifications each digest collects: the daily one also sends what waited
 * for a person who switched to immediate mail since.
 */
const DIGEST_DELIVERIES: Record<DigestPeriod, readonly NotificationDelivery[]> = {
  daily: ['daily', 'immediate'],
  weekly: ['weekly'],
};

/** The outbox key of a digest: one per person, period and Taipei day. */
export const digestMessageKey = (period: DigestPeriod, userId: string, now: Date) =>
  `digest:${period}:${userId}:${taipeiToday(now)}`;

async function digestFor(deps: AppDeps, recipient: Recipient, period: DigestPeriod, now: Date): Promise<boolean> {
  return deps.db.transaction(async (tx) => {
    const rows = await findDigestNotifications(tx, recipient.id, now);
    if (rows.length === 0) {
      return false;
    }
    const mail = layoutDigest(
      recipient.locale,
      deps.config.PUBLIC_URL,
      period,
      rows.map((row) => ({
        ...renderNotification(deps.modules, row.kind, recipient.locale, row.params),
        link: row.link,
      })),
    );
    const inserted = await insertOutbox(tx, [
      {
        messageKey: digestMessageKey(period, recipient.id, now),
        userId: recipient.id,
        kind: `digest.${period}`,
        to: recipient.email,
        ...mail,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      },
    ]);
    // Another run composed this person's digest for the day already: leave these for the next.
    if (inserted.length === 0) {
      return false;
    }
    await markDigested(
      tx,
      rows.map((r) => r.id),
      now,
    );
    return true;
  });
}

/**
 * Composes one digest mail per person from their notifications waiting for it (the
 * `notifications.digest-daily` and `-weekly` jobs). Each person's digest is written in one
 * transaction with the notifications it covers marked digested; its outbox key (person,
 * period, Taipei day) makes a second run that day write nothing. Returns the digests written.
 */
export async function composeDigests(deps: AppDeps, period: DigestPeriod, now: Date): Promise<number> {
  const recipients = await findDigestRecipients(deps.db, DIGEST_DELIVERIES[period], now);
  let written = 0;
  for (const recipient of recipients) {
    if (await digestFor(deps, recipient, period, now)) {
      written += 1;
    }
  }
  return written;
}
