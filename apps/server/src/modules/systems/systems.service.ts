import type { System, SystemCreateInput, SystemDetail, SystemListQuery, SystemUpdateInput } from '@custodian/shared';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import {
  assertCanManage,
  assertCanManageUnit,
  requireActor,
  resolveRegistryScope,
  type RegistryScope,
} from '../../lib/tenancy.js';
import { viewerOf } from '../../lib/permissions.js';
import { canReadContract } from '../contracts/contracts.tenancy.js';
import { assertAccessConditions, systemsAccess } from '../../lib/access-conditions.js';
import { recordAudit } from '../audit/audit.service.js';
import { replaceSystemHosts } from '../hosts/hosts.service.js';
import {
  findContractsByIds,
  findHostsByIds,
  findSystemContracts,
  findSystemHosts,
  findSystemLinkIds,
  findVisibleSystem,
  insertSystem,
  listSystems as listRows,
  replaceSystemContracts,
  updateSystem as updateRow,
} from './systems.repository.js';
import { presentSystem, presentSystemDetail } from './systems.presenter.js';
import {
  assertPersonalDataComplete,
  assertStatusChange,
  launchDateAfter,
  normalisePersonalData,
} from './systems.rules.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';
import { assertMayLaunch } from './systems.launch.js';

/** Lists the systems the caller may see, paginated, searched and filtered. */
export async function listSystems(
  deps: AppDeps,
  ctx: RequestContext,
  query: SystemListQuery,
): Promise<{ items: System[]; total: number; totalIsEstimate: boolean; page: number; pageSize: number }> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const { items, total, totalIsEstimate } = await listRows(deps.db, { scope, query, today: taipeiToday(ctx.now) });
  const viewer = await viewerOf(deps.db, actor);
  // Item 六 (ADR 0028): a system the actor may not open is listed, marked with the reason.
  const access = await systemsAccess(deps, actor, { systemIds: items.map((row) => row.system.id), now: ctx.now });
  return {
    items: items.map((row) => presentSystem(row, viewer, access.get(row.system.id))),
    total,
    totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One system with its contracts and hosts; NOT_FOUND outside the caller's scope. */
export async function getSystem(deps: AppDeps, ctx: RequestContext, id: string): Promise<SystemDetail> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  await recordsChanged(deps, ctx.now, [{ trigger: 'system.contacts', subjectIds: [id] }]);
  const detail = await loadSystemDetail(deps.db, { actor, scope, id, now: ctx.now });
  // Other modules' conditions on the system's contracts (item 六's commitment), after tenancy.
  await assertAccessConditions(deps, actor, { contractIds: detail.contracts.map((c) => c.id), now: ctx.now });
  return detail;
}

/** The detail of a system a scope may read, with whether the actor may change it. */
export async function loadSystemDetail(
  db: Executor,
  options: { actor: Actor; scope: RegistryScope; id: string; now: Date },
): Promise<SystemDetail> {
  const { actor, scope, id } = options;
  const row = await findVisibleSystem(db, { scope, id, today: taipeiToday(options.now) });
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  // In turn, not Promise.all: `db` is a transaction when the demo seed creates systems.
  const contracts = await findSystemContracts(db, id);
  const hosts = await findSystemHosts(db, id);
  return presentSystemDetail(row, { contracts, hosts, viewer: await viewerOf(db, actor) });
}

/**
 * A system the actor may change: NOT_FOUND outside their read scope, FORBIDDEN outside
 * their manage scope, SYSTEM_DECOMMISSIONED once it is offline (item 十三: the record is final).
 */
export async function findManageableSystem(db: Executor, actor: Actor, id: string, now: Date) {
  const scope = await resolveRegistryScope(db, actor);
  const row = await findVisibleSystem(db, { scope, id, today: taipeiToday(now) });
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManage(db, actor, row.system.orgId);
  if (row.system.status === 'decommissioned') {
    throw new AppError('SYSTEM_DECOMMISSIONED');
  }
  return { scope, row };
}

function isOrgReadable(scope: RegistryScope, orgId: string): boolean {
  return scope.kind === 'all' || scope.orgIds.includes(orgId);
}

/**
 * Checks contracts and hosts to link to a system of `orgId`: each must exist and be
 * readable (else NOT_FOUND) and belong to the same unit (else LINK_ORG_MISMATCH).
 */
async function assertLinkable(
  db: Executor,
  options: { scope: RegistryScope; orgId: string; contractIds?: string[]; hostIds?: string[] },
): Promise<void> {
  const { scope, orgId } = options;
  const contractIds = options.contractIds ?? [];
  const hostIds = options.hostIds ?? [];
  const contracts = await findContractsByIds(db, contractIds);
  const hosts = await findHostsByIds(db, hostIds);
  if (contracts.length !== contractIds.length || contracts.some((c) => !canReadContract(scope, c))) {
    throw new AppError('NOT_FOUND');
  }
  if (hosts.length !== hostIds.length || hosts.some((h) => !isOrgReadable(scope, h.orgId))) {
    throw new AppError('NOT_FOUND');
  }
  if (contracts.some((c) => c.unitId !== orgId) || hosts.some((h) => h.orgId !== orgId)) {
    throw new AppError('LINK_ORG_MISMATCH');
  }
}

/** Records a system of a unit, linked to its contracts and hosts (items 四, 十三). */
export async function createSystem(
  deps: AppDeps,
  ctx: RequestContext,
  input: SystemCreateInput,
): Promise<SystemDetail> {
  const actor = requireActor(ctx.actor);
  await assertCanManageUnit(deps.db, actor, input.orgId, 'SYSTEM_UNIT_INVALID');
  const scope = await resolveRegistryScope(deps.db, actor);
  await assertLinkable(deps.db, { scope, orgId: input.orgId, contractIds: input.contractIds, hostIds: input.hostIds });
  const personalData = normalisePersonalData({
    handlesPersonalData: input.handlesPersonalData,
    personalDataCategories: input.personalDataCategories ?? null,
    personalDataPurpose: input.personalDataPurpose ?? null,
    personalDataLegalBasis: input.personalDataLegalBasis ?? null,
  });
  assertPersonalDataComplete(personalData);
  const today = taipeiToday(ctx.now);
  const policy = await policyInForce(deps.db, today);
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertSystem(tx, {
      orgId: input.orgId,
      name: input.name,
      kind: input.kind,
      urls: input.urls,
      environment: input.environment,
      status: input.status,
      launchDate: launchDateAfter({ status: input.status, launchDate: input.launchDate ?? null, today }),
      protectionLevel: input.protectionLevel,
      ...personalData,
      exitPlan: input.exitPlan ?? null,
      description: input.description ?? null,
      policyVersionId: policy.id,
    });
    // The pre-launch gate (items 四十二, 四十三 (一) 1) holds for a system created online too: it
    // has no scan yet, so only the Ministry's override lets it in. Refused, nothing is stored.
    const overridden =
      row.status === 'online'
        ? await assertMayLaunch(deps, tx, {
            actor,
            system: { id: row.id, orgId: row.orgId, lastChangeAt: row.updatedAt },
            override: input.launchOverride,
          })
        : [];
    await replaceSystemContracts(tx, row.id, input.contractIds);
    await replaceSystemHosts(tx, row.id, input.hostIds);
    await recordAudit(tx, deps, ctx, {
      action: 'system.create',
      orgId: row.orgId,
      targetType: 'system',
      targetId: row.id,
      summary: {
        after: {
          name: row.name,
          status: row.status,
          protectionLevel: row.protectionLevel,
          handlesPersonalData: row.handlesPersonalData,
          urls: row.urls,
          contractIds: input.contractIds,
          hostIds: input.hostIds,
          policyVersion: policy.version,
        },
      },
    });
    if (overridden.length > 0 && input.launchOverride) {
      await recordAudit(tx, deps, ctx, {
        action: 'system.launch_override',
        orgId: row.orgId,
        targetType: 'system',
        targetId: row.id,
        summary: { reason: input.launchOverride.reason, blockers: overridden },
      });
    }
    await orgRecordsChanged(tx, deps, { orgIds: [row.orgId], now: ctx.now });
    return row.id;
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'system.contacts', subjectIds: [id] }]);
  const detail = await loadSystemDetail(deps.db, { actor, scope, id, now: ctx.now });
  // Other modules' conditions on the system's contracts (item 六's commitment), after tenancy.
  await assertAccessConditions(deps, actor, { contractIds: detail.contracts.map((c) => c.id), now: ctx.now });
  return detail;
}

const SCALAR_FIELDS = [
  'name',
  'kind',
  'urls',
  'environment',
  'status',
  'launchDate',
  'protectionLevel',
  'handlesPersonalData',
  'personalDataCategories',
  'personalDataPurpose',
  'personalDataLegalBasis',
  'exitPlan',
  'description',
] as const;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const added = (before: string[], after: string[]) => after.filter((id) => !before.includes(id));
const removed = (before: string[], after: string[]) => before.filter((id) => !after.includes(id));

/** Changes a system; refuses invalid status changes and edits once decommissioned. */
export async function updateSystem(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: SystemUpdateInput,
): Promise<SystemDetail> {
  const actor = requireActor(ctx.actor);
  const { scope, row } = await findManageableSystem(deps.db, actor, id, ctx.now);
  const before = row.system;
  const status = input.status ?? before.status;
  assertStatusChange(before.status, status);
  // The pre-launch gate (items 四十二, 四十三 (一) 1): judged against the last change before this one.
  const overridden =
    status === 'online' && before.status !== 'online'
      ? await assertMayLaunch(deps, deps.db, {
          actor,
          system: { id, orgId: before.orgId, lastChangeAt: before.updatedAt },
          override: input.launchOverride,
        })
      : [];
  const personalData = normalisePersonalData({
    handlesPersonalData: input.handlesPersonalData ?? before.handlesPersonalData,
    personalDataCategories:
      input.personalDataCategories !== undefined ? input.personalDataCategories : before.personalDataCategories,
    personalDataPurpose:
      input.personalDataPurpose !== undefined ? input.personalDataPurpose : before.personalDataPurpose,
    personalDataLegalBasis:
      input.personalDataLegalBasis !== undefined ? input.personalDataLegalBasis : before.personalDataLegalBasis,
  });
  assertPersonalDataComplete(personalData);
  await assertLinkable(deps.db, { scope, orgId: before.orgId, contractIds: input.contractIds, hostIds: input.hostIds });
  const after = {
    name: input.name ?? before.name,
    kind: input.kind ?? before.kind,
    urls: input.urls ?? before.urls,
    environment: input.environment ?? before.environment,
    status,
    launchDate: launchDateAfter({
      status,
      launchDate: input.launchDate !== undefined ? input.launchDate : before.launchDate,
      today: taipeiToday(ctx.now),
    }),
    protectionLevel: input.protectionLevel ?? before.protectionLevel,
    ...personalData,
    exitPlan: input.exitPlan !== undefined ? input.exitPlan : before.exitPlan,
    description: input.description !== undefined ? input.description : before.description,
  };
  const changed = SCALAR_FIELDS.filter((field) => !same(before[field], after[field]));
  await deps.db.transaction(async (tx) => {
    const links = await findSystemLinkIds(tx, id);
    const summary: Record<string, unknown> = {
      before: Object.fromEntries(changed.map((f) => [f, before[f]])),
      after: Object.fromEntries(changed.map((f) => [f, after[f]])),
    };
    if (changed.length > 0) {
      await updateRow(tx, id, Object.fromEntries(changed.map((f) => [f, after[f]])), ctx.now);
    }
    if (input.contractIds) {
      await replaceSystemContracts(tx, id, input.contractIds);
      summary.contracts = {
        added: added(links.contractIds, input.contractIds),
        removed: removed(links.contractIds, input.contractIds),
      };
    }
    if (input.hostIds) {
      await replaceSystemHosts(tx, id, input.hostIds);
      summary.hosts = { added: added(links.hostIds, input.hostIds), removed: removed(links.hostIds, input.hostIds) };
    }
    await recordAudit(tx, deps, ctx, {
      action: 'system.update',
      orgId: before.orgId,
      targetType: 'system',
      targetId: id,
      summary,
    });
    if (overridden.length > 0 && input.launchOverride) {
      await recordAudit(tx, deps, ctx, {
        action: 'system.launch_override',
        orgId: before.orgId,
        targetType: 'system',
        targetId: id,
        summary: { reason: input.launchOverride.reason, blockers: overridden },
      });
    }
    await orgRecordsChanged(tx, deps, { orgIds: [before.orgId], now: ctx.now });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'system.contacts', subjectIds: [id] }]);
  const detail = await loadSystemDetail(deps.db, { actor, scope, id, now: ctx.now });
  // Other modules' conditions on the system's contracts (item 六's commitment), after tenancy.
  await assertAccessConditions(deps, actor, { contractIds: detail.contracts.map((c) => c.id), now: ctx.now });
  return detail;
}
