import type { AppDeps } from '../../lib/context.js';
import {
  claimDueMessages,
  failAbandonedClaims,
  markAttemptFailed,
  markSent,
  type OutboxRow,
} from './notifications.repository.js';

/**
 * How the sender retries (ADR 0020). Delivery settings, not rules of the regulation, so they
 * live here rather than in the policy.
 */
export const SENDER_SETTINGS = {
  /** Attempts before a message is marked failed (the first one included). */
  maxAttempts: 5,
  /** Wait before the second attempt; doubled for each later one (1, 2, 4, 8 minutes). */
  firstRetrySeconds: 60,
  /** The longest wait between attempts. */
  maxRetrySeconds: 60 * 60,
  /** A claim older than this belongs to a sender that stopped mid-attempt. */
  abandonedClaimMinutes: 15,
  /** Messages claimed per statement. */
  batchSize: 20,
  /** Messages one run sends at most; the next run continues. */
  maxPerRun: 500,
} as const;

/** The wait after failed attempt number `attempt` (1-based). */
export function retryDelayMs(attempt: number): number {
  const seconds = SENDER_SETTINGS.firstRetrySeconds * 2 ** Math.max(0, attempt - 1);
  return Math.min(seconds, SENDER_SETTINGS.maxRetrySeconds) * 1000;
}

/** The Message-ID of an outbox row: the same for every attempt, so a receiver can spot a repeat. */
export function messageIdOf(row: Pick<OutboxRow, 'id'>, publicUrl: string): string {
  return `<outbox-${row.id}@${new URL(publicUrl).hostname}>`;
}

export type SendResult = { sent: number; retrying: number; failed: number; abandoned: number; skipped: boolean };

function errorText(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return message.slice(0, 1000);
}

/**
 * Sends the outbox's due messages (the `notifications.send` job). Without SMTP_URL nothing is
 * claimed: messages stay pending, and the outbox page says so. Each message is claimed
 * (pending → sending) in its own statement before it is sent, so two senders, in one process
 * or two, never send the same row; a failed attempt goes back to pending with exponential
 * backoff, and after the last attempt to failed.
 */
export async function sendDueMessages(deps: AppDeps, now: Date): Promise<SendResult> {
  const result: SendResult = { sent: 0, retrying: 0, failed: 0, abandoned: 0, skipped: false };
  if (!deps.mailer.isConfigured) {
    result.skipped = true;
    return result;
  }
  result.abandoned = await failAbandonedClaims(
    deps.db,
    new Date(now.getTime() - SENDER_SETTINGS.abandonedClaimMinutes * 60_000),
    'The sender stopped during this attempt; whether the mail left is unknown. Resend it if it did not arrive.',
    now,
  );
  while (result.sent + result.retrying + result.failed < SENDER_SETTINGS.maxPerRun) {
    const claimed = await claimDueMessages(deps.db, now, SENDER_SETTINGS.batchSize);
    if (claimed.length === 0) {
      break;
    }
    for (const row of claimed) {
      try {
        await deps.mailer.send({
          to: row.to,
          subject: row.subject,
          text: row.text,
          html: row.html,
          messageId: messageIdOf(row, deps.config.PUBLIC_URL),
        });
      } catch (err) {
        const giveUp = row.attempts >= SENDER_SETTINGS.maxAttempts;
        await markAttemptFailed(
          deps.db,
          row.id,
          {
            status: giveUp ? 'failed' : 'pending',
            nextAttemptAt: giveUp ? row.nextAttemptAt : new Date(now.getTime() + retryDelayMs(row.attempts)),
            error: errorText(err),
          },
          now,
        );
        deps.log.warn({ outboxId: row.id, attempt: row.attempts, giveUp }, 'notification mail failed');
        if (giveUp) {
          result.failed += 1;
        } else {
          result.retrying += 1;
        }
        continue;
      }
      await markSent(deps.db, row.id, now);
      result.sent += 1;
    }
  }
  return result;
}
