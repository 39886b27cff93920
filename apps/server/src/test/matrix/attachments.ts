import { SAMPLES, uploadBody } from '../attachments-samples.js';
import { NO_OTHER, unique, type MatrixContext, type MatrixEntry, type MatrixRequest } from './common.js';

/** Authorization-matrix entries for the attachments routes (issue 3). */

type Side = 'a' | 'b';

/** A multipart upload of a small PDF to one side's contract. */
function uploadTo(c: MatrixContext, side: Side): Omit<MatrixRequest, 'url'> {
  const body = uploadBody({
    ownerType: 'contract',
    ownerId: c.registry[side].contract.id,
    filename: `${unique('證明文件')}.pdf`,
    content: SAMPLES.pdf,
  });
  return { payload: body.payload, headers: body.headers };
}

/** A new attachment on one side's contract, uploaded by the Ministry's admin. */
async function attachmentOf(c: MatrixContext, side: Side): Promise<string> {
  const req = uploadTo(c, side);
  const res = await c.t.app.inject({
    method: 'POST',
    url: '/api/v1/attachments',
    headers: { ...c.sessions.ministry_admin, ...req.headers },
    payload: req.payload,
  });
  if (res.statusCode !== 201) {
    throw new Error(`matrix fixture upload failed: ${res.body}`);
  }
  return (JSON.parse(res.body) as { id: string }).id;
}

const listOf = (c: MatrixContext, side: Side) =>
  `/api/v1/attachments?ownerType=contract&ownerId=${c.registry[side].contract.id}`;

export const ATTACHMENTS_MATRIX: Record<string, MatrixEntry> = {
  'POST /api/v1/attachments': {
    permission: 'attachments.manage',
    // Unit A's contract: its unit's admin, its business owner and the Ministry may add files.
    own: (c) => ({ url: '/api/v1/attachments', ...uploadTo(c, 'a') }),
    other: (c) => ({ url: '/api/v1/attachments', ...uploadTo(c, 'b') }),
  },
  'GET /api/v1/attachments/owner-types': {
    roles: 'any',
    own: () => ({ url: '/api/v1/attachments/owner-types' }),
    otherReason: NO_OTHER.catalogue,
  },
  'GET /api/v1/attachments': {
    roles: 'any',
    own: (c) => ({ url: listOf(c, 'a') }),
    other: (c) => ({ url: listOf(c, 'b') }),
  },
  'GET /api/v1/attachments/:id/download': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/attachments/${await attachmentOf(c, 'a')}/download` }),
    other: async (c) => ({ url: `/api/v1/attachments/${await attachmentOf(c, 'b')}/download` }),
  },
  'DELETE /api/v1/attachments/:id': {
    permission: 'attachments.manage',
    own: async (c) => ({ url: `/api/v1/attachments/${await attachmentOf(c, 'a')}` }),
    other: async (c) => ({ url: `/api/v1/attachments/${await attachmentOf(c, 'b')}` }),
  },
};
