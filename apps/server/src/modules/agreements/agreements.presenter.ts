import type { Agreement, AgreementStaff, Commitment } from '@custodian/shared';
import type { AgreementWithMeta, CommitmentWithUser, StaffWithCommitment } from './agreements.repository.js';
import { agreementStatusOn, commitmentStateOn } from './agreements.rules.js';

/**
 * Rows to API shapes. A commitment's national ID leaves only masked: the encrypted value and
 * its keyed hash never reach a response (the reveal route returns the number on its own).
 */

export function presentAgreement(
  row: AgreementWithMeta,
  today: string,
  can: { manage: boolean; editPartyA: boolean },
): Agreement {
  const status = agreementStatusOn(row, today);
  return {
    id: row.id,
    contractId: row.contractId,
    contractNumber: row.contractNumber,
    contractName: row.contractName,
    orgId: row.orgId,
    orgName: row.orgName,
    partyAName: row.partyAName,
    partyARepresentative: row.partyARepresentative,
    partyAAgent: row.partyAAgent,
    partyAAddress: row.partyAAddress,
    partyBName: row.partyBName,
    partyBRepresentative: row.partyBRepresentative,
    partyBAgent: row.partyBAgent,
    partyBAddress: row.partyBAddress,
    purpose: row.purpose,
    signedOn: row.signedOn,
    termYears: row.termYears,
    policyVersionId: row.policyVersionId,
    endsOn: row.endsOn,
    terminationNoticeOn: row.terminationNoticeOn,
    terminationEffectiveOn: row.terminationEffectiveOn,
    confidentialitySurvives: true,
    penaltyTenThousandNtd: row.penaltyTenThousandNtd,
    court: row.court,
    status,
    generatedAt: row.generatedAt?.toISOString() ?? null,
    signedBy: row.signedBy,
    signedByName: row.signedByName,
    signedAt: row.signedAt?.toISOString() ?? null,
    partyACopyAttachmentId: row.partyACopyAttachmentId,
    partyACopySha256: row.partyACopySha256,
    partyBCopyAttachmentId: row.partyBCopyAttachmentId,
    partyBCopySha256: row.partyBCopySha256,
    returnConfirmedOn: row.returnConfirmedOn,
    returnConfirmedBy: row.returnConfirmedBy,
    returnNote: row.returnNote,
    emailRetentionMonths: row.emailRetentionMonths,
    emailRetentionAcknowledgedAt: row.emailRetentionAcknowledgedAt?.toISOString() ?? null,
    staffCount: row.staffCount,
    commitmentCount: row.commitmentCount,
    validCommitmentCount: row.validCommitmentCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: {
      edit: can.manage,
      editPartyA: can.editPartyA,
      delete: can.manage && row.status !== 'signed',
      sign: can.manage && row.status === 'generated',
    },
  };
}

export function presentStaff(row: StaffWithCommitment, today: string): AgreementStaff {
  return {
    id: row.id,
    agreementId: row.agreementId,
    name: row.name,
    title: row.title,
    work: row.work,
    userId: row.userId,
    isSubcontractor: row.isSubcontractor,
    position: row.position,
    commitmentId: row.commitment?.id ?? null,
    commitmentState: commitmentStateOn(row.commitment ?? undefined, today),
  };
}

export function presentCommitment(
  row: CommitmentWithUser,
  today: string,
  can: { manage: boolean; reveal: boolean; isSigner: boolean },
): Commitment {
  const state = commitmentStateOn(row, today);
  const isSigned = row.confirmedAt !== null || row.signedScanAttachmentId !== null;
  return {
    id: row.id,
    agreementId: row.agreementId,
    staffId: row.staffId,
    userId: row.userId,
    name: row.name,
    title: row.title,
    address: row.address,
    nationalIdMasked: row.nationalIdMasked,
    accepted: row.accepted,
    signedOn: row.signedOn,
    expiresOn: row.expiresOn,
    policyVersionId: row.policyVersionId,
    signedScanAttachmentId: row.signedScanAttachmentId,
    signedScanSha256: row.signedScanSha256,
    confirmedBy: row.confirmedBy,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    textVersion: row.textVersion,
    state,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: {
      edit: can.manage && !isSigned,
      delete: can.manage,
      reveal: can.reveal,
      // A signer renews an expired commitment by confirming again.
      confirm: can.isSigner && (state === 'unsigned' || state === 'expired'),
    },
  };
}
