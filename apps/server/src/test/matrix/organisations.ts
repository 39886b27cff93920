import { makeUser } from '../../db/factories.js';
import { listShowsB, ownOrgId, unique, type MatrixEntry } from './common.js';
import { freshUser } from './records.js';

/** Authorization-matrix entries for the organisation and user routes (items 二, 十四). */
export const ORGANISATIONS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/organisations': {
    roles: 'any',
    own: () => ({ url: '/api/v1/organisations' }),
    other: (c) => ({ url: '/api/v1/organisations?pageSize=100', showsB: listShowsB(c, 'id') }),
  },
  'GET /api/v1/organisations/:id': {
    roles: 'any',
    own: (c, role) => ({ url: `/api/v1/organisations/${ownOrgId(c, role)}` }),
    other: (c) => ({ url: `/api/v1/organisations/${c.w.orgs.unitB.id}` }),
  },
  'POST /api/v1/organisations': {
    permission: 'organisations.manage',
    own: (c) => ({
      url: '/api/v1/organisations',
      payload: { kind: 'vendor', code: unique('V'), name: '矩陣測試廠商', parentId: c.w.orgs.unitA.id },
    }),
    other: (c) => ({
      url: '/api/v1/organisations',
      payload: { kind: 'vendor', code: unique('VB'), name: '乙資訊有限公司', parentId: c.w.orgs.unitB.id },
    }),
  },
  'PATCH /api/v1/organisations/:id': {
    permission: 'organisations.manage',
    own: (c) => ({ url: `/api/v1/organisations/${c.w.orgs.vendorA.id}`, payload: { nameEn: 'Vendor A' } }),
    other: (c) => ({ url: `/api/v1/organisations/${c.w.orgs.unitB.id}`, payload: { nameEn: 'University B' } }),
  },

  'GET /api/v1/users': {
    roles: 'any',
    own: () => ({ url: '/api/v1/users' }),
    other: (c) => ({
      url: `/api/v1/users?pageSize=100&q=${encodeURIComponent('b.edu.tw')}`,
      showsB: listShowsB(c, 'orgId'),
    }),
  },
  'GET /api/v1/users/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/users/${c.w.users.unitMemberA.id}` }),
    other: (c) => ({ url: `/api/v1/users/${c.w.users.unitMemberB.id}` }),
  },
  'POST /api/v1/users': {
    permission: 'users.manage',
    own: (c) => ({
      url: '/api/v1/users',
      payload: { email: `${unique('m')}@a.edu.tw`, name: '矩陣', role: 'unit_member', orgId: c.w.orgs.unitA.id },
    }),
    other: (c) => ({
      url: '/api/v1/users',
      payload: { email: `${unique('b')}@b.edu.tw`, name: '乙', role: 'unit_member', orgId: c.w.orgs.unitB.id },
    }),
  },
  'PATCH /api/v1/users/:id': {
    permission: 'users.manage',
    own: (c) => ({ url: `/api/v1/users/${c.w.users.vendorMemberA.id}`, payload: { name: '廠商人員' } }),
    other: async (c) => ({
      url: `/api/v1/users/${await freshUser(c, c.w.orgs.unitB.id)}`,
      payload: { isActive: false },
    }),
  },
  'POST /api/v1/users/:id/invite': {
    permission: 'users.manage',
    own: async (c) => {
      const invited = await makeUser(c.t.db.db, { orgId: c.w.orgs.vendorA.id, role: 'unit_member', password: null });
      return { url: `/api/v1/users/${invited.id}/invite` };
    },
    other: async (c) => ({ url: `/api/v1/users/${await freshUser(c, c.w.orgs.unitB.id, { password: null })}/invite` }),
  },
};
