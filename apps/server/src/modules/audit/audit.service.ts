import { randomUUID } from 'node:crypto';
import type { AuditActionCatalog, AuditEvent, AuditQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { resolveOrgScope, type OrgScope } from '../../lib/tenancy.js';
import { requirePermission } from '../../lib/permissions.js';
import { computeEventHash, GENESIS_HASH } from './audit.chain.js';
import {
  findChainHead,
  insertAuditEvent,
  lockAuditChain,
  searchAuditEvents as searchRows,
} from './audit.repository.js';
import { presentAuditEvent } from './audit.presenter.js';
import { resolveAuditTargets, type AuditCatalog } from './audit.labels.js';

export type AuditEventInput = {
  /** Dotted verb, e.g. `organisation.create`, `auth.login_failed`. */
  action: string;
  /** Organisation the event concerns, for tenancy-scoped viewing. */
  orgId?: string | null;
  targetType: string;
  targetId?: string | null;
  /** Before/after summary; never include secrets or full personal data. */
  summary?: Record<string, unknown>;
};

/**
 * Appends an event to the tamper-evident audit chain. Call it inside the same
 * transaction as the mutation it records, so both commit or neither does.
 */
export async function recordAudit(
  tx: Executor,
  deps: Pick<AppDeps, 'keys'>,
  ctx: RequestContext,
  input: AuditEventInput,
): Promise<void> {
  await lockAuditChain(tx);
  const head = await findChainHead(tx);
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const event = {
    seq,
    id: randomUUID(),
    occurredAt: ctx.now,
    actorUserId: ctx.actor && ctx.actor.via !== 'system' ? ctx.actor.userId : null,
    actorLabel: ctx.actor ? ctx.actor.email : 'anonymous',
    orgId: input.orgId ?? null,
    action: input.action,
    targetType: input.targetType,
    targetId: input.targetId ?? null,
    // Round-trip through JSON so the hashed form equals what jsonb stores and returns.
    summary: JSON.parse(JSON.stringify(input.summary ?? {})) as Record<string, unknown>,
    ip: ctx.ip,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 512) : null,
    requestId: ctx.requestId,
  };
  const hash = computeEventHash(deps.keys.auditKey, prevHash, event);
  await insertAuditEvent(tx, { ...event, prevHash, hash });
}

/**
 * The organisations whose events the caller may read: everything for the Ministry's
 * security office, otherwise the caller's tenancy scope.
 */
export async function resolveAuditScope(deps: Pick<AppDeps, 'db'>, ctx: RequestContext): Promise<OrgScope> {
  return resolveOrgScope(deps.db, requirePermission(ctx, 'audit.read'));
}

/** The registered actions whose label, in either language, or code contains the search text. */
export function actionsMatching(catalog: AuditCatalog, q: string | undefined): string[] {
  const needle = q?.trim().toLowerCase();
  if (!needle) {
    return [];
  }
  return [...catalog.actions.values()]
    .filter((a) => [a.label['zh-TW'], a.label.en].some((label) => label.toLowerCase().includes(needle)))
    .map((a) => a.code);
}

/**
 * Searches the audit log within the caller's scope, newest first, with the labels of each
 * event's action and the name and page of its target (one look-up per kind of target on
 * the page, ADR 0018).
 */
export async function searchAuditEvents(
  deps: AppDeps,
  ctx: RequestContext,
  catalog: AuditCatalog,
  query: AuditQuery,
): Promise<{ items: AuditEvent[]; total: number; page: number; pageSize: number }> {
  const scope = await resolveAuditScope(deps, ctx);
  const { items, total } = await searchRows(deps.db, scope, { ...query, qActions: actionsMatching(catalog, query.q) });
  const targetOf = await resolveAuditTargets(deps.db, catalog, items);
  return {
    items: items.map((row) => presentAuditEvent(row, catalog, targetOf(row))),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Every registered action with its labels, for the filter of the audit page (module order, then code). */
export function listAuditActions(ctx: RequestContext, catalog: AuditCatalog): AuditActionCatalog {
  requirePermission(ctx, 'audit.read');
  return { items: [...catalog.actions.values()].map(({ code, label, module }) => ({ code, label, module })) };
}
