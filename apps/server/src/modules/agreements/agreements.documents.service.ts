import type { AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { renderForm } from '../documents/documents.service.js';
import type { AgreementDocumentData, DocumentFormat } from '../documents/documents.types.js';
import { decryptNationalId, loadReadableCommitment } from './agreements.commitments.service.js';
import { findStaffRow, listStaff, type AgreementWithMeta } from './agreements.repository.js';
import { loadReadableAgreement, recordAgreementGenerated } from './agreements.service.js';
import { mayManageAgreement } from './agreements.tenancy.js';

/*
 * The forms of an agreement, rendered by the documents module (modules/documents, one
 * generator for agreements and later reports). The agreement and 附件一 carry no personal
 * number; 附件二 carries the signer's national ID, decrypted here only to render that form,
 * for the signer themself or whoever manages the agreement, and audited each time.
 */

export type RenderedDocument = { bytes: Buffer; contentType: string; fileName: string };

const optional = (value: string | null) => value ?? undefined;

async function agreementData(deps: AppDeps, row: AgreementWithMeta): Promise<AgreementDocumentData> {
  const staff = await listStaff(deps.db, row.id);
  return {
    partyA: {
      name: row.partyAName,
      representative: optional(row.partyARepresentative),
      agent: optional(row.partyAAgent),
      address: optional(row.partyAAddress),
    },
    partyB: {
      name: row.partyBName,
      representative: optional(row.partyBRepresentative),
      agent: optional(row.partyBAgent),
      address: optional(row.partyBAddress),
    },
    purpose: row.purpose,
    termYears: row.termYears,
    ...(row.penaltyTenThousandNtd !== null ? { penaltyTenThousandNtd: row.penaltyTenThousandNtd } : {}),
    court: row.court,
    ...(row.signedOn ? { signedOn: row.signedOn } : {}),
    staff: staff.map((s) => ({ name: s.name, title: s.title, work: s.work })),
  };
}

/**
 * 保密合約書 (with 附件一) or 附件一 alone, as DOCX or PDF, for anyone who reads the agreement.
 * When its manager generates it, a draft becomes `generated` (audited with form and format).
 */
export async function renderAgreementDocument(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  options: { form: 'agreement' | 'staff_list'; format: DocumentFormat },
): Promise<RenderedDocument> {
  const { actor, row, party } = await loadReadableAgreement(deps, ctx, id);
  const rendered = await renderForm({ form: options.form, data: await agreementData(deps, row) }, options.format);
  if (await mayManageAgreement(deps.db, actor, party)) {
    await recordAgreementGenerated(deps, ctx, row, options);
  }
  return rendered;
}

/**
 * One 附件二 保密承諾書 with the signer's details and ID, for the signer themself or the
 * agreement's managers (FORBIDDEN for other readers); every rendering is audited.
 */
export async function renderCommitmentDocument(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  format: DocumentFormat,
): Promise<RenderedDocument> {
  const { row, agreement } = await loadReadableCommitment(deps, ctx, id);
  const { actor, party } = await loadReadableAgreement(deps, ctx, agreement.id);
  const isSigner = row.userId !== null && row.userId === actor.userId;
  if (!isSigner && !(await mayManageAgreement(deps.db, actor, party))) {
    throw new AppError('FORBIDDEN');
  }
  const staff = await findStaffRow(deps.db, row.staffId);
  const rendered = await renderForm(
    {
      form: 'commitment',
      data: {
        partyBName: agreement.partyBName,
        partyAName: agreement.partyAName,
        ...(agreement.signedOn ? { agreementSignedOn: agreement.signedOn } : {}),
        work: staff?.work ?? agreement.purpose,
        signer: { name: row.name, title: row.title, address: row.address, nationalId: decryptNationalId(deps, row) },
        checked: row.accepted,
        ...(row.signedOn ? { signedOn: row.signedOn } : {}),
      },
    },
    format,
  );
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'agreement_commitment.document',
      orgId: agreement.orgId,
      targetType: 'agreement_commitment',
      targetId: id,
      summary: { agreementId: agreement.id, format },
    });
  });
  return rendered;
}
