import { assertSystemsAccess } from '../../lib/access-conditions.js';
import {
  CONTACT_KINDS,
  type ContactKind,
  type ContactsOverdueSummary,
  type ContactsOverdueSummaryQuery,
  type SystemContacts,
  type SystemContactsBulkConfirmInput,
  type SystemContactsBulkConfirmResult,
  type SystemContactUpsertInput,
} from '@custodian/shared';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { assertCanManage, requireActor, resolveRegistryScope, type RegistryScope } from '../../lib/tenancy.js';
import { viewerOf } from '../../lib/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import { countContacts, findVisibleSystem, findVisibleSystems } from './systems.repository.js';
import {
  findContact,
  findContacts,
  markContactsConfirmed,
  summariseOverdueContacts,
  upsertContact,
} from './contacts.repository.js';
import { presentSystemContacts } from './systems.presenter.js';
import { findManageableSystem } from './systems.service.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';

/**
 * Item 十: the three contacts of a system (業務負責人, 應用系統負責人, 維護單位) and their
 * re-confirmation, due every `contacts.reconfirmIntervalMonths` of the system's rule set.
 */

/** A user id to store as author; command-line work has none. */
const authorId = (actor: Actor) => (actor.via === 'system' ? null : actor.userId);

async function loadContacts(
  db: Executor,
  options: { actor: Actor; scope: RegistryScope; systemId: string; now: Date },
): Promise<SystemContacts> {
  const { actor, scope, systemId, now } = options;
  const row = await findVisibleSystem(db, { scope, id: systemId, today: taipeiToday(now) });
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return presentSystemContacts(row, await findContacts(db, systemId), await viewerOf(db, actor));
}

/** The contacts of a system with their confirmation state. */
export async function getSystemContacts(deps: AppDeps, ctx: RequestContext, systemId: string): Promise<SystemContacts> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const contacts = await loadContacts(deps.db, { actor, scope, systemId, now: ctx.now });
  // Other modules' conditions on the system's contracts (item 六), after tenancy.
  await assertSystemsAccess(deps, actor, { systemIds: [systemId], now: ctx.now });
  return contacts;
}

/** Records or replaces the contact of one kind. */
export async function putSystemContact(
  deps: AppDeps,
  ctx: RequestContext,
  options: { systemId: string; kind: ContactKind; input: SystemContactUpsertInput },
): Promise<SystemContacts> {
  const { systemId, kind, input } = options;
  const actor = requireActor(ctx.actor);
  const { scope, row } = await findManageableSystem(deps.db, actor, systemId, ctx.now);
  const before = await findContact(deps.db, systemId, kind);
  const after = {
    name: input.name,
    organisation: input.organisation ?? null,
    title: input.title ?? null,
    phone: input.phone,
    email: input.email,
  };
  const changed = before
    ? (Object.keys(after) as (keyof typeof after)[]).filter((field) => before[field] !== after[field])
    : (Object.keys(after) as (keyof typeof after)[]);
  await deps.db.transaction(async (tx) => {
    await upsertContact(tx, { systemId, kind, ...after, updatedBy: authorId(actor) }, ctx.now);
    // Who the contact is, but not their phone or e-mail: the audit trail is widely readable.
    await recordAudit(tx, deps, ctx, {
      action: before ? 'system.contact_update' : 'system.contact_create',
      orgId: row.system.orgId,
      targetType: 'system',
      targetId: systemId,
      summary: { kind, changed, after: { name: after.name, organisation: after.organisation, title: after.title } },
    });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'system.contacts', subjectIds: [systemId] }]);
  return loadContacts(deps.db, { actor, scope, systemId, now: ctx.now });
}

/**
 * Checks systems for confirmation, all or nothing: each must be readable (NOT_FOUND),
 * manageable (FORBIDDEN), not decommissioned, and have all three contacts.
 */
async function assertConfirmable(db: Executor, actor: Actor, systemIds: string[], now: Date) {
  const scope = await resolveRegistryScope(db, actor);
  const rows = await findVisibleSystems(db, { scope, ids: systemIds, today: taipeiToday(now) });
  if (rows.length !== systemIds.length) {
    throw new AppError('NOT_FOUND');
  }
  for (const orgId of new Set(rows.map((r) => r.system.orgId))) {
    await assertCanManage(db, actor, orgId);
  }
  if (rows.some((r) => r.system.status === 'decommissioned')) {
    throw new AppError('SYSTEM_DECOMMISSIONED');
  }
  const counts = await countContacts(db, systemIds);
  const incomplete = systemIds.filter((id) => (counts.get(id) ?? 0) < CONTACT_KINDS.length);
  if (incomplete.length > 0) {
    throw new AppError('CONTACTS_INCOMPLETE', { systemIds: incomplete });
  }
  return { scope, rows };
}

async function confirm(deps: AppDeps, ctx: RequestContext, systemIds: string[]) {
  const actor = requireActor(ctx.actor);
  const { scope } = await assertConfirmable(deps.db, actor, systemIds, ctx.now);
  // A confirmation is judged by the rule set in force on its day (ADR 0010).
  const policy = await policyInForce(deps.db, taipeiToday(ctx.now));
  // The request's instant (ADR 0014): the obligation's next period counts from it.
  const at = ctx.now;
  const confirmed = await deps.db.transaction(async (tx) => {
    const rows = await markContactsConfirmed(tx, { systemIds, at, by: authorId(actor), policyVersionId: policy.id });
    for (const row of rows) {
      await recordAudit(tx, deps, ctx, {
        action: 'system.contacts_confirm',
        orgId: row.orgId,
        targetType: 'system',
        targetId: row.id,
        summary: { after: { confirmedAt: at.toISOString(), dueOn: row.dueOn, policyVersion: policy.version } },
      });
    }
    await orgRecordsChanged(tx, deps, { orgIds: rows.map((r) => r.orgId), now: ctx.now });
    return rows;
  });
  // The confirmation starts a new period: the open obligation closes now, not tonight.
  await recordsChanged(deps, ctx.now, [{ trigger: 'system.contacts', subjectIds: confirmed.map((r) => r.id) }]);
  return { scope, at, confirmed };
}

/** Confirms one system's contacts in one click (item 十). */
export async function confirmSystemContacts(
  deps: AppDeps,
  ctx: RequestContext,
  systemId: string,
): Promise<SystemContacts> {
  const { scope } = await confirm(deps, ctx, [systemId]);
  return loadContacts(deps.db, { actor: requireActor(ctx.actor), scope, systemId, now: ctx.now });
}

/** Confirms the contacts of many systems at once, all or none, one audit event each. */
export async function bulkConfirmSystemContacts(
  deps: AppDeps,
  ctx: RequestContext,
  input: SystemContactsBulkConfirmInput,
): Promise<SystemContactsBulkConfirmResult> {
  const { at, confirmed } = await confirm(deps, ctx, input.systemIds);
  return { confirmedAt: at.toISOString(), items: confirmed.map((r) => ({ id: r.id, dueOn: r.dueOn })) };
}

/** Per unit, how many systems have overdue contacts: the Ministry security officer's view. */
export async function getContactsOverdueSummary(
  deps: AppDeps,
  ctx: RequestContext,
  query: ContactsOverdueSummaryQuery,
): Promise<ContactsOverdueSummary> {
  const scope = await resolveRegistryScope(deps.db, requireActor(ctx.actor));
  const summary = await summariseOverdueContacts(deps.db, { scope, query, today: taipeiToday(ctx.now) });
  return { ...summary, page: query.page, pageSize: query.pageSize };
}
