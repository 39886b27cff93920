import {
  AGREEMENT_OBLIGATION_TRIGGERS,
  can,
  isValidNationalId,
  maskNationalId,
  normaliseNationalId,
  type Commitment,
  type CommitmentConfirmInput,
  type CommitmentListItem,
  type CommitmentListQuery,
  type CommitmentCreateInput,
  type CommitmentSignInput,
  type CommitmentUpdateInput,
  type MyCommitment,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { decryptField, encryptField, hmacHex } from '../../lib/crypto.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { requireActor, resolveRegistryScope } from '../../lib/tenancy.js';
import { and } from 'drizzle-orm';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';
import { recordAudit } from '../audit/audit.service.js';
import { removeAttachmentsOf } from '../attachments/attachments.service.js';
import { presentCommitment } from './agreements.presenter.js';
import {
  deleteCommitmentRow,
  findCommitmentByHash,
  findCommitmentByStaff,
  findCommitmentRow,
  findStaffRow,
  insertCommitment,
  listCommitments,
  listCommitmentsOfUser,
  updateCommitmentRow,
  type AgreementWithMeta,
  type CommitmentRow,
  type CommitmentWithUser,
  commitmentQueryFilters,
  listCommitmentPage,
} from './agreements.repository.js';
import { agreementRulesOf, COMMITMENT_TEXT_VERSION, commitmentExpiresOn } from './agreements.rules.js';
import { attachedCopy } from './agreements.copies.js';
import { loadManageableAgreement, loadReadableAgreement } from './agreements.service.js';
import { agreementsVisibleSql, mayManageAgreement } from './agreements.tenancy.js';

/** The calendar's record type of commitment expiries (agreements.obligations.ts). */
export const COMMITMENT_TRIGGER = AGREEMENT_OBLIGATION_TRIGGERS.commitment;

/**
 * 附件二 保密承諾書. The national ID is validated with the official checksum (on the Taipei
 * day, so old-style resident certificates stop being accepted after 2030), stored only
 * encrypted with the platform field key, with a keyed hash for uniqueness and its mask for
 * display; it never enters an audit summary or a log line.
 */

function protectNationalId(deps: AppDeps, raw: string, today: string) {
  if (!isValidNationalId(raw, { today })) {
    throw new AppError('INVALID_NATIONAL_ID', { field: 'nationalId' });
  }
  const id = normaliseNationalId(raw);
  return {
    nationalIdEnc: encryptField(deps.keys, id),
    nationalIdHash: hmacHex(deps.keys.fieldKey, `national-id:${id}`),
    nationalIdMasked: maskNationalId(id),
  };
}

/** What an audit summary keeps of a commitment: never the ID, not even masked. */
function auditView(row: Partial<CommitmentRow>) {
  const { name, title, signedOn, expiresOn, textVersion } = row;
  return { name, title, signedOn, expiresOn, textVersion };
}

async function presentFor(
  deps: AppDeps,
  ctx: RequestContext,
  agreement: AgreementWithMeta,
  row: CommitmentWithUser,
): Promise<Commitment> {
  const actor = requireActor(ctx.actor);
  const manage = await mayManageAgreement(deps.db, actor, {
    orgId: agreement.orgId,
    unitId: agreement.orgId,
    ownerUserId: agreement.contractOwnerUserId,
  });
  return presentCommitment(row, taipeiToday(ctx.now), {
    manage,
    reveal: manage && can(actor.role, 'commitment.reveal'),
    isSigner: row.userId !== null && row.userId === actor.userId && can(actor.role, 'commitment.confirm'),
  });
}

/** The commitments of an agreement, IDs masked. */
export async function listAgreementCommitments(deps: AppDeps, ctx: RequestContext, agreementId: string) {
  const { row: agreement } = await loadReadableAgreement(deps, ctx, agreementId);
  const out: Commitment[] = [];
  for (const row of await listCommitments(deps.db, agreementId)) {
    out.push(await presentFor(deps, ctx, agreement, row));
  }
  return out;
}

/** A commitment the caller may read, with its agreement. */
export async function loadReadableCommitment(deps: AppDeps, ctx: RequestContext, id: string) {
  const row = await findCommitmentRow(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  const { row: agreement } = await loadReadableAgreement(deps, ctx, row.agreementId);
  return { row, agreement };
}

async function loadManageableCommitment(deps: AppDeps, ctx: RequestContext, id: string) {
  const row = await findCommitmentRow(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  const { row: agreement, actor } = await loadManageableAgreement(deps, ctx, row.agreementId);
  return { row, agreement, actor };
}

export async function getCommitment(deps: AppDeps, ctx: RequestContext, id: string): Promise<Commitment> {
  const { row, agreement } = await loadReadableCommitment(deps, ctx, id);
  return presentFor(deps, ctx, agreement, row);
}

async function reread(deps: AppDeps, ctx: RequestContext, agreement: AgreementWithMeta, id: string) {
  const row = await findCommitmentRow(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return presentFor(deps, ctx, agreement, row);
}

/** Records the 保密承諾書 of a person on the agreement's staff list (one per person). */
export async function createCommitment(
  deps: AppDeps,
  ctx: RequestContext,
  agreementId: string,
  input: CommitmentCreateInput,
): Promise<Commitment> {
  const { row: agreement, actor } = await loadManageableAgreement(deps, ctx, agreementId);
  const staff = await findStaffRow(deps.db, input.staffId);
  if (!staff || staff.agreementId !== agreementId) {
    throw new AppError('NOT_FOUND');
  }
  const today = taipeiToday(ctx.now);
  const protectedId = protectNationalId(deps, input.nationalId, today);
  if (
    (await findCommitmentByStaff(deps.db, staff.id)) ||
    (await findCommitmentByHash(deps.db, agreementId, protectedId.nationalIdHash))
  ) {
    throw new AppError('COMMITMENT_EXISTS');
  }
  const policy = await policyInForce(deps.db, today);
  const created = await deps.db.transaction(async (tx) => {
    const row = await insertCommitment(tx, {
      agreementId,
      staffId: staff.id,
      name: input.name ?? staff.name,
      title: input.title ?? staff.title,
      address: input.address,
      ...protectedId,
      policyVersionId: policy.id,
      createdBy: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'agreement_commitment.create',
      orgId: agreement.orgId,
      targetType: 'agreement_commitment',
      targetId: row.id,
      summary: { agreementId, after: auditView(row) },
    });
    return row;
  });
  await recordsChanged(deps, ctx.now, [{ trigger: COMMITMENT_TRIGGER, subjectIds: [created.id] }]);
  return reread(deps, ctx, agreement, created.id);
}

/** Changes an unsigned commitment; a signed one is a record of what was signed (AGREEMENT_STATE_INVALID). */
export async function updateCommitment(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: CommitmentUpdateInput,
): Promise<Commitment> {
  const { row, agreement } = await loadManageableCommitment(deps, ctx, id);
  if (row.confirmedAt || row.signedScanAttachmentId) {
    throw new AppError('AGREEMENT_STATE_INVALID');
  }
  const { nationalId, ...fields } = input;
  const changes: Partial<CommitmentRow> = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => value !== undefined && row[key as keyof CommitmentRow] !== value),
  );
  if (nationalId !== undefined) {
    const protectedId = protectNationalId(deps, nationalId, taipeiToday(ctx.now));
    if (protectedId.nationalIdHash !== row.nationalIdHash) {
      const other = await findCommitmentByHash(deps.db, row.agreementId, protectedId.nationalIdHash);
      if (other && other.id !== id) {
        throw new AppError('COMMITMENT_EXISTS');
      }
      Object.assign(changes, protectedId);
    }
  }
  if (Object.keys(changes).length > 0) {
    await deps.db.transaction(async (tx) => {
      await updateCommitmentRow(tx, id, changes, ctx.now);
      await recordAudit(tx, deps, ctx, {
        action: 'agreement_commitment.update',
        orgId: agreement.orgId,
        targetType: 'agreement_commitment',
        targetId: id,
        // The ID's change is named, never its value.
        summary: {
          fields: Object.keys(changes).filter((k) => !k.startsWith('nationalIdEnc') && k !== 'nationalIdHash'),
        },
      });
    });
  }
  return reread(deps, ctx, agreement, id);
}

export async function deleteCommitment(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const { row, agreement } = await loadManageableCommitment(deps, ctx, id);
  const removeFiles = await deps.db.transaction(async (tx) => {
    const remove = await removeAttachmentsOf(deps, tx, { ownerType: 'agreement_commitment', ownerId: id });
    await deleteCommitmentRow(tx, id);
    await recordAudit(tx, deps, ctx, {
      action: 'agreement_commitment.delete',
      orgId: agreement.orgId,
      targetType: 'agreement_commitment',
      targetId: id,
      summary: { agreementId: row.agreementId, before: auditView(row) },
    });
    // The dashboard's commitment expiry cards (ADR 0025).
    await orgRecordsChanged(tx, deps, { orgIds: [agreement.orgId], now: ctx.now });
    return remove;
  });
  await removeFiles();
  await recordsChanged(deps, ctx.now, [{ trigger: COMMITMENT_TRIGGER, subjectIds: [id] }]);
}

/**
 * The full national ID, for the unit's administrators and the Ministry's security office
 * (FORBIDDEN for readers who cannot manage the agreement). Every reveal writes an audit event.
 */
export async function revealNationalId(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<{ nationalId: string }> {
  const { row, agreement } = await loadManageableCommitment(deps, ctx, id);
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'agreement_commitment.reveal',
      orgId: agreement.orgId,
      targetType: 'agreement_commitment',
      targetId: id,
      summary: { agreementId: row.agreementId, name: row.name },
    });
  });
  return { nationalId: decryptField(deps.keys, row.nationalIdEnc) };
}

/** The decrypted ID for rendering the signer's own form (callers check the right first). */
export function decryptNationalId(deps: AppDeps, row: CommitmentRow): string {
  return decryptField(deps.keys, row.nationalIdEnc);
}

async function validityOf(deps: AppDeps, agreement: AgreementWithMeta, signedOn: string, today: string) {
  const policy = await policyInForce(deps.db, today);
  const rules = agreementRulesOf(policy.rules);
  return {
    policyVersionId: policy.id,
    expiresOn: commitmentExpiresOn({
      signedOn,
      validityYears: rules.commitmentValidityYears,
      agreementTermYears: agreement.termYears,
      agreementEndsOn: agreement.endsOn,
    }),
  };
}

/** The paper form signed: the six ticks, the signing date and the scan attached to this commitment. */
export async function signCommitment(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: CommitmentSignInput,
): Promise<Commitment> {
  const { row, agreement } = await loadManageableCommitment(deps, ctx, id);
  if (!input.accepted.every(Boolean)) {
    throw new AppError('COMMITMENT_INCOMPLETE', { field: 'accepted' });
  }
  const scan = await attachedCopy(
    deps,
    ctx,
    { ownerType: 'agreement_commitment', ownerId: id },
    input.scanAttachmentId,
  );
  const validity = await validityOf(deps, agreement, input.signedOn, taipeiToday(ctx.now));
  const changes: Partial<CommitmentRow> = {
    accepted: input.accepted,
    signedOn: input.signedOn,
    ...validity,
    signedScanAttachmentId: scan.id,
    signedScanSha256: scan.sha256,
  };
  await deps.db.transaction(async (tx) => {
    await updateCommitmentRow(tx, id, changes, ctx.now);
    await recordAudit(tx, deps, ctx, {
      action: 'agreement_commitment.sign',
      orgId: agreement.orgId,
      targetType: 'agreement_commitment',
      targetId: id,
      summary: { signedOn: input.signedOn, expiresOn: validity.expiresOn, scanSha256: scan.sha256 },
    });
    // The dashboard's commitment expiry cards (ADR 0025).
    await orgRecordsChanged(tx, deps, { orgIds: [agreement.orgId], now: ctx.now });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: COMMITMENT_TRIGGER, subjectIds: [row.id] }]);
  return reread(deps, ctx, agreement, id);
}

/**
 * Electronic acceptance by the person themself (the account on the staff line): all six
 * commitments, of the text version in force; records when and which text, and is audited.
 * Confirming again renews an expired commitment.
 */
export async function confirmCommitment(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: CommitmentConfirmInput,
): Promise<Commitment> {
  const actor = requireActor(ctx.actor);
  const { row, agreement } = await loadReadableCommitment(deps, ctx, id);
  if (row.userId === null || row.userId !== actor.userId) {
    throw new AppError('COMMITMENT_NOT_YOURS');
  }
  if (!input.accepted.every(Boolean)) {
    throw new AppError('COMMITMENT_INCOMPLETE', { field: 'accepted' });
  }
  if (input.textVersion !== COMMITMENT_TEXT_VERSION) {
    throw new AppError('COMMITMENT_TEXT_OUTDATED', { field: 'textVersion' });
  }
  const today = taipeiToday(ctx.now);
  const validity = await validityOf(deps, agreement, today, today);
  await deps.db.transaction(async (tx) => {
    await updateCommitmentRow(
      tx,
      id,
      {
        accepted: input.accepted,
        signedOn: today,
        ...validity,
        confirmedBy: actor.userId,
        confirmedAt: ctx.now,
        textVersion: COMMITMENT_TEXT_VERSION,
      },
      ctx.now,
    );
    await recordAudit(tx, deps, ctx, {
      action: 'agreement_commitment.confirm',
      orgId: agreement.orgId,
      targetType: 'agreement_commitment',
      targetId: id,
      summary: { signedOn: today, expiresOn: validity.expiresOn, textVersion: COMMITMENT_TEXT_VERSION },
    });
    // The dashboard's commitment expiry cards (ADR 0025).
    await orgRecordsChanged(tx, deps, { orgIds: [agreement.orgId], now: ctx.now });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: COMMITMENT_TRIGGER, subjectIds: [row.id] }]);
  return reread(deps, ctx, agreement, id);
}

/** The caller's own commitments (as the person on a staff list), with their contracts. */
export async function listMyCommitments(deps: AppDeps, ctx: RequestContext): Promise<MyCommitment[]> {
  const actor = requireActor(ctx.actor);
  const today = taipeiToday(ctx.now);
  const rows = await listCommitmentsOfUser(deps.db, actor.userId);
  return rows.map((r) => ({
    ...presentCommitment({ ...r.commitment, userId: r.userId }, today, {
      manage: false,
      reveal: false,
      isSigner: can(actor.role, 'commitment.confirm'),
    }),
    contractId: r.contractId,
    contractName: r.contractName,
  }));
}

/**
 * The commitments of the agreements the caller may read, filtered (the dashboard's expiry
 * cards open this list), IDs masked; the soonest last day first.
 */
export async function listCommitmentsPage(deps: AppDeps, ctx: RequestContext, query: CommitmentListQuery) {
  const actor = requireActor(ctx.actor);
  const today = taipeiToday(ctx.now);
  const scope = await resolveRegistryScope(deps.db, actor);
  const { items, total } = await listCommitmentPage(deps.db, {
    where: and(agreementsVisibleSql(scope), commitmentQueryFilters(query, { today })),
    page: query.page,
    pageSize: query.pageSize,
  });
  const out: CommitmentListItem[] = [];
  for (const r of items) {
    const manage = await mayManageAgreement(deps.db, actor, {
      orgId: r.orgId,
      unitId: r.orgId,
      ownerUserId: null,
    });
    out.push({
      ...presentCommitment({ ...r.commitment, userId: r.userId }, today, {
        manage,
        reveal: manage && can(actor.role, 'commitment.reveal'),
        isSigner: r.userId !== null && r.userId === actor.userId && can(actor.role, 'commitment.confirm'),
      }),
      contractId: r.contractId,
      contractName: r.contractName,
      orgId: r.orgId,
      orgName: r.orgName,
    });
  }
  return { items: out, total, page: query.page, pageSize: query.pageSize };
}
