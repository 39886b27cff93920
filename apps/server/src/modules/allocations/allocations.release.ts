import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { allocations } from '../../db/schema/index.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { closePendingRenewals } from './allocations.renewals.repository.js';

/**
 * Releases every active allocation of a system (item 十一: allocations end with the system),
 * inside the caller's transaction, with one audit event per allocation. Pending renewal
 * requests of those allocations are closed as rejected, with the reason as the note. The
 * systems service calls this when a system is decommissioned. Returns the released allocations.
 */
export async function releaseSystemAllocations(
  tx: Executor,
  deps: Pick<AppDeps, 'keys'>,
  ctx: RequestContext,
  input: { systemId: string; reason: string },
): Promise<{ id: string; value: string }[]> {
  const released = await tx
    .update(allocations)
    .set({ status: 'released', releasedAt: ctx.now, releaseReason: input.reason, updatedAt: ctx.now })
    .where(and(eq(allocations.systemId, input.systemId), eq(allocations.status, 'active')))
    .returning({
      id: allocations.id,
      value: allocations.value,
      orgId: allocations.orgId,
      expiresOn: allocations.expiresOn,
    });
  const closed = await closePendingRenewals(tx, {
    allocationIds: released.map((r) => r.id),
    decidedBy: ctx.actor && ctx.actor.via !== 'system' ? ctx.actor.userId : null,
    note: input.reason,
    now: ctx.now,
  });
  for (const row of released) {
    const closedIds = closed.filter((c) => c.allocationId === row.id).map((c) => c.id);
    await recordAudit(tx, deps, ctx, {
      action: 'allocation.release',
      orgId: row.orgId,
      targetType: 'allocation',
      targetId: row.id,
      summary: {
        before: { status: 'active', value: row.value, expiresOn: row.expiresOn },
        after: { status: 'released', value: row.value, reason: input.reason },
        ...(closedIds.length > 0 ? { closedRenewalIds: closedIds } : {}),
      },
    });
  }
  return released.map(({ id, value }) => ({ id, value }));
}
