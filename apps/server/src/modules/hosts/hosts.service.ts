import { accessOfSystems, assertSystemsAccess, systemsAccess } from '../../lib/access-conditions.js';
import type { Host, HostCreateInput, HostDetail, HostListQuery, HostUpdateInput } from '@custodian/shared';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import {
  assertCanManage,
  assertCanManageUnit,
  requireActor,
  resolveRegistryScope,
  type RegistryScope,
} from '../../lib/tenancy.js';
import { viewerOf } from '../../lib/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  changeHostSystems,
  findHostByName,
  findHostSystemIds,
  findSystemIdsOfHosts,
  findHostSystems,
  findSystemsForLinking,
  findVisibleHost,
  insertHost,
  listHosts as listRows,
  updateHost as updateRow,
} from './hosts.repository.js';
import { presentHost, presentHostDetail } from './hosts.presenter.js';

/**
 * The hosts serving a system, replaced from the system's side (createSystem, updateSystem):
 * the caller holds the transaction and has checked the hosts (hosts own the links, ADR 0018).
 */
export { replaceSystemHosts } from './hosts.repository.js';
import { normaliseIps, parseHostname } from './hosts.rules.js';

/** Lists the hosts the caller may see, paginated, searched by name or address, filtered. */
export async function listHosts(
  deps: AppDeps,
  ctx: RequestContext,
  query: HostListQuery,
): Promise<{ items: Host[]; total: number; totalIsEstimate: boolean; page: number; pageSize: number }> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const { items, total, totalIsEstimate } = await listRows(deps.db, { scope, query });
  const viewer = await viewerOf(deps.db, actor);
  // Item 六 (ADR 0028): a host of a system the actor may not open is listed, marked so.
  const systemsOf = await findSystemIdsOfHosts(
    deps.db,
    items.map((row) => row.host.id),
  );
  const access = await systemsAccess(deps, actor, { systemIds: [...systemsOf.values()].flat(), now: ctx.now });
  return {
    items: items.map((row) => presentHost(row, viewer, accessOfSystems(access, systemsOf.get(row.host.id) ?? []))),
    total,
    totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function loadHostDetail(
  db: Executor,
  options: { actor: Actor; scope: RegistryScope; id: string },
): Promise<HostDetail> {
  const { actor, scope, id } = options;
  const row = await findVisibleHost(db, { scope, id });
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  // In turn, not Promise.all: `db` is a transaction when the demo seed creates hosts.
  const systems = await findHostSystems(db, { scope, hostId: id });
  return presentHostDetail(row, { systems, viewer: await viewerOf(db, actor) });
}

/** One host with the systems it serves; NOT_FOUND outside the caller's scope. */
export async function getHost(deps: AppDeps, ctx: RequestContext, id: string): Promise<HostDetail> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const detail = await loadHostDetail(deps.db, { actor, scope, id });
  // Other modules' conditions on the contracts of the systems it serves (item 六), after tenancy.
  await assertSystemsAccess(deps, actor, { systemIds: await findHostSystemIds(deps.db, id), now: ctx.now });
  return detail;
}

/**
 * Checks a change of the systems a host serves: every system exists and is readable
 * (NOT_FOUND), is of the host's unit (LINK_ORG_MISMATCH), and no decommissioned system
 * gains or loses a host (its record is final).
 */
async function assertSystemLinks(
  db: Executor,
  options: { scope: RegistryScope; orgId: string; add: string[]; remove: string[] },
): Promise<void> {
  const { scope, orgId, add, remove } = options;
  const rows = await findSystemsForLinking(db, [...add, ...remove]);
  const readable = (o: string) => scope.kind === 'all' || scope.orgIds.includes(o);
  if (rows.length !== add.length + remove.length || rows.some((s) => !readable(s.orgId))) {
    throw new AppError('NOT_FOUND');
  }
  if (rows.some((s) => s.orgId !== orgId)) {
    throw new AppError('LINK_ORG_MISMATCH');
  }
  if (rows.some((s) => s.status === 'decommissioned')) {
    throw new AppError('SYSTEM_DECOMMISSIONED');
  }
}

async function assertHostnameFree(db: Executor, options: { orgId: string; hostname: string; exceptId?: string }) {
  const other = await findHostByName(db, options);
  if (other && other.id !== options.exceptId) {
    throw new AppError('HOSTNAME_TAKEN');
  }
}

/** The unique index is the last word on a name taken by a concurrent request. */
async function mapUniqueViolation<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('HOSTNAME_TAKEN');
    }
    throw err;
  }
}

/** Records a server of a unit and the systems it serves. */
export async function createHost(deps: AppDeps, ctx: RequestContext, input: HostCreateInput): Promise<HostDetail> {
  const actor = requireActor(ctx.actor);
  await assertCanManageUnit(deps.db, actor, input.orgId, 'SYSTEM_UNIT_INVALID');
  const hostname = parseHostname(input.hostname);
  const ips = normaliseIps(input.ips);
  const scope = await resolveRegistryScope(deps.db, actor);
  await assertSystemLinks(deps.db, { scope, orgId: input.orgId, add: input.systemIds, remove: [] });
  await assertHostnameFree(deps.db, { orgId: input.orgId, hostname });
  const id = await mapUniqueViolation(() =>
    deps.db.transaction(async (tx) => {
      const row = await insertHost(tx, {
        orgId: input.orgId,
        hostname,
        ips,
        os: input.os ?? null,
        role: input.role ?? null,
        location: input.location,
        site: input.site ?? null,
        notes: input.notes || null,
      });
      await changeHostSystems(tx, { hostId: row.id, add: input.systemIds, remove: [] });
      await recordAudit(tx, deps, ctx, {
        action: 'host.create',
        orgId: row.orgId,
        targetType: 'host',
        targetId: row.id,
        summary: { after: { hostname, ips, location: row.location, site: row.site, systemIds: input.systemIds } },
      });
      return row.id;
    }),
  );
  return loadHostDetail(deps.db, { actor, scope, id });
}

const FIELDS = ['hostname', 'ips', 'os', 'role', 'location', 'site', 'notes', 'isActive'] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Changes a host, and (with systemIds) replaces the systems it serves. */
export async function updateHost(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: HostUpdateInput,
): Promise<HostDetail> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const row = await findVisibleHost(deps.db, { scope, id });
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  const before = row.host;
  await assertCanManage(deps.db, actor, before.orgId);
  const after = {
    hostname: input.hostname !== undefined ? parseHostname(input.hostname) : before.hostname,
    ips: input.ips !== undefined ? normaliseIps(input.ips) : before.ips,
    os: input.os !== undefined ? input.os : before.os,
    role: input.role !== undefined ? input.role : before.role,
    location: input.location ?? before.location,
    site: input.site !== undefined ? input.site : before.site,
    notes: input.notes !== undefined ? input.notes || null : before.notes,
    isActive: input.isActive ?? before.isActive,
  };
  if (after.hostname.toLowerCase() !== before.hostname.toLowerCase()) {
    await assertHostnameFree(deps.db, { orgId: before.orgId, hostname: after.hostname, exceptId: id });
  }
  const current = await findHostSystemIds(deps.db, id);
  const add = input.systemIds ? input.systemIds.filter((s) => !current.includes(s)) : [];
  const remove = input.systemIds ? current.filter((s) => !input.systemIds?.includes(s)) : [];
  await assertSystemLinks(deps.db, { scope, orgId: before.orgId, add, remove });
  const changed = FIELDS.filter((f) => !same(before[f], after[f]));
  await mapUniqueViolation(() =>
    deps.db.transaction(async (tx) => {
      if (changed.length > 0) {
        await updateRow(tx, id, Object.fromEntries(changed.map((f) => [f, after[f]])), ctx.now);
      }
      await changeHostSystems(tx, { hostId: id, add, remove });
      await recordAudit(tx, deps, ctx, {
        action: 'host.update',
        orgId: before.orgId,
        targetType: 'host',
        targetId: id,
        summary: {
          before: Object.fromEntries(changed.map((f) => [f, before[f]])),
          after: Object.fromEntries(changed.map((f) => [f, after[f]])),
          ...(input.systemIds ? { systems: { added: add, removed: remove } } : {}),
        },
      });
    }),
  );
  return loadHostDetail(deps.db, { actor, scope, id });
}
