import { listShowsB, unique, type MatrixEntry } from './common.js';
import { makeQualification } from './records.js';

/**
 * Authorization-matrix entries for the vendor-qualification routes (item 三十九). Reads use
 * one of unit A's own certificates (every role sees unit A; a unit_member sees only its own
 * organisation, not vendor A); writes use vendor A's; probes aim at unit B's.
 */
export const VENDORS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/vendor-qualifications': {
    roles: 'any',
    own: () => ({ url: '/api/v1/vendor-qualifications' }),
    other: async (c) => {
      await makeQualification(c, c.w.orgs.unitB.id);
      return { url: '/api/v1/vendor-qualifications?pageSize=100', showsB: listShowsB(c, 'orgId') };
    },
  },
  'GET /api/v1/vendor-qualifications/summary': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/vendor-qualifications/summary?orgId=${c.w.orgs.unitA.id}` }),
    other: (c) => ({ url: `/api/v1/vendor-qualifications/summary?orgId=${c.w.orgs.unitB.id}` }),
  },
  'GET /api/v1/vendor-qualifications/:id': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/vendor-qualifications/${await makeQualification(c, c.w.orgs.unitA.id)}` }),
    other: async (c) => ({
      url: `/api/v1/vendor-qualifications/${await makeQualification(c, c.w.orgs.unitB.id)}`,
    }),
  },
  'POST /api/v1/vendor-qualifications': {
    permission: 'vendors.manage',
    own: (c) => ({
      url: '/api/v1/vendor-qualifications',
      payload: { orgId: c.w.orgs.vendorA.id, kind: 'iso27001', name: unique('ISO 27001'), expiresOn: '2030-12-31' },
    }),
    other: (c) => ({
      url: '/api/v1/vendor-qualifications',
      payload: { orgId: c.w.orgs.unitB.id, kind: 'iso27001', name: unique('ISO 27001'), expiresOn: '2030-12-31' },
    }),
  },
  'PATCH /api/v1/vendor-qualifications/:id': {
    permission: 'vendors.manage',
    own: async (c) => ({
      url: `/api/v1/vendor-qualifications/${await makeQualification(c, c.w.orgs.vendorA.id)}`,
      payload: { issuer: unique('驗證機構') },
    }),
    other: async (c) => ({
      url: `/api/v1/vendor-qualifications/${await makeQualification(c, c.w.orgs.unitB.id)}`,
      payload: { issuer: unique('驗證機構') },
    }),
  },
  'DELETE /api/v1/vendor-qualifications/:id': {
    permission: 'vendors.manage',
    own: async (c) => ({ url: `/api/v1/vendor-qualifications/${await makeQualification(c, c.w.orgs.vendorA.id)}` }),
    other: async (c) => ({ url: `/api/v1/vendor-qualifications/${await makeQualification(c, c.w.orgs.unitB.id)}` }),
  },
};
