import { defineOperations } from '../../lib/openapi-operations.js';

/** The agreements module's operations in the OpenAPI document (lib/openapi-operations.ts). */
export const agreementsOperations = defineOperations({
  'GET /api/v1/agreements': {
    operationId: 'listAgreements',
    summary: 'Confidentiality agreements (保密合約書) in scope',
  },
  'GET /api/v1/agreements/commitment-text': {
    operationId: 'getCommitmentText',
    summary: 'The six commitments of 附件二 and their text version',
  },
  'GET /api/v1/agreements/my-commitments': {
    operationId: 'listMyCommitments',
    summary: "The caller's own confidentiality commitments",
  },
  'GET /api/v1/agreement-commitments': {
    operationId: 'listCommitments',
    summary: 'Personal commitments (附件二) in scope: expired, or expiring within N days (the dashboard cards)',
  },
  'GET /api/v1/agreements/:id': {
    operationId: 'getAgreement',
    summary: 'Read a confidentiality agreement',
  },
  'POST /api/v1/agreements': {
    operationId: 'createAgreement',
    summary: 'Record a confidentiality agreement for a contract (乙方: its unit)',
    errors: ['AGREEMENT_PARTY_REQUIRED'],
  },
  'PATCH /api/v1/agreements/:id': {
    operationId: 'updateAgreement',
    summary: 'Change an agreement: parties, termination notice, return of information, e-mail retention',
    errors: ['AGREEMENT_PARTY_REQUIRED', 'AGREEMENT_DATES_INVALID', 'AGREEMENT_STATE_INVALID'],
  },
  'DELETE /api/v1/agreements/:id': {
    operationId: 'deleteAgreement',
    summary: 'Delete an unsigned agreement with its staff list, commitments and files',
    errors: ['AGREEMENT_STATE_INVALID'],
  },
  'POST /api/v1/agreements/:id/sign': {
    operationId: 'signAgreement',
    summary: 'Record the signature: signing date and the two signed copies (attachments)',
    errors: ['AGREEMENT_STATE_INVALID', 'AGREEMENT_COPY_INVALID'],
  },
  'GET /api/v1/agreements/:id/staff': {
    operationId: 'listAgreementStaff',
    summary: '附件一: the staff list',
  },
  'POST /api/v1/agreements/:id/staff': {
    operationId: 'addAgreementStaff',
    summary: 'Add a person to 附件一',
  },
  'PATCH /api/v1/agreements/:id/staff/:staffId': {
    operationId: 'updateAgreementStaff',
    summary: 'Change a person on 附件一',
  },
  'DELETE /api/v1/agreements/:id/staff/:staffId': {
    operationId: 'removeAgreementStaff',
    summary: 'Remove a person from 附件一, with their commitment',
  },
  'GET /api/v1/agreements/:id/commitments': {
    operationId: 'listAgreementCommitments',
    summary: '附件二: the commitments, national IDs masked',
  },
  'POST /api/v1/agreements/:id/commitments': {
    operationId: 'createCommitment',
    summary: 'Record a person’s commitment (national ID validated, stored encrypted)',
    errors: ['INVALID_NATIONAL_ID', 'COMMITMENT_EXISTS'],
  },
  'GET /api/v1/agreement-commitments/:id': {
    operationId: 'getCommitment',
    summary: 'Read a commitment (national ID masked)',
  },
  'PATCH /api/v1/agreement-commitments/:id': {
    operationId: 'updateCommitment',
    summary: 'Change an unsigned commitment',
    errors: ['INVALID_NATIONAL_ID', 'COMMITMENT_EXISTS', 'AGREEMENT_STATE_INVALID'],
  },
  'DELETE /api/v1/agreement-commitments/:id': {
    operationId: 'deleteCommitment',
    summary: 'Delete a commitment and its scan',
  },
  'POST /api/v1/agreement-commitments/:id/reveal': {
    operationId: 'revealNationalId',
    summary: 'The full national ID number (audited each time)',
  },
  'POST /api/v1/agreement-commitments/:id/sign': {
    operationId: 'signCommitment',
    summary: 'Record the signed paper form: the six ticks, the date and the scan (attachment)',
    errors: ['COMMITMENT_INCOMPLETE', 'AGREEMENT_COPY_INVALID'],
  },
  'POST /api/v1/agreement-commitments/:id/confirm': {
    operationId: 'confirmCommitment',
    summary: 'Accept one’s own commitment electronically',
    errors: ['COMMITMENT_NOT_YOURS', 'COMMITMENT_INCOMPLETE', 'COMMITMENT_TEXT_OUTDATED'],
  },
  'GET /api/v1/contracts/:contractId/access': {
    operationId: 'getContractAccess',
    summary: "Whether the caller may open the contract's systems and records (item 六), and why not",
  },
  'GET /api/v1/contracts/:contractId/commitment-access': {
    operationId: 'listContractCommitmentAccess',
    summary: "The contract's members, their commitment state and whether item 六 blocks them",
  },
  'GET /api/v1/agreements/:id/document': {
    operationId: 'getAgreementDocument',
    summary: '保密合約書 (with 附件一) or 附件一 alone, as DOCX or PDF',
  },
  'GET /api/v1/agreement-commitments/:id/document': {
    operationId: 'getCommitmentDocument',
    summary: '附件二 保密承諾書 as DOCX or PDF (the signer or the agreement’s managers; audited)',
  },
});
