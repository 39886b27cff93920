import { randomUUID } from 'node:crypto';
import type { Role } from '@custodian/shared';
import { agreementCommitments, agreements, agreementStaff, attachments } from '../../db/schema/index.js';
import { makeContract } from '../../db/registry-factories.js';
import { encryptField, sha256Hex } from '../../lib/crypto.js';
import { COMMITMENT_TEXT_VERSION } from '../../modules/agreements/agreements.rules.js';
import { listShowsB, NO_OTHER, ROLE_USERS, unique, type MatrixContext, type MatrixEntry } from './common.js';
import { unitOf, type Side } from './records.js';

/**
 * Authorization-matrix entries for confidentiality agreements (item 六, issue 10). Every
 * probe works on a fresh contract of its side, so that no agreement lands on the shared
 * matrix contracts (an agreement there would make item 六 refuse unit A's member the
 * systems probes). Records are written directly: no audit events, no rule checks.
 */

async function freshContract(c: MatrixContext, side: Side) {
  return makeContract(c.t.db.db, {
    unitId: unitOf(c, side),
    divisionId: c.w.orgs.division.id,
    ownerUserId: side === 'a' ? c.w.users.ministryOwner.id : null,
    name: unique('保密合約矩陣案'),
  });
}

async function freshAgreement(c: MatrixContext, side: Side, status: 'draft' | 'generated' = 'draft') {
  const contract = await freshContract(c, side);
  const [row] = await c.t.db.db
    .insert(agreements)
    .values({
      contractId: contract.id,
      orgId: contract.unitId,
      partyAName: '教育部',
      partyBName: side === 'a' ? '國立甲大學' : '國立乙大學',
      purpose: unique('系統維護'),
      termYears: 3,
      policyVersionId: contract.policyVersionId,
      court: '臺灣臺北地方法院',
      emailRetentionMonths: 6,
      status,
    })
    .returning();
  if (!row) {
    throw new Error('no agreement');
  }
  return row;
}

async function freshStaff(c: MatrixContext, agreementId: string, userId: string | null = null) {
  const [row] = await c.t.db.db
    .insert(agreementStaff)
    .values({ agreementId, name: unique('人員'), title: '工程師', work: '維護', userId })
    .returning({ id: agreementStaff.id });
  return row?.id ?? 'missing';
}

async function freshCommitment(c: MatrixContext, side: Side, userId: string | null = null) {
  const agreement = await freshAgreement(c, side);
  const staffId = await freshStaff(c, agreement.id, userId);
  const [row] = await c.t.db.db
    .insert(agreementCommitments)
    .values({
      agreementId: agreement.id,
      staffId,
      name: '王小明',
      title: '工程師',
      address: '臺北市',
      nationalIdEnc: encryptField(c.t.keys, 'A123456789'),
      nationalIdHash: randomUUID(),
      nationalIdMasked: 'A12****789',
      policyVersionId: agreement.policyVersionId,
    })
    .returning({ id: agreementCommitments.id });
  return row?.id ?? 'missing';
}

/** A scan attached to a record, as the attachments module stores it (the bytes are not read). */
async function freshScan(c: MatrixContext, side: Side, ownerType: string, ownerId: string) {
  const [row] = await c.t.db.db
    .insert(attachments)
    .values({
      orgId: unitOf(c, side),
      ownerType,
      ownerId,
      storageKey: randomUUID(),
      fileName: 'signed.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 100,
      sha256: sha256Hex(randomUUID()),
    })
    .returning({ id: attachments.id });
  return row?.id ?? 'missing';
}

async function signRequest(c: MatrixContext, side: Side) {
  const agreement = await freshAgreement(c, side, 'generated');
  return {
    url: `/api/v1/agreements/${agreement.id}/sign`,
    payload: {
      signedOn: '2026-11-24',
      partyACopyAttachmentId: await freshScan(c, side, 'agreement', agreement.id),
      partyBCopyAttachmentId: await freshScan(c, side, 'agreement', agreement.id),
    },
  };
}

async function signCommitmentRequest(c: MatrixContext, side: Side) {
  const id = await freshCommitment(c, side);
  return {
    url: `/api/v1/agreement-commitments/${id}/sign`,
    payload: {
      signedOn: '2026-11-24',
      accepted: [true, true, true, true, true, true],
      scanAttachmentId: await freshScan(c, side, 'agreement_commitment', id),
    },
  };
}

const confirmPayload = { accepted: [true, true, true, true, true, true], textVersion: COMMITMENT_TEXT_VERSION };
const userOf = (c: MatrixContext, role: Role) => c.w.users[ROLE_USERS[role]].id;
const staffPayload = () => ({ name: unique('人員'), title: '工程師', work: '系統維護' });

export const AGREEMENTS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/agreements': {
    roles: 'any',
    own: () => ({ url: '/api/v1/agreements' }),
    other: async (c) => {
      await freshAgreement(c, 'b');
      return { url: '/api/v1/agreements?pageSize=100', showsB: listShowsB(c, 'orgId') };
    },
  },
  'GET /api/v1/agreements/commitment-text': {
    roles: 'any',
    own: () => ({ url: '/api/v1/agreements/commitment-text' }),
    otherReason: 'the text of the six commitments is the same for every organisation',
  },
  'GET /api/v1/agreements/my-commitments': {
    roles: 'any',
    own: () => ({ url: '/api/v1/agreements/my-commitments' }),
    otherReason: NO_OTHER.self,
  },
  'GET /api/v1/agreements/:id': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'a')).id}` }),
    other: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'b')).id}` }),
  },
  'POST /api/v1/agreements': {
    permission: 'agreement.manage',
    own: async (c) => ({
      url: '/api/v1/agreements',
      payload: { contractId: (await freshContract(c, 'a')).id, partyAName: '教育部', purpose: unique('維護') },
    }),
    other: async (c) => ({
      url: '/api/v1/agreements',
      payload: { contractId: (await freshContract(c, 'b')).id, partyAName: '教育部', purpose: unique('維護') },
    }),
  },
  'PATCH /api/v1/agreements/:id': {
    permission: 'agreement.manage',
    own: async (c) => ({
      url: `/api/v1/agreements/${(await freshAgreement(c, 'a')).id}`,
      payload: { purpose: unique('維護') },
    }),
    other: async (c) => ({
      url: `/api/v1/agreements/${(await freshAgreement(c, 'b')).id}`,
      payload: { purpose: unique('維護') },
    }),
  },
  'DELETE /api/v1/agreements/:id': {
    permission: 'agreement.manage',
    own: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'a')).id}` }),
    other: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'b')).id}` }),
  },
  'POST /api/v1/agreements/:id/sign': {
    permission: 'agreement.manage',
    own: (c) => signRequest(c, 'a'),
    other: (c) => signRequest(c, 'b'),
  },
  'GET /api/v1/agreements/:id/staff': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'a')).id}/staff` }),
    other: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'b')).id}/staff` }),
  },
  'POST /api/v1/agreements/:id/staff': {
    permission: 'agreement.manage',
    own: async (c) => ({
      url: `/api/v1/agreements/${(await freshAgreement(c, 'a')).id}/staff`,
      payload: staffPayload(),
    }),
    other: async (c) => ({
      url: `/api/v1/agreements/${(await freshAgreement(c, 'b')).id}/staff`,
      payload: staffPayload(),
    }),
  },
  'PATCH /api/v1/agreements/:id/staff/:staffId': {
    permission: 'agreement.manage',
    own: async (c) => {
      const agreement = await freshAgreement(c, 'a');
      return {
        url: `/api/v1/agreements/${agreement.id}/staff/${await freshStaff(c, agreement.id)}`,
        payload: { title: unique('職稱') },
      };
    },
    other: async (c) => {
      const agreement = await freshAgreement(c, 'b');
      return {
        url: `/api/v1/agreements/${agreement.id}/staff/${await freshStaff(c, agreement.id)}`,
        payload: { title: unique('職稱') },
      };
    },
  },
  'DELETE /api/v1/agreements/:id/staff/:staffId': {
    permission: 'agreement.manage',
    own: async (c) => {
      const agreement = await freshAgreement(c, 'a');
      return { url: `/api/v1/agreements/${agreement.id}/staff/${await freshStaff(c, agreement.id)}` };
    },
    other: async (c) => {
      const agreement = await freshAgreement(c, 'b');
      return { url: `/api/v1/agreements/${agreement.id}/staff/${await freshStaff(c, agreement.id)}` };
    },
  },
  'GET /api/v1/agreements/:id/commitments': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'a')).id}/commitments` }),
    other: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'b')).id}/commitments` }),
  },
  'POST /api/v1/agreements/:id/commitments': {
    permission: 'agreement.manage',
    own: async (c) => {
      const agreement = await freshAgreement(c, 'a');
      return {
        url: `/api/v1/agreements/${agreement.id}/commitments`,
        payload: { staffId: await freshStaff(c, agreement.id), address: '臺北市', nationalId: 'A123456789' },
      };
    },
    other: async (c) => {
      const agreement = await freshAgreement(c, 'b');
      return {
        url: `/api/v1/agreements/${agreement.id}/commitments`,
        payload: { staffId: await freshStaff(c, agreement.id), address: '臺北市', nationalId: 'A123456789' },
      };
    },
  },
  'GET /api/v1/agreement-commitments': {
    roles: 'any',
    own: () => ({ url: '/api/v1/agreement-commitments' }),
    other: async (c) => {
      await freshCommitment(c, 'b');
      return { url: '/api/v1/agreement-commitments?pageSize=100', showsB: listShowsB(c, 'orgId') };
    },
  },
  'GET /api/v1/agreement-commitments/:id': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'a')}` }),
    other: async (c) => ({ url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'b')}` }),
  },
  'PATCH /api/v1/agreement-commitments/:id': {
    permission: 'agreement.manage',
    own: async (c) => ({
      url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'a')}`,
      payload: { address: unique('臺北市') },
    }),
    other: async (c) => ({
      url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'b')}`,
      payload: { address: unique('臺北市') },
    }),
  },
  'DELETE /api/v1/agreement-commitments/:id': {
    permission: 'agreement.manage',
    own: async (c) => ({ url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'a')}` }),
    other: async (c) => ({ url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'b')}` }),
  },
  'POST /api/v1/agreement-commitments/:id/reveal': {
    permission: 'commitment.reveal',
    own: async (c) => ({ url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'a')}/reveal`, payload: {} }),
    other: async (c) => ({ url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'b')}/reveal`, payload: {} }),
  },
  'POST /api/v1/agreement-commitments/:id/sign': {
    permission: 'agreement.manage',
    own: (c) => signCommitmentRequest(c, 'a'),
    other: (c) => signCommitmentRequest(c, 'b'),
  },
  'POST /api/v1/agreement-commitments/:id/confirm': {
    permission: 'commitment.confirm',
    own: async (c, role) => ({
      url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'a', userOf(c, role))}/confirm`,
      payload: confirmPayload,
    }),
    other: async (c) => ({
      url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'b', c.w.users.unitMemberB.id)}/confirm`,
      payload: confirmPayload,
    }),
  },
  'GET /api/v1/contracts/:contractId/access': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/contracts/${(await freshContract(c, 'a')).id}/access` }),
    other: async (c) => ({ url: `/api/v1/contracts/${(await freshContract(c, 'b')).id}/access` }),
  },
  'GET /api/v1/contracts/:contractId/commitment-access': {
    permission: 'agreement.manage',
    own: async (c) => ({ url: `/api/v1/contracts/${(await freshContract(c, 'a')).id}/commitment-access` }),
    other: async (c) => ({ url: `/api/v1/contracts/${(await freshContract(c, 'b')).id}/commitment-access` }),
  },
  'GET /api/v1/agreements/:id/document': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'a')).id}/document?format=docx` }),
    other: async (c) => ({ url: `/api/v1/agreements/${(await freshAgreement(c, 'b')).id}/document?format=docx` }),
  },
  'GET /api/v1/agreement-commitments/:id/document': {
    roles: 'any',
    // The signer themself may render their own form, whatever their role.
    own: async (c, role) => ({
      url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'a', userOf(c, role))}/document?format=docx`,
    }),
    other: async (c) => ({
      url: `/api/v1/agreement-commitments/${await freshCommitment(c, 'b')}/document?format=docx`,
    }),
  },
};
