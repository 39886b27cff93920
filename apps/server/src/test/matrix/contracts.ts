import { eq } from 'drizzle-orm';
import { contracts, riskAssessments } from '../../db/schema/index.js';
import { listShowsB, unique, type MatrixContext, type MatrixEntry } from './common.js';

/** Authorization-matrix entries for the contracts routes (issue 3). */

const contractA = (c: MatrixContext) => c.registry.a.contract.id;
const contractB = (c: MatrixContext) => c.registry.b.contract.id;

/** Gives a contract an unacknowledged notice of duties, so the acknowledgement can be tried. */
async function withUnacknowledgedNotice(c: MatrixContext, id: string): Promise<void> {
  await c.t.db.db
    .update(contracts)
    .set({
      dutyNoticeSentAt: new Date(),
      dutyNoticeMethod: 'written',
      dutyAcknowledgedAt: null,
      dutyAcknowledgedBy: null,
    })
    .where(eq(contracts.id, id));
}

async function assessmentOf(c: MatrixContext, contractId: string): Promise<string> {
  const [row] = await c.t.db.db
    .insert(riskAssessments)
    .values({ contractId, assessedOn: '2026-01-05', assessor: '資安小組', risks: ['data_loss'], level: 'low' })
    .returning({ id: riskAssessments.id });
  return row?.id ?? 'missing';
}

const riskPayload = {
  assessedOn: '2026-01-05',
  assessor: '資安小組',
  risks: ['password_cracking', 'data_loss'],
  level: 'medium',
};

export const CONTRACTS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/contracts': {
    roles: 'any',
    own: () => ({ url: '/api/v1/contracts' }),
    other: (c) => ({ url: '/api/v1/contracts?pageSize=100', showsB: listShowsB(c, 'unitId') }),
  },
  'GET /api/v1/contracts/party-options': {
    permission: 'contract.manage',
    own: () => ({ url: '/api/v1/contracts/party-options' }),
    otherReason: 'the Ministry’s divisions and business owners, the same list for every unit',
  },
  'GET /api/v1/contracts/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/contracts/${contractA(c)}` }),
    other: (c) => ({ url: `/api/v1/contracts/${contractB(c)}` }),
  },
  'POST /api/v1/contracts': {
    permission: 'contract.manage',
    own: (c) => ({
      url: '/api/v1/contracts',
      payload: {
        number: unique('MATRIX-C'),
        name: '矩陣測試委辦案',
        type: 'commission',
        divisionId: c.w.orgs.division.id,
        ownerUserId: c.w.users.ministryOwner.id,
        unitId: c.w.orgs.unitA.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    }),
    other: (c) => ({
      url: '/api/v1/contracts',
      payload: {
        number: unique('MATRIX-CB'),
        name: '乙委辦案',
        type: 'commission',
        divisionId: c.w.orgs.division.id,
        unitId: c.w.orgs.unitB.id,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      },
    }),
  },
  'PATCH /api/v1/contracts/:id': {
    permission: 'contract.manage',
    own: (c) => ({ url: `/api/v1/contracts/${contractA(c)}`, payload: { notes: unique('note') } }),
    other: (c) => ({ url: `/api/v1/contracts/${contractB(c)}`, payload: { notes: unique('note') } }),
  },
  'PUT /api/v1/contracts/:id/clauses': {
    permission: 'contract.manage',
    own: (c) => ({
      url: `/api/v1/contracts/${contractA(c)}/clauses`,
      payload: { items: [{ code: 'item12_1', status: 'present', articleRef: '第 3 條' }] },
    }),
    other: (c) => ({
      url: `/api/v1/contracts/${contractB(c)}/clauses`,
      payload: { items: [{ code: 'item12_1', status: 'present' }] },
    }),
  },
  'PUT /api/v1/contracts/:id/clauses/:code': {
    permission: 'contract.manage',
    own: (c) => ({ url: `/api/v1/contracts/${contractA(c)}/clauses/item12_2`, payload: { status: 'absent' } }),
    other: (c) => ({ url: `/api/v1/contracts/${contractB(c)}/clauses/item12_2`, payload: { status: 'present' } }),
  },
  'POST /api/v1/contracts/:id/reevaluate': {
    permission: 'contract.reevaluate',
    own: (c) => ({ url: `/api/v1/contracts/${contractA(c)}/reevaluate` }),
    other: (c) => ({ url: `/api/v1/contracts/${contractB(c)}/reevaluate` }),
  },
  'POST /api/v1/contracts/:id/duty-notice': {
    permission: 'contract.notify',
    own: (c) => ({
      url: `/api/v1/contracts/${contractA(c)}/duty-notice`,
      payload: { sentAt: new Date().toISOString(), method: 'electronic' },
    }),
    other: (c) => ({
      url: `/api/v1/contracts/${contractB(c)}/duty-notice`,
      payload: { sentAt: new Date().toISOString(), method: 'written' },
    }),
  },
  'POST /api/v1/contracts/:id/duty-notice/acknowledge': {
    permission: 'contract.acknowledge',
    own: async (c) => {
      await withUnacknowledgedNotice(c, contractA(c));
      return { url: `/api/v1/contracts/${contractA(c)}/duty-notice/acknowledge` };
    },
    other: async (c) => {
      await withUnacknowledgedNotice(c, contractB(c));
      return { url: `/api/v1/contracts/${contractB(c)}/duty-notice/acknowledge` };
    },
  },
  'POST /api/v1/contracts/:id/risk-assessments': {
    permission: 'contract.manage',
    own: (c) => ({ url: `/api/v1/contracts/${contractA(c)}/risk-assessments`, payload: riskPayload }),
    other: (c) => ({ url: `/api/v1/contracts/${contractB(c)}/risk-assessments`, payload: riskPayload }),
  },
  'PATCH /api/v1/contracts/:id/risk-assessments/:assessmentId': {
    permission: 'contract.manage',
    own: async (c) => ({
      url: `/api/v1/contracts/${contractA(c)}/risk-assessments/${await assessmentOf(c, contractA(c))}`,
      payload: { level: 'high' },
    }),
    other: async (c) => ({
      url: `/api/v1/contracts/${contractB(c)}/risk-assessments/${await assessmentOf(c, contractB(c))}`,
      payload: { level: 'high' },
    }),
  },
};
