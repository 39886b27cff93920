import { eq } from 'drizzle-orm';
import { can } from '@custodian/shared';
import type {
  AllocationRenewal,
  AllocationRenewalApproveInput,
  AllocationRenewalListQuery,
  AllocationRenewalQueueItem,
  AllocationRenewalRejectInput,
  AllocationRenewalRequestInput,
} from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { isUniqueViolation } from '../../db/errors.js';
import { allocations } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import { assertCanManage, requireActor } from '../../lib/tenancy.js';
import { viewerOf } from '../../lib/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import { renewalStart } from './allocations.period.js';
import { presentRenewal, presentRenewalQueueItem } from './allocations.presenter.js';
import {
  decideRenewal,
  findRenewal,
  hasPendingRenewal,
  insertRenewal,
  listRenewals,
  listRenewalsOfAllocation,
} from './allocations.renewals.repository.js';
import { lockAllocationWrites, updateAllocation } from './allocations.repository.js';
import { computeAllocationPeriod, requireVisibleAllocation, visibleAllocationsSql } from './allocations.service.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';

/**
 * Renewal of allocations (item 十一: "使用期限屆滿時應重新申請"): a unit asks before the
 * period ends, the Ministry approves or refuses, and an approval starts a new period under
 * the rules in force on its first day.
 */

const actorId = (actor: Actor) => (actor.via === 'system' ? null : actor.userId);

/** The period an approval on `today` would start for an allocation expiring on `expiresOn`. */
async function nextPeriod(db: Executor, expiresOn: string, today: string) {
  return computeAllocationPeriod(db, renewalStart(expiresOn, today));
}

async function presentRenewalById(deps: AppDeps, allocationId: string, renewalId: string): Promise<AllocationRenewal> {
  const rows = await listRenewalsOfAllocation(deps.db, allocationId);
  const row = rows.find((r) => r.id === renewalId);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return presentRenewal(row);
}

/** A unit asks the Ministry to renew an active allocation; one pending request at a time. */
export async function requestRenewal(
  deps: AppDeps,
  ctx: RequestContext,
  allocationId: string,
  input: AllocationRenewalRequestInput,
): Promise<AllocationRenewal> {
  const actor = requireActor(ctx.actor);
  const allocation = await requireVisibleAllocation(deps.db, actor, allocationId);
  await assertCanManage(deps.db, actor, allocation.orgId);
  if (allocation.status !== 'active') {
    throw new AppError('ALLOCATION_NOT_ACTIVE');
  }
  try {
    const created = await deps.db.transaction(async (tx) => {
      await lockAllocationWrites(tx);
      const [current] = await tx
        .select({ status: allocations.status })
        .from(allocations)
        .where(eq(allocations.id, allocationId));
      if (current?.status !== 'active') {
        throw new AppError('ALLOCATION_NOT_ACTIVE');
      }
      if (await hasPendingRenewal(tx, allocationId)) {
        throw new AppError('RENEWAL_PENDING');
      }
      const row = await insertRenewal(tx, { allocationId, reason: input.reason, requestedBy: actorId(actor) });
      await recordAudit(tx, deps, ctx, {
        action: 'allocation.renewal_request',
        orgId: allocation.orgId,
        targetType: 'allocation_renewal',
        targetId: row.id,
        summary: {
          after: { allocationId, value: allocation.value, expiresOn: allocation.expiresOn, reason: input.reason },
        },
      });
      await orgRecordsChanged(tx, deps, { orgIds: [allocation.orgId], now: ctx.now });
      return row;
    });
    await recordsChanged(deps, ctx.now, [{ trigger: 'allocation.renewalPending', subjectIds: [created.id] }]);
    return await presentRenewalById(deps, allocationId, created.id);
  } catch (err) {
    // The partial unique index is the last line: one pending request per allocation.
    if (isUniqueViolation(err)) {
      throw new AppError('RENEWAL_PENDING');
    }
    throw err;
  }
}

/**
 * Renewal requests the caller may see (the Ministry all, a unit its own), pending ones by
 * default, each with the period an approval today would start.
 */
export async function listRenewalQueue(deps: AppDeps, ctx: RequestContext, query: AllocationRenewalListQuery) {
  const actor = requireActor(ctx.actor);
  const today = taipeiToday(ctx.now);
  const { items, total } = await listRenewals(deps.db, {
    visible: await visibleAllocationsSql(deps.db, actor),
    query,
  });
  const periods = new Map<string, Promise<{ startsOn: string; expiresOn: string }>>();
  const proposedFor = (expiresOn: string) => {
    let period = periods.get(expiresOn);
    if (!period) {
      period = nextPeriod(deps.db, expiresOn, today).then((p) => ({
        startsOn: p.startsOn,
        expiresOn: p.latestExpiresOn,
      }));
      periods.set(expiresOn, period);
    }
    return period;
  };
  const viewer = await viewerOf(deps.db, actor);
  const presented: AllocationRenewalQueueItem[] = [];
  for (const row of items) {
    const proposed =
      row.status === 'pending' && row.allocation.status === 'active'
        ? await proposedFor(row.allocation.expiresOn)
        : null;
    presented.push(presentRenewalQueueItem(row, { today, proposed, viewer }));
  }
  return { items: presented, total, page: query.page, pageSize: query.pageSize };
}

async function requirePendingRenewal(deps: AppDeps, actor: Actor, id: string) {
  // Deciding needs allocation.approve: the route declares it; checked here as well.
  if (!can(actor.role, 'allocation.approve')) {
    throw new AppError('FORBIDDEN');
  }
  const renewal = await findRenewal(deps.db, id, await visibleAllocationsSql(deps.db, actor));
  if (!renewal) {
    throw new AppError('NOT_FOUND');
  }
  if (renewal.status !== 'pending') {
    throw new AppError('RENEWAL_DECIDED');
  }
  return renewal;
}

/**
 * Approves a renewal: the new period starts the day after the current expiry (today when it
 * has lapsed) and lasts as long as the rules in force on that day allow.
 */
export async function approveRenewal(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: AllocationRenewalApproveInput,
): Promise<AllocationRenewal> {
  const actor = requireActor(ctx.actor);
  const renewal = await requirePendingRenewal(deps, actor, id);
  const allocationId = renewal.allocationId;
  await deps.db.transaction(async (tx) => {
    await lockAllocationWrites(tx);
    const [current] = await tx.select().from(allocations).where(eq(allocations.id, allocationId));
    if (current?.status !== 'active') {
      throw new AppError('ALLOCATION_NOT_ACTIVE');
    }
    const period = await nextPeriod(tx, current.expiresOn, taipeiToday(ctx.now));
    const decided = await decideRenewal(
      tx,
      id,
      {
        status: 'approved',
        decidedBy: actorId(actor),
        decisionNote: input.note ?? null,
        newStartsOn: period.startsOn,
        newExpiresOn: period.latestExpiresOn,
      },
      ctx.now,
    );
    if (!decided) {
      throw new AppError('RENEWAL_DECIDED');
    }
    await updateAllocation(
      tx,
      allocationId,
      {
        startsOn: period.startsOn,
        expiresOn: period.latestExpiresOn,
        policyVersionId: period.policyVersionId,
      },
      ctx.now,
    );
    await recordAudit(tx, deps, ctx, {
      action: 'allocation.renewal_approve',
      orgId: current.orgId,
      targetType: 'allocation',
      targetId: allocationId,
      summary: {
        renewalId: id,
        before: { startsOn: current.startsOn, expiresOn: current.expiresOn, policyVersionId: current.policyVersionId },
        after: {
          startsOn: period.startsOn,
          expiresOn: period.latestExpiresOn,
          policyVersionId: period.policyVersionId,
          note: input.note ?? null,
        },
      },
    });
    await orgRecordsChanged(tx, deps, { orgIds: [current.orgId], now: ctx.now });
  });
  await recordsChanged(deps, ctx.now, [
    { trigger: 'allocation.expiry', subjectIds: [allocationId] },
    { trigger: 'allocation.renewalPending', subjectIds: [id] },
  ]);
  return presentRenewalById(deps, allocationId, id);
}

/** Refuses a renewal; the allocation keeps its current period and lapses at its end. */
export async function rejectRenewal(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: AllocationRenewalRejectInput,
): Promise<AllocationRenewal> {
  const actor = requireActor(ctx.actor);
  const renewal = await requirePendingRenewal(deps, actor, id);
  await deps.db.transaction(async (tx) => {
    const decided = await decideRenewal(
      tx,
      id,
      {
        status: 'rejected',
        decidedBy: actorId(actor),
        decisionNote: input.note,
      },
      ctx.now,
    );
    if (!decided) {
      throw new AppError('RENEWAL_DECIDED');
    }
    await recordAudit(tx, deps, ctx, {
      action: 'allocation.renewal_reject',
      orgId: renewal.allocation.orgId,
      targetType: 'allocation_renewal',
      targetId: id,
      summary: {
        allocationId: renewal.allocationId,
        before: { status: 'pending' },
        after: { status: 'rejected', note: input.note },
      },
    });
    await orgRecordsChanged(tx, deps, { orgIds: [renewal.allocation.orgId], now: ctx.now });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'allocation.renewalPending', subjectIds: [id] }]);
  return presentRenewalById(deps, renewal.allocationId, id);
}
