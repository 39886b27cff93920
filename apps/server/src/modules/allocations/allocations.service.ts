import { accessOfSystems, assertSystemsAccess, systemsAccess } from '../../lib/access-conditions.js';
import { eq } from 'drizzle-orm';
import type {
  Allocation,
  AllocationCreateInput,
  AllocationDetail,
  AllocationListQuery,
  AllocationPeriod,
  AllocationReleaseInput,
} from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { allocations, systems } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import { parseAllocationValue } from '../../lib/net.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { assertCanManage, requireActor, resolveRegistryScope } from '../../lib/tenancy.js';
import { viewerOf } from '../../lib/permissions.js';
import { systemsVisibleSql } from '../systems/systems.tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { latestAllowedExpiry } from './allocations.period.js';
import { presentAllocation, presentRenewal } from './allocations.presenter.js';
import { closePendingRenewals, listRenewalsOfAllocation } from './allocations.renewals.repository.js';
import {
  findActiveOverlaps,
  findAllocation,
  findSystemForAllocation,
  insertAllocation,
  listAllocations as listRows,
  lockAllocationWrites,
  updateAllocation,
  type AllocationRow,
} from './allocations.repository.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';

/** The tenancy fragment for allocation rows the actor may read (their systems' allocations). */
export async function visibleAllocationsSql(db: Executor, actor: Actor) {
  const scope = await resolveRegistryScope(db, actor);
  return systemsVisibleSql(scope, { orgId: allocations.orgId, systemId: allocations.systemId });
}

/** An allocation the actor may read, or NOT_FOUND. */
export async function requireVisibleAllocation(db: Executor, actor: Actor, id: string): Promise<AllocationRow> {
  const row = await findAllocation(db, id, await visibleAllocationsSql(db, actor));
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

/** The period rule applied to a start date: the latest expiry the rules in force that day allow. */
export async function computeAllocationPeriod(db: Executor, startsOn: string): Promise<AllocationPeriod> {
  const policy = await policyInForce(db, startsOn);
  const { maxYears } = policy.rules.allocations;
  return {
    startsOn,
    latestExpiresOn: latestAllowedExpiry(startsOn, maxYears),
    maxYears,
    policyVersionId: policy.id,
    policyVersion: policy.version,
  };
}

/** Lists the allocations of the systems the caller may see, paginated and filtered. */
export async function listAllocations(deps: AppDeps, ctx: RequestContext, query: AllocationListQuery) {
  const actor = requireActor(ctx.actor);
  const today = taipeiToday(ctx.now);
  let overlap: ReturnType<typeof parseAllocationValue> | undefined;
  if (query.overlaps) {
    overlap = parseAllocationValue(query.overlaps);
  }
  const { items, total, totalIsEstimate } = await listRows(deps.db, {
    visible: await visibleAllocationsSql(deps.db, actor),
    query,
    today,
    overlap: overlap === undefined ? undefined : overlap.ok ? overlap.value : null,
  });
  const viewer = await viewerOf(deps.db, actor);
  // Item 六 (ADR 0028): an allocation of a system the actor may not open is listed, marked so.
  const access = await systemsAccess(deps, actor, { systemIds: items.map((row) => row.systemId), now: ctx.now });
  return {
    items: items.map((row) => presentAllocation(row, today, viewer, accessOfSystems(access, [row.systemId]))),
    total,
    totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One allocation with its renewal history, or NOT_FOUND outside the caller's scope. */
export async function getAllocation(deps: AppDeps, ctx: RequestContext, id: string): Promise<AllocationDetail> {
  const actor = requireActor(ctx.actor);
  const row = await requireVisibleAllocation(deps.db, actor, id);
  // Other modules' conditions on its system's contracts (item 六), after tenancy.
  await assertSystemsAccess(deps, actor, { systemIds: [row.systemId], now: ctx.now });
  const renewals = await listRenewalsOfAllocation(deps.db, id);
  const viewer = await viewerOf(deps.db, actor);
  return { ...presentAllocation(row, taipeiToday(ctx.now), viewer), renewals: renewals.map(presentRenewal) };
}

/** The latest allowed expiry for a start date, for forms that default to it. */
export async function getAllocationPeriod(deps: AppDeps, ctx: RequestContext, startsOn: string) {
  requireActor(ctx.actor);
  return computeAllocationPeriod(deps.db, startsOn);
}

async function presentById(deps: AppDeps, ctx: RequestContext, id: string): Promise<Allocation> {
  const row = await findAllocation(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return presentAllocation(row, taipeiToday(ctx.now), await viewerOf(deps.db, requireActor(ctx.actor)));
}

/**
 * Allocates a domain, address or range to a system (item 十一). The period defaults to the
 * longest the rules in force on its first day allow and may not exceed it; the rule version
 * is recorded. An overlap with any active allocation is refused without naming the other
 * system, which the caller may not be allowed to see.
 */
export async function createAllocation(
  deps: AppDeps,
  ctx: RequestContext,
  input: AllocationCreateInput,
): Promise<Allocation> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const system = await findSystemForAllocation(
    deps.db,
    input.systemId,
    systemsVisibleSql(scope, { orgId: systems.orgId, systemId: systems.id }),
  );
  if (!system) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManage(deps.db, actor, system.orgId);
  if (system.status === 'decommissioned') {
    throw new AppError('SYSTEM_DECOMMISSIONED');
  }
  const parsed = parseAllocationValue(input.value);
  if (!parsed.ok) {
    throw new AppError(parsed.error);
  }
  const period = await computeAllocationPeriod(deps.db, input.startsOn);
  const expiresOn = input.expiresOn ?? period.latestExpiresOn;
  if (expiresOn < input.startsOn) {
    throw new AppError('ALLOCATION_PERIOD_INVALID');
  }
  if (expiresOn > period.latestExpiresOn) {
    throw new AppError('ALLOCATION_PERIOD_TOO_LONG');
  }
  const created = await deps.db.transaction(async (tx) => {
    await lockAllocationWrites(tx);
    // A decommissioning that commits first has released the system's allocations: wait for it.
    const [current] = await tx
      .select({ status: systems.status })
      .from(systems)
      .where(eq(systems.id, system.id))
      .for('share');
    if (!current || current.status === 'decommissioned') {
      throw new AppError('SYSTEM_DECOMMISSIONED');
    }
    if ((await findActiveOverlaps(tx, parsed.value)).length > 0) {
      throw new AppError('ALLOCATION_OVERLAP');
    }
    const row = await insertAllocation(tx, {
      systemId: system.id,
      orgId: system.orgId,
      kind: parsed.value.kind,
      value: parsed.value.value,
      network: parsed.value.network,
      startsOn: input.startsOn,
      expiresOn,
      policyVersionId: period.policyVersionId,
      createdBy: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'allocation.create',
      orgId: row.orgId,
      targetType: 'allocation',
      targetId: row.id,
      summary: {
        after: {
          systemId: row.systemId,
          kind: row.kind,
          value: row.value,
          startsOn: row.startsOn,
          expiresOn: row.expiresOn,
          policyVersion: period.policyVersion,
        },
      },
    });
    await orgRecordsChanged(tx, deps, { orgIds: [row.orgId], now: ctx.now });
    return row;
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'allocation.expiry', subjectIds: [created.id] }]);
  return presentById(deps, ctx, created.id);
}

/** Releases one allocation before its expiry; it stops blocking others at once. */
export async function releaseAllocation(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: AllocationReleaseInput,
): Promise<Allocation> {
  const actor = requireActor(ctx.actor);
  const before = await requireVisibleAllocation(deps.db, actor, id);
  await assertCanManage(deps.db, actor, before.orgId);
  if (before.status !== 'active') {
    throw new AppError('ALLOCATION_NOT_ACTIVE');
  }
  const closedRenewals = await deps.db.transaction(async (tx) => {
    await lockAllocationWrites(tx);
    const [current] = await tx.select({ status: allocations.status }).from(allocations).where(eq(allocations.id, id));
    if (current?.status !== 'active') {
      throw new AppError('ALLOCATION_NOT_ACTIVE');
    }
    const row = await updateAllocation(
      tx,
      id,
      {
        status: 'released',
        releasedAt: ctx.now,
        releaseReason: input.reason,
      },
      ctx.now,
    );
    const closed = await closePendingRenewals(tx, {
      allocationIds: [id],
      decidedBy: actor.via === 'system' ? null : actor.userId,
      note: input.reason,
      now: ctx.now,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'allocation.release',
      orgId: before.orgId,
      targetType: 'allocation',
      targetId: id,
      summary: {
        before: { status: 'active', value: before.value, expiresOn: before.expiresOn },
        after: { status: row?.status, value: before.value, reason: input.reason },
        ...(closed.length > 0 ? { closedRenewalIds: closed.map((c) => c.id) } : {}),
      },
    });
    await orgRecordsChanged(tx, deps, { orgIds: [before.orgId], now: ctx.now });
    return closed.map((c) => c.id);
  });
  await recordsChanged(deps, ctx.now, [
    { trigger: 'allocation.expiry', subjectIds: [id] },
    { trigger: 'allocation.renewalPending', subjectIds: closedRenewals },
  ]);
  return presentById(deps, ctx, id);
}
