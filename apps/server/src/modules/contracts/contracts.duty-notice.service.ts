import { isDutyNoticeSentAtAllowed, type ContractDetail, type DutyNoticeSendInput } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadContractDetail, loadManageableContract } from './contracts.access.js';
import { findContractById, updateContract } from './contracts.repository.js';
import { recordsChanged } from '../../lib/record-changes.js';

/**
 * Item 二: the Ministry tells the commissioned unit of its duties in writing, electronically
 * or otherwise, and the unit acknowledges it.
 */

/** Records that the notice was given. A new notice needs a new acknowledgement. */
export async function sendDutyNotice(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: DutyNoticeSendInput,
): Promise<ContractDetail> {
  const actor = requireActor(ctx.actor);
  if (!isDutyNoticeSentAtAllowed(input.sentAt, ctx.now)) {
    throw new AppError('VALIDATION_FAILED', { field: 'sentAt' });
  }
  const before = await loadManageableContract(deps, actor, id);
  const sentAt = new Date(input.sentAt);
  await deps.db.transaction(async (tx) => {
    await updateContract(
      tx,
      id,
      {
        dutyNoticeSentAt: sentAt,
        dutyNoticeMethod: input.method,
        dutyAcknowledgedAt: null,
        dutyAcknowledgedBy: null,
      },
      ctx.now,
    );
    await recordAudit(tx, deps, ctx, {
      action: 'contract.duty_notice_send',
      orgId: before.unitId,
      targetType: 'contract',
      targetId: id,
      summary: {
        before: {
          sentAt: before.dutyNoticeSentAt?.toISOString() ?? null,
          method: before.dutyNoticeMethod,
          acknowledgedAt: before.dutyAcknowledgedAt?.toISOString() ?? null,
        },
        after: { sentAt: sentAt.toISOString(), method: input.method, acknowledgedAt: null },
      },
    });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'contract.dutyNotice', subjectIds: [id] }]);
  return loadContractDetail(deps, actor, id, ctx.now);
}

/**
 * The unit's admin acknowledges the notice: DUTY_NOTICE_MISSING before one was sent,
 * CONFLICT when this notice is already acknowledged.
 */
export async function acknowledgeDutyNotice(deps: AppDeps, ctx: RequestContext, id: string): Promise<ContractDetail> {
  const actor = requireActor(ctx.actor);
  await loadManageableContract(deps, actor, id);
  await deps.db.transaction(async (tx) => {
    const locked = await findContractById(tx, id, { forUpdate: true });
    if (!locked) {
      throw new AppError('NOT_FOUND');
    }
    if (!locked.dutyNoticeSentAt) {
      throw new AppError('DUTY_NOTICE_MISSING');
    }
    if (locked.dutyAcknowledgedAt) {
      throw new AppError('CONFLICT');
    }
    const { now } = ctx;
    await updateContract(tx, id, { dutyAcknowledgedAt: now, dutyAcknowledgedBy: actor.userId }, now);
    await recordAudit(tx, deps, ctx, {
      action: 'contract.duty_notice_acknowledge',
      orgId: locked.unitId,
      targetType: 'contract',
      targetId: id,
      summary: { sentAt: locked.dutyNoticeSentAt.toISOString(), after: { acknowledgedAt: now.toISOString() } },
    });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'contract.dutyNotice', subjectIds: [id] }]);
  return loadContractDetail(deps, actor, id, ctx.now);
}
