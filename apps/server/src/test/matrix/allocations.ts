import { itemsOf, type MatrixEntry } from './common.js';
import { freshAllocation, freshRange, pendingRenewal } from './records.js';

/** Authorization-matrix entries for the allocations routes (item 十一). */
export const ALLOCATIONS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/allocations': {
    roles: 'any',
    own: () => ({ url: '/api/v1/allocations' }),
    other: (c) => ({
      url: `/api/v1/allocations?orgId=${c.w.orgs.unitB.id}`,
      showsB: (res) => (JSON.parse(res.body) as { total: number }).total > 0,
    }),
  },
  'GET /api/v1/allocations/period': {
    roles: 'any',
    own: () => ({ url: '/api/v1/allocations/period?startsOn=2024-02-29' }),
    otherReason: 'computes a period from a date; reads no record',
  },
  'GET /api/v1/allocations/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/allocations/${c.registry.a.allocation.id}` }),
    other: (c) => ({ url: `/api/v1/allocations/${c.registry.b.allocation.id}` }),
  },
  'POST /api/v1/allocations': {
    permission: 'allocation.manage',
    own: (c) => ({
      url: '/api/v1/allocations',
      payload: { systemId: c.registry.a.system.id, value: freshRange(), startsOn: '2026-01-01' },
    }),
    other: (c) => ({
      url: '/api/v1/allocations',
      payload: { systemId: c.registry.b.system.id, value: freshRange(), startsOn: '2026-01-01' },
    }),
  },
  'POST /api/v1/allocations/:id/release': {
    permission: 'allocation.manage',
    own: async (c) => ({
      url: `/api/v1/allocations/${await freshAllocation(c, 'a')}/release`,
      payload: { reason: '測試' },
    }),
    other: async (c) => ({
      url: `/api/v1/allocations/${await freshAllocation(c, 'b')}/release`,
      payload: { reason: '測試' },
    }),
  },
  'POST /api/v1/allocations/:id/renewals': {
    permission: 'allocation.manage',
    own: async (c) => ({
      url: `/api/v1/allocations/${await freshAllocation(c, 'a')}/renewals`,
      payload: { reason: '續用' },
    }),
    other: async (c) => ({
      url: `/api/v1/allocations/${await freshAllocation(c, 'b')}/renewals`,
      payload: { reason: '續用' },
    }),
  },
  'GET /api/v1/allocation-renewals': {
    roles: 'any',
    own: () => ({ url: '/api/v1/allocation-renewals' }),
    other: async (c) => {
      await pendingRenewal(c, 'b');
      return {
        url: '/api/v1/allocation-renewals?pageSize=100',
        showsB: (res) =>
          itemsOf<{ allocation: { orgId: string } }>(res).some((i) => i.allocation.orgId === c.w.orgs.unitB.id),
      };
    },
  },
  'POST /api/v1/allocation-renewals/:id/approve': {
    permission: 'allocation.approve',
    own: async (c) => ({ url: `/api/v1/allocation-renewals/${await pendingRenewal(c, 'a')}/approve`, payload: {} }),
    other: async (c) => ({ url: `/api/v1/allocation-renewals/${await pendingRenewal(c, 'b')}/approve`, payload: {} }),
  },
  'POST /api/v1/allocation-renewals/:id/reject': {
    permission: 'allocation.approve',
    own: async (c) => ({
      url: `/api/v1/allocation-renewals/${await pendingRenewal(c, 'a')}/reject`,
      payload: { note: '不符規定' },
    }),
    other: async (c) => ({
      url: `/api/v1/allocation-renewals/${await pendingRenewal(c, 'b')}/reject`,
      payload: { note: '不符規定' },
    }),
  },
};
