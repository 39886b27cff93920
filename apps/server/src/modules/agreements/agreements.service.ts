import { and, sql } from 'drizzle-orm';
import type {
  Agreement,
  AgreementCreateInput,
  AgreementListQuery,
  AgreementSignInput,
  AgreementUpdateInput,
} from '@custodian/shared';
import { AGREEMENT_OBLIGATION_TRIGGERS, DEFAULT_AGREEMENT_COURT } from '@custodian/shared';
import { agreements as a } from '../../db/schema/index.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { policyById, policyInForce, taipeiToday } from '../../lib/policy.js';
import { requireActor, resolveRegistryScope, inIds } from '../../lib/tenancy.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';
import { recordAudit } from '../audit/audit.service.js';
import { removeAttachmentsOf } from '../attachments/attachments.service.js';
import { presentAgreement } from './agreements.presenter.js';
import {
  deleteAgreementRow,
  findAgreementById,
  findContractForAgreement,
  insertAgreement,
  listAgreements as listAgreementRows,
  listCommitments,
  updateAgreementRow,
  type AgreementRow,
  type AgreementWithMeta,
} from './agreements.repository.js';
import { agreementRulesOf, lastDayOfTerm, terminationEffectiveOn } from './agreements.rules.js';
import {
  agreementsVisibleSql,
  assertCanManageAgreement,
  canReadAgreement,
  mayManageAgreement,
} from './agreements.tenancy.js';
import { attachedCopy } from './agreements.copies.js';

/** The calendar's record type of agreement expiries (agreements.obligations.ts). */
export const AGREEMENT_TRIGGER = AGREEMENT_OBLIGATION_TRIGGERS.agreement;

const PARTY_A_FIELDS = ['partyAName', 'partyARepresentative', 'partyAAgent', 'partyAAddress'] as const;

const partyOf = (row: AgreementWithMeta) => ({
  orgId: row.orgId,
  unitId: row.orgId,
  ownerUserId: row.contractOwnerUserId,
});

/** An agreement the caller may read; NOT_FOUND otherwise (also outside the scope). */
export async function loadReadableAgreement(deps: AppDeps, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx.actor);
  const row = await findAgreementById(deps.db, id, taipeiToday(ctx.now));
  if (!row || !canReadAgreement(await resolveRegistryScope(deps.db, actor), partyOf(row))) {
    throw new AppError('NOT_FOUND');
  }
  return { actor, row, party: partyOf(row) };
}

/** An agreement the caller may change: NOT_FOUND outside the read scope, FORBIDDEN outside the manage scope. */
export async function loadManageableAgreement(deps: AppDeps, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx.actor);
  const row = await findAgreementById(deps.db, id, taipeiToday(ctx.now));
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManageAgreement(deps.db, actor, partyOf(row));
  return { actor, row, party: partyOf(row) };
}

async function present(deps: AppDeps, ctx: RequestContext, row: AgreementWithMeta): Promise<Agreement> {
  const actor = requireActor(ctx.actor);
  const manage = await mayManageAgreement(deps.db, actor, partyOf(row));
  return presentAgreement(row, taipeiToday(ctx.now), { manage, editPartyA: manage && actor.role === 'ministry_admin' });
}

/** One agreement with what the caller may do on it. */
export async function getAgreement(deps: AppDeps, ctx: RequestContext, id: string): Promise<Agreement> {
  const { row } = await loadReadableAgreement(deps, ctx, id);
  return present(deps, ctx, row);
}

/** The agreements the caller may read, newest first. */
export async function listAgreements(deps: AppDeps, ctx: RequestContext, query: AgreementListQuery) {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const where = and(
    agreementsVisibleSql(scope),
    query.contractId ? inIds(a.contractId, [query.contractId]) : undefined,
    query.orgId ? inIds(a.orgId, [query.orgId]) : undefined,
    query.q ? sql`(${a.purpose} ilike ${`%${query.q}%`} or ${a.partyBName} ilike ${`%${query.q}%`})` : undefined,
  );
  const { items, total } = await listAgreementRows(deps.db, {
    where,
    today: taipeiToday(ctx.now),
    page: query.page,
    pageSize: query.pageSize,
  });
  const presented: Agreement[] = [];
  for (const row of items) {
    presented.push(await present(deps, ctx, row));
  }
  return { items: presented, total, page: query.page, pageSize: query.pageSize };
}

/** What an audit summary keeps of an agreement. */
function auditView(row: Partial<AgreementRow>) {
  const { partyAName, partyBName, purpose, signedOn, termYears, endsOn, terminationNoticeOn, status, court } = row;
  return { partyAName, partyBName, purpose, signedOn, termYears, endsOn, terminationNoticeOn, status, court };
}

/** Records a 保密合約書 for a contract the caller manages; 乙方 is its commissioned unit. */
export async function createAgreement(
  deps: AppDeps,
  ctx: RequestContext,
  input: AgreementCreateInput,
): Promise<Agreement> {
  const actor = requireActor(ctx.actor);
  const contract = await findContractForAgreement(deps.db, input.contractId);
  if (!contract) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManageAgreement(deps.db, actor, {
    orgId: contract.unitId,
    unitId: contract.unitId,
    ownerUserId: contract.ownerUserId,
  });
  if (!input.partyAName) {
    throw new AppError('AGREEMENT_PARTY_REQUIRED', { field: 'partyAName' });
  }
  const today = taipeiToday(ctx.now);
  const policy = await policyInForce(deps.db, today);
  const rules = agreementRulesOf(policy.rules);
  const signedOn = input.signedOn ?? null;
  const created = await deps.db.transaction(async (tx) => {
    const row = await insertAgreement(tx, {
      contractId: contract.id,
      orgId: contract.unitId,
      partyAName: input.partyAName ?? '',
      partyARepresentative: input.partyARepresentative ?? null,
      partyAAgent: input.partyAAgent ?? null,
      partyAAddress: input.partyAAddress ?? null,
      partyBName: input.partyBName ?? contract.unitName,
      partyBRepresentative: input.partyBRepresentative ?? null,
      partyBAgent: input.partyBAgent ?? null,
      partyBAddress: input.partyBAddress ?? null,
      purpose: input.purpose,
      signedOn,
      termYears: rules.termYears,
      policyVersionId: policy.id,
      endsOn: signedOn ? lastDayOfTerm(signedOn, rules.termYears) : null,
      penaltyTenThousandNtd: input.penaltyTenThousandNtd ?? null,
      court: input.court ?? DEFAULT_AGREEMENT_COURT,
      emailRetentionMonths: rules.emailRetentionMonths,
      createdBy: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'agreement.create',
      orgId: row.orgId,
      targetType: 'agreement',
      targetId: row.id,
      summary: { after: auditView(row) },
    });
    return row;
  });
  await recordsChanged(deps, ctx.now, [{ trigger: AGREEMENT_TRIGGER, subjectIds: [created.id] }]);
  return getAgreement(deps, ctx, created.id);
}

/**
 * Changes an agreement. 甲方's fields are the Ministry's (FORBIDDEN for others); a
 * termination notice computes its effective day from the agreement's rule set; no date may
 * come before the signing date (AGREEMENT_DATES_INVALID).
 */
export async function updateAgreement(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: AgreementUpdateInput,
): Promise<Agreement> {
  const { actor, row: before } = await loadManageableAgreement(deps, ctx, id);
  const { emailRetentionAcknowledged, ...fields } = input;
  const changes = Object.fromEntries(
    Object.entries(fields).filter(([key, value]) => value !== undefined && before[key as keyof AgreementRow] !== value),
  ) as Partial<AgreementRow>;
  if (PARTY_A_FIELDS.some((f) => f in changes) && actor.role !== 'ministry_admin') {
    throw new AppError('FORBIDDEN', { field: 'partyAName' });
  }
  if ('partyAName' in changes && !changes.partyAName) {
    throw new AppError('AGREEMENT_PARTY_REQUIRED', { field: 'partyAName' });
  }
  if ('partyBName' in changes && !changes.partyBName) {
    throw new AppError('AGREEMENT_PARTY_REQUIRED', { field: 'partyBName' });
  }
  if ('signedOn' in changes && before.status === 'signed') {
    throw new AppError('AGREEMENT_STATE_INVALID', { field: 'signedOn' });
  }
  const merged = { ...before, ...changes };
  for (const field of ['terminationNoticeOn', 'returnConfirmedOn'] as const) {
    const day = merged[field];
    if (day && (!merged.signedOn || day < merged.signedOn)) {
      throw new AppError('AGREEMENT_DATES_INVALID', { field });
    }
  }
  if ('signedOn' in changes) {
    changes.endsOn = merged.signedOn ? lastDayOfTerm(merged.signedOn, before.termYears) : null;
  }
  if ('terminationNoticeOn' in changes) {
    const rules = agreementRulesOf((await policyById(deps.db, before.policyVersionId)).rules);
    changes.terminationEffectiveOn = merged.terminationNoticeOn
      ? terminationEffectiveOn(merged.terminationNoticeOn, rules.terminationNoticeDays)
      : null;
  }
  if (
    emailRetentionAcknowledged !== undefined &&
    emailRetentionAcknowledged !== (before.emailRetentionAcknowledgedAt !== null)
  ) {
    changes.emailRetentionAcknowledgedAt = emailRetentionAcknowledged ? ctx.now : null;
    changes.emailRetentionAcknowledgedBy = emailRetentionAcknowledged && actor.via !== 'system' ? actor.userId : null;
  }
  if (Object.keys(changes).length > 0) {
    await deps.db.transaction(async (tx) => {
      await updateAgreementRow(tx, id, changes, ctx.now);
      const keys = Object.keys(changes) as (keyof AgreementRow)[];
      await recordAudit(tx, deps, ctx, {
        action: 'agreement.update',
        orgId: before.orgId,
        targetType: 'agreement',
        targetId: id,
        summary: {
          fields: keys,
          before: auditView(Object.fromEntries(keys.map((k) => [k, before[k]]))),
          after: auditView(changes),
        },
      });
    });
    await recordsChanged(deps, ctx.now, [{ trigger: AGREEMENT_TRIGGER, subjectIds: [id] }]);
  }
  return getAgreement(deps, ctx, id);
}

/** Deletes an agreement that is not signed, with its staff, commitments and their files. */
export async function deleteAgreement(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const { row } = await loadManageableAgreement(deps, ctx, id);
  if (row.status === 'signed') {
    throw new AppError('AGREEMENT_STATE_INVALID');
  }
  const removeFiles = await deps.db.transaction(async (tx) => {
    const removers = [await removeAttachmentsOf(deps, tx, { ownerType: 'agreement', ownerId: id })];
    for (const commitment of await listCommitments(tx, id)) {
      removers.push(await removeAttachmentsOf(deps, tx, { ownerType: 'agreement_commitment', ownerId: commitment.id }));
    }
    await deleteAgreementRow(tx, id);
    await recordAudit(tx, deps, ctx, {
      action: 'agreement.delete',
      orgId: row.orgId,
      targetType: 'agreement',
      targetId: id,
      summary: { before: auditView(row) },
    });
    // The dashboard's commitment expiry cards (ADR 0025).
    await orgRecordsChanged(tx, deps, { orgIds: [row.orgId], now: ctx.now });
    return removers;
  });
  for (const remove of removeFiles) {
    await remove();
  }
  await recordsChanged(deps, ctx.now, [{ trigger: AGREEMENT_TRIGGER, subjectIds: [id] }]);
}

/** Notes that the documents were generated: a draft becomes `generated`. Audited with the form and format. */
export async function recordAgreementGenerated(
  deps: AppDeps,
  ctx: RequestContext,
  row: AgreementWithMeta,
  what: { form: string; format: string },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    if (row.status === 'draft') {
      await updateAgreementRow(tx, row.id, { status: 'generated', generatedAt: ctx.now }, ctx.now);
    }
    await recordAudit(tx, deps, ctx, {
      action: 'agreement.generate',
      orgId: row.orgId,
      targetType: 'agreement',
      targetId: row.id,
      summary: what,
    });
  });
}

/**
 * Records the signature of a generated agreement: the signing date, and the two signed
 * copies (甲方's and 乙方's), each a PDF or image already uploaded to this agreement through
 * the attachments module (content-checked there); their SHA-256 is kept.
 */
export async function signAgreement(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: AgreementSignInput,
): Promise<Agreement> {
  const { actor, row } = await loadManageableAgreement(deps, ctx, id);
  if (row.status !== 'generated') {
    throw new AppError('AGREEMENT_STATE_INVALID');
  }
  if (input.partyACopyAttachmentId === input.partyBCopyAttachmentId) {
    throw new AppError('AGREEMENT_COPY_INVALID', { field: 'partyBCopyAttachmentId' });
  }
  const copyA = await attachedCopy(deps, ctx, { ownerType: 'agreement', ownerId: id }, input.partyACopyAttachmentId);
  const copyB = await attachedCopy(deps, ctx, { ownerType: 'agreement', ownerId: id }, input.partyBCopyAttachmentId);
  const changes: Partial<AgreementRow> = {
    status: 'signed',
    signedOn: input.signedOn,
    endsOn: lastDayOfTerm(input.signedOn, row.termYears),
    signedBy: actor.via === 'system' ? null : actor.userId,
    signedAt: ctx.now,
    partyACopyAttachmentId: copyA.id,
    partyACopySha256: copyA.sha256,
    partyBCopyAttachmentId: copyB.id,
    partyBCopySha256: copyB.sha256,
  };
  await deps.db.transaction(async (tx) => {
    await updateAgreementRow(tx, id, changes, ctx.now);
    await recordAudit(tx, deps, ctx, {
      action: 'agreement.sign',
      orgId: row.orgId,
      targetType: 'agreement',
      targetId: id,
      summary: {
        signedOn: input.signedOn,
        endsOn: changes.endsOn,
        partyACopySha256: copyA.sha256,
        partyBCopySha256: copyB.sha256,
      },
    });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: AGREEMENT_TRIGGER, subjectIds: [id] }]);
  return getAgreement(deps, ctx, id);
}
