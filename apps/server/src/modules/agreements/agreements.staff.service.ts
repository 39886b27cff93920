import { orgRecordsChanged } from '../../lib/record-changes.js';
import type { AgreementStaff, AgreementStaffCreateInput, AgreementStaffUpdateInput } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { taipeiToday } from '../../lib/policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { removeAttachmentsOf } from '../attachments/attachments.service.js';
import { presentStaff } from './agreements.presenter.js';
import {
  deleteStaffRow,
  findCommitmentByStaff,
  findStaffRow,
  findUserOrg,
  insertStaff,
  listStaff,
  nextStaffPosition,
  updateStaffRow,
  type StaffRow,
} from './agreements.repository.js';
import { loadManageableAgreement, loadReadableAgreement } from './agreements.service.js';

/** 附件一: the staff list of an agreement, maintained by whoever manages the agreement. */

/** The staff list, in its order on 附件一. */
export async function listAgreementStaff(
  deps: AppDeps,
  ctx: RequestContext,
  agreementId: string,
): Promise<AgreementStaff[]> {
  await loadReadableAgreement(deps, ctx, agreementId);
  const today = taipeiToday(ctx.now);
  return (await listStaff(deps.db, agreementId)).map((row) => presentStaff(row, today));
}

/** A linked account must belong to the agreement's unit or one of its vendors (item 二). */
async function assertStaffAccount(db: Executor, orgId: string, userId: string | null | undefined): Promise<void> {
  if (!userId) {
    return;
  }
  const user = await findUserOrg(db, userId);
  if (!user || (user.orgId !== orgId && user.parentId !== orgId)) {
    throw new AppError('VALIDATION_FAILED', { field: 'userId' });
  }
}

function auditView(row: Partial<StaffRow>) {
  const { name, title, work, userId, isSubcontractor } = row;
  return { name, title, work, userId, isSubcontractor };
}

async function presentOne(deps: AppDeps, ctx: RequestContext, staffId: string): Promise<AgreementStaff> {
  const row = await findStaffRow(deps.db, staffId);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  const commitment = await findCommitmentByStaff(deps.db, staffId);
  return presentStaff({ ...row, commitment: commitment ?? null }, taipeiToday(ctx.now));
}

export async function addAgreementStaff(
  deps: AppDeps,
  ctx: RequestContext,
  agreementId: string,
  input: AgreementStaffCreateInput,
): Promise<AgreementStaff> {
  const { row: agreement } = await loadManageableAgreement(deps, ctx, agreementId);
  await assertStaffAccount(deps.db, agreement.orgId, input.userId);
  const created = await deps.db.transaction(async (tx) => {
    const row = await insertStaff(tx, {
      agreementId,
      name: input.name,
      title: input.title,
      work: input.work,
      userId: input.userId ?? null,
      isSubcontractor: input.isSubcontractor ?? false,
      position: await nextStaffPosition(tx, agreementId),
    });
    await recordAudit(tx, deps, ctx, {
      action: 'agreement_staff.create',
      orgId: agreement.orgId,
      targetType: 'agreement',
      targetId: agreementId,
      summary: { staffId: row.id, after: auditView(row) },
    });
    return row;
  });
  return presentOne(deps, ctx, created.id);
}

/** The staff line of an agreement the caller manages; NOT_FOUND when it is not that agreement's. */
async function loadStaff(deps: AppDeps, ctx: RequestContext, agreementId: string, staffId: string) {
  const { row: agreement } = await loadManageableAgreement(deps, ctx, agreementId);
  const staff = await findStaffRow(deps.db, staffId);
  if (!staff || staff.agreementId !== agreementId) {
    throw new AppError('NOT_FOUND');
  }
  return { agreement, staff };
}

export async function updateAgreementStaff(
  deps: AppDeps,
  ctx: RequestContext,
  ids: { agreementId: string; staffId: string },
  input: AgreementStaffUpdateInput,
): Promise<AgreementStaff> {
  const { agreement, staff } = await loadStaff(deps, ctx, ids.agreementId, ids.staffId);
  const changes = Object.fromEntries(
    Object.entries(input).filter(([key, value]) => value !== undefined && staff[key as keyof StaffRow] !== value),
  ) as Partial<StaffRow>;
  await assertStaffAccount(deps.db, agreement.orgId, changes.userId);
  if (Object.keys(changes).length > 0) {
    await deps.db.transaction(async (tx) => {
      await updateStaffRow(tx, staff.id, changes, ctx.now);
      await recordAudit(tx, deps, ctx, {
        action: 'agreement_staff.update',
        orgId: agreement.orgId,
        targetType: 'agreement',
        targetId: agreement.id,
        summary: { staffId: staff.id, fields: Object.keys(changes), after: auditView(changes) },
      });
    });
  }
  return presentOne(deps, ctx, staff.id);
}

/** Removes a person from 附件一, with their commitment and its scan. */
export async function removeAgreementStaff(
  deps: AppDeps,
  ctx: RequestContext,
  ids: { agreementId: string; staffId: string },
): Promise<void> {
  const { agreement, staff } = await loadStaff(deps, ctx, ids.agreementId, ids.staffId);
  const removeFiles = await deps.db.transaction(async (tx) => {
    const commitment = await findCommitmentByStaff(tx, staff.id);
    const remove = commitment
      ? await removeAttachmentsOf(deps, tx, { ownerType: 'agreement_commitment', ownerId: commitment.id })
      : async () => undefined;
    await deleteStaffRow(tx, staff.id);
    await recordAudit(tx, deps, ctx, {
      action: 'agreement_staff.delete',
      orgId: agreement.orgId,
      targetType: 'agreement',
      targetId: agreement.id,
      summary: { staffId: staff.id, before: auditView(staff), commitmentRemoved: Boolean(commitment) },
    });
    // The dashboard's commitment expiry cards (ADR 0025).
    await orgRecordsChanged(tx, deps, { orgIds: [agreement.orgId], now: ctx.now });
    return remove;
  });
  await removeFiles();
}
