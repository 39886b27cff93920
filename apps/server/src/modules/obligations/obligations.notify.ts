import { sql } from 'drizzle-orm';
import { formatRocDate, taipeiToday } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import type { AppDeps } from '../../lib/context.js';
import { policyInForce } from '../../lib/policy.js';
import { enqueueNotifications, type NotificationInput } from '../notifications/notifications.service.js';

/*
 * Reminders and escalations (issue 13 §4). Each day, every open instance is at one stage:
 * a reminder threshold crossed (the nearest one: a missed day does not send the older
 * ones too), its due day, overdue, then escalated to the supervising business owners and
 * then to the Ministry's security office. Each (instance, stage, recipient) is enqueued
 * once: the notifications service's dedupe key makes a second enqueue a no-op, so the job
 * may run any number of times, in any number of processes. The items go to the
 * notifications module's `enqueueNotifications` (ADR 0020), which writes the in-app
 * notification and the outbox message in the same transaction; the job runner's sender
 * mails them. The templates are the obligations module's (obligations.templates.ts).
 *
 * Escalation follows supervision as tenancy knows it (item 十四): the business owners are
 * the ministry_owner accounts that supervise the unit (user_scopes) and the business owner
 * of the contract the subject hangs on (the contract itself, a system of the contract, an
 * allocation of such a system). The Ministry's security office is every active
 * ministry_admin.
 */

export type ObligationNotificationKind =
  'obligation.reminder' | 'obligation.due' | 'obligation.overdue' | 'obligation.escalation';

type Due = {
  id: string;
  ruleId: string;
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
  const stages: { stage: string; kind: ObligationNotificationKind; to: 'responsible' | 'owner' | 'ministry' }[] = [];
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

/** Business owners who supervise each instance's unit or the contract its subject hangs on (item 十四). */
async function supervisorsOf(deps: AppDeps, ids: string[]): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ instanceId: string; userId: string }>(
    deps.db,
    sql`WITH inst AS (
          SELECT o.id, o.org_id, o.subject_type, o.subject_id FROM obligation_instances o
          WHERE o.id IN (SELECT value::uuid FROM json_array_elements_text(${JSON.stringify(ids)}::json))
        ), via_contract AS (
          SELECT i.id, c.owner_user_id AS user_id FROM inst i JOIN contracts c
            ON i.subject_type = 'contract' AND c.id = i.subject_id
          UNION
          SELECT i.id, c.owner_user_id FROM inst i JOIN contract_systems cs
            ON i.subject_type = 'system' AND cs.system_id = i.subject_id JOIN contracts c ON c.id = cs.contract_id
          UNION
          SELECT i.id, c.owner_user_id FROM inst i JOIN allocations a ON i.subject_type = 'allocation' AND a.id = i.subject_id
            JOIN contract_systems cs ON cs.system_id = a.system_id JOIN contracts c ON c.id = cs.contract_id
          UNION
          SELECT i.id, s.user_id FROM inst i JOIN user_scopes s ON s.org_id = i.org_id
        )
        SELECT DISTINCT v.id AS "instanceId", u.id AS "userId" FROM via_contract v
          JOIN users u ON u.id = v.user_id AND u.is_active AND u.role = 'ministry_owner'
        ORDER BY 1, 2`,
  );
  const byInstance = new Map<string, string[]>();
  for (const r of rows) {
    byInstance.set(r.instanceId, [...(byInstance.get(r.instanceId) ?? []), r.userId]);
  }
  return byInstance;
}

/** Enqueues the day's reminders and escalations; returns how many notifications were new. */
export async function sendObligationNotifications(deps: AppDeps, now: Date): Promise<number> {
  const today = taipeiToday(now);
  const rows = await queryRows<Due>(
    deps.db,
    sql`SELECT o.id, o.rule_id AS "ruleId", o.title_text AS title, o.item, o.due_on::text AS "dueOn",
          (o.due_on - ${today}::date)::int AS days, o.reminder_days AS "reminderDays", o.escalation,
          o.org_id AS "orgId", org.name AS "orgName", o.responsible_user_id AS "responsibleUserId", o.link
        FROM obligation_instances o JOIN organisations org ON org.id = o.org_id
        WHERE (o.status = 'open' OR (o.status = 'waived' AND o.waiver_expires_on < ${today}::date))
          AND o.due_on <= ${today}::date + o.reminder_window_days
        ORDER BY o.due_on, o.id`,
  );
  if (rows.length === 0) {
    return 0;
  }
  // Who answers for a rule's instances: the rule in force says (the record's person, the
  // unit's administrators, or the Ministry's security office for the Ministry's own decisions).
  const policy = await policyInForce(deps.db, today);
  const responsibleOf = new Map((policy.rules.obligations ?? []).map((r) => [r.id, r.responsible]));
  const people = await queryRows<{ userId: string; role: string; orgId: string | null }>(
    deps.db,
    sql`SELECT u.id AS "userId", u.role, u.org_id AS "orgId" FROM users u
        WHERE u.is_active AND u.role IN ('unit_admin', 'ministry_admin') ORDER BY u.id`,
  );
  const unitAdmins = new Map<string, string[]>();
  const ministry: string[] = [];
  for (const p of people) {
    if (p.role === 'ministry_admin') {
      ministry.push(p.userId);
    } else if (p.orgId) {
      unitAdmins.set(p.orgId, [...(unitAdmins.get(p.orgId) ?? []), p.userId]);
    }
  }
  const escalated = rows.filter((r) => r.days < 0 && r.escalation && -r.days >= r.escalation.businessOwnerAfterDays);
  const supervisors =
    escalated.length > 0
      ? await supervisorsOf(
          deps,
          escalated.map((r) => r.id),
        )
      : new Map();
  const items: NotificationInput[] = [];
  for (const r of rows) {
    const responsible = responsibleOf.get(r.ruleId) ?? 'record_owner';
    const admins = unitAdmins.get(r.orgId) ?? [];
    const answering =
      responsible === 'ministry_admin'
        ? ministry
        : responsible === 'record_owner' && r.responsibleUserId
          ? [r.responsibleUserId]
          : responsible === 'record_owner_and_unit_admin' && r.responsibleUserId
            ? [...new Set([r.responsibleUserId, ...admins])]
            : admins;
    for (const s of stagesOf(r.days, r.reminderDays, r.escalation)) {
      const recipients =
        s.to === 'responsible' ? answering : s.to === 'owner' ? (supervisors.get(r.id) ?? []) : ministry;
      for (const userId of recipients) {
        items.push({
          userId,
          kind: s.kind,
          dedupeKey: `obligation:${r.id}:${s.stage}:${userId}`,
          params: {
            title: r.title,
            item: r.item,
            org: r.orgName,
            dueOn: r.dueOn,
            dueOnRoc: formatRocDate(r.dueOn),
            days: Math.abs(r.days),
            ...(s.to === 'responsible' ? {} : { level: s.to }),
          },
          link: r.link,
        });
      }
    }
  }
  let created = 0;
  for (let i = 0; i < items.length; i += 1000) {
    const chunk = items.slice(i, i + 1000);
    created += await deps.db.transaction((tx) => enqueueNotifications(tx, deps, chunk, now));
  }
  return created;
}
