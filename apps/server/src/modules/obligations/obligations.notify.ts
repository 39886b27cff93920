import { sql } from 'drizzle-orm';
import { taipeiToday } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import type { Executor } from '../../db/types.js';
import type { AppDeps } from '../../lib/context.js';

/*
 * Reminders and escalations (issue 13 §4). Each day, every open instance is at one stage:
 * a reminder threshold crossed (the nearest one: a missed day does not send the older
 * ones too), its due day, overdue, then escalated to the supervising business owners and
 * then to the Ministry's security office. Each (instance, stage, recipient) is enqueued
 * once: the notifications service's dedupe key makes a second enqueue a no-op, so the job
 * may run any number of times, in any number of processes.
 */

export type ObligationNotification = {
  userId: string;
  kind: 'obligation.reminder' | 'obligation.due' | 'obligation.overdue' | 'obligation.escalation';
  dedupeKey: string;
  params: Record<string, string | number>;
  link?: string;
};

/**
 * How notifications are enqueued: the notifications module's `enqueueNotifications(tx,
 * deps, items)` (branch notify). Until it is merged this adapter counts and logs; the merge
 * replaces its body with that call.
 */
export async function enqueue(_tx: Executor, deps: AppDeps, items: ObligationNotification[]): Promise<number> {
  deps.log.debug({ count: items.length }, 'obligation notifications (notifications module not merged yet)');
  return items.length;
}

type Due = {
  id: string;
  title: string;
  item: string;
  dueOn: string;
  days: number;
  reminderDays: number[];
  escalation: { businessOwnerAfterDays: number; ministryAfterDays: number } | null;
  orgId: string;
  orgName: string;
  responsibleUserId: string | null;
  link: string;
};

/** The stages an instance has reached on a day, oldest first; `days` is days to the due day (negative when overdue). */
export function stagesOf(days: number, reminderDays: readonly number[], escalation: Due['escalation']) {
  const stages: { stage: string; kind: ObligationNotification['kind']; to: 'responsible' | 'owner' | 'ministry' }[] =
    [];
  if (days > 0) {
    const crossed = reminderDays.filter((n) => n > 0 && days <= n);
    if (crossed.length > 0) {
      stages.push({ stage: `reminder-${Math.min(...crossed)}`, kind: 'obligation.reminder', to: 'responsible' });
    }
  } else if (days === 0) {
    stages.push({ stage: 'due', kind: 'obligation.due', to: 'responsible' });
  } else {
    stages.push({ stage: 'overdue', kind: 'obligation.overdue', to: 'responsible' });
    if (escalation && -days >= escalation.businessOwnerAfterDays) {
      stages.push({ stage: 'escalation-owner', kind: 'obligation.escalation', to: 'owner' });
    }
    if (escalation && -days >= escalation.ministryAfterDays) {
      stages.push({ stage: 'escalation-ministry', kind: 'obligation.escalation', to: 'ministry' });
    }
  }
  return stages;
}

/** Enqueues the day's reminders and escalations; returns how many were handed to the notifications service. */
export async function sendObligationNotifications(deps: AppDeps, now: Date): Promise<number> {
  const today = taipeiToday(now);
  const rows = await queryRows<Due>(
    deps.db,
    sql`SELECT o.id, o.title_text AS title, o.item, o.due_on::text AS "dueOn", (o.due_on - ${today}::date)::int AS days,
          o.reminder_days AS "reminderDays", o.escalation, o.org_id AS "orgId", org.name AS "orgName",
          o.responsible_user_id AS "responsibleUserId", o.link
        FROM obligation_instances o JOIN organisations org ON org.id = o.org_id
        WHERE (o.status = 'open' OR (o.status = 'waived' AND o.waiver_expires_on < ${today}::date))
          AND o.due_on <= ${today}::date + o.reminder_window_days`,
  );
  if (rows.length === 0) {
    return 0;
  }
  const people = await queryRows<{ userId: string; role: string; orgId: string | null }>(
    deps.db,
    sql`SELECT u.id AS "userId", u.role, u.org_id AS "orgId" FROM users u WHERE u.is_active AND u.role IN ('unit_admin', 'ministry_admin')
        UNION ALL
        SELECT u.id, u.role, s.org_id FROM users u JOIN user_scopes s ON s.user_id = u.id
        WHERE u.is_active AND u.role = 'ministry_owner'`,
  );
  const unitAdmins = new Map<string, string[]>();
  const owners = new Map<string, string[]>();
  const ministry: string[] = [];
  for (const p of people) {
    if (p.role === 'ministry_admin') {
      ministry.push(p.userId);
    } else if (p.orgId) {
      const map = p.role === 'unit_admin' ? unitAdmins : owners;
      map.set(p.orgId, [...(map.get(p.orgId) ?? []), p.userId]);
    }
  }
  const items: ObligationNotification[] = [];
  for (const r of rows) {
    for (const s of stagesOf(r.days, r.reminderDays, r.escalation)) {
      const recipients =
        s.to === 'responsible'
          ? r.responsibleUserId
            ? [r.responsibleUserId]
            : (unitAdmins.get(r.orgId) ?? [])
          : s.to === 'owner'
            ? (owners.get(r.orgId) ?? [])
            : ministry;
      for (const userId of recipients) {
        items.push({
          userId,
          kind: s.kind,
          dedupeKey: `${r.id}:${s.stage}:${userId}`,
          params: { title: r.title, item: r.item, dueOn: r.dueOn, org: r.orgName, days: Math.abs(r.days) },
          link: r.link,
        });
      }
    }
  }
  let sent = 0;
  for (let i = 0; i < items.length; i += 1000) {
    const chunk = items.slice(i, i + 1000);
    sent += await deps.db.transaction((tx) => enqueue(tx, deps, chunk));
  }
  return sent;
}
