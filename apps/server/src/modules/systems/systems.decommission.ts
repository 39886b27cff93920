import type { SystemDecommissionInput, SystemDecommissionResult } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { releaseSystemAllocations } from '../allocations/allocations.release.js';
import { updateSystem as updateRow } from './systems.repository.js';
import { assertDecommissionDate, assertStatusChange } from './systems.rules.js';
import { findManageableSystem, loadSystemDetail } from './systems.service.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';

/**
 * Takes a system offline (item 十三): sets its status and decommission day and, in the
 * same transaction, releases its domain and IP allocations (item 十一). The record is
 * final afterwards.
 */
export async function decommissionSystem(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: SystemDecommissionInput,
): Promise<SystemDecommissionResult> {
  const actor = requireActor(ctx.actor);
  const { scope, row } = await findManageableSystem(deps.db, actor, id, ctx.now);
  const before = row.system;
  assertStatusChange(before.status, 'decommissioned');
  assertDecommissionDate({ date: input.date, launchDate: before.launchDate, today: taipeiToday(ctx.now) });
  const releasedAllocations = await deps.db.transaction(async (tx) => {
    await updateRow(tx, id, { status: 'decommissioned', decommissionDate: input.date }, ctx.now);
    const released = await releaseSystemAllocations(tx, deps, ctx, { systemId: id, reason: input.reason });
    await recordAudit(tx, deps, ctx, {
      action: 'system.decommission',
      orgId: before.orgId,
      targetType: 'system',
      targetId: id,
      summary: {
        before: { status: before.status },
        after: { status: 'decommissioned', decommissionDate: input.date },
        reason: input.reason,
        releasedAllocations: released.map((a) => a.value),
      },
    });
    // The system and its released allocations (of the system's unit).
    await orgRecordsChanged(tx, deps, { orgIds: [before.orgId], now: ctx.now });
    return released;
  });
  await recordsChanged(deps, ctx.now, [
    { trigger: 'system.contacts', subjectIds: [id] },
    { trigger: 'allocation.expiry', subjectIds: releasedAllocations.map((a) => a.id) },
  ]);
  return { system: await loadSystemDetail(deps.db, { actor, scope, id, now: ctx.now }), releasedAllocations };
}
