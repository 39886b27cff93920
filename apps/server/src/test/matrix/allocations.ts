import { expect } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { allocationRenewals } from '../../db/schema/index.js';
import { makeAllocation } from '../../db/registry-factories.js';
import { MANAGERS, nextCounter, type MatrixContext, type MatrixEntry } from './common.js';

/** A documentation range (2001:db8::/32) no other entry hands out: one /64 per call. */
function freshRange(): string {
  return `2001:db8:${nextCounter().toString(16)}:a110::/64`;
}

/** A fresh active allocation on unit A's matrix system. */
async function freshAllocation(c: MatrixContext): Promise<string> {
  const value = freshRange();
  const row = await makeAllocation(c.t.db.db, {
    systemId: c.registry.a.system.id,
    orgId: c.w.orgs.unitA.id,
    kind: 'ipv6',
    value,
    network: value,
  });
  return row.id;
}

/** A pending renewal request on a fresh allocation of unit A, or of unit B's matrix allocation. */
async function pendingRenewal(c: MatrixContext, unit: 'a' | 'b'): Promise<string> {
  const allocationId = unit === 'a' ? await freshAllocation(c) : c.registry.b.allocation.id;
  const [row] = await c.t.db.db
    .insert(allocationRenewals)
    .values({ allocationId, reason: 'matrix', requestedBy: c.w.users.unitAdminA.id })
    .onConflictDoNothing()
    .returning({ id: allocationRenewals.id });
  if (row) {
    return row.id;
  }
  // Unit B's request already exists from an earlier probe.
  const [existing] = await c.t.db.db
    .select({ id: allocationRenewals.id })
    .from(allocationRenewals)
    .where(and(eq(allocationRenewals.allocationId, allocationId), eq(allocationRenewals.status, 'pending')));
  return existing?.id ?? 'missing';
}

/** Authorization-matrix entries for the allocations routes (item 十一). */
export const ALLOCATIONS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/allocations': {
    roles: 'any',
    own: () => ({ url: '/api/v1/allocations' }),
    other: (c) => ({
      url: `/api/v1/allocations?orgId=${c.w.orgs.unitB.id}`,
      check: (res, label) => {
        expect(res.statusCode, label).toBe(200);
        expect((JSON.parse(res.body) as { total: number }).total, label).toBe(0);
      },
    }),
  },
  'GET /api/v1/allocations/period': {
    roles: 'any',
    own: () => ({ url: '/api/v1/allocations/period?startsOn=2024-02-29' }),
  },
  'GET /api/v1/allocations/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/allocations/${c.registry.a.allocation.id}` }),
    other: (c) => ({ url: `/api/v1/allocations/${c.registry.b.allocation.id}` }),
  },
  'POST /api/v1/allocations': {
    roles: MANAGERS,
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
    roles: MANAGERS,
    own: async (c) => ({ url: `/api/v1/allocations/${await freshAllocation(c)}/release`, payload: { reason: '測試' } }),
    other: (c) => ({ url: `/api/v1/allocations/${c.registry.b.allocation.id}/release`, payload: { reason: '測試' } }),
  },
  'POST /api/v1/allocations/:id/renewals': {
    roles: MANAGERS,
    own: async (c) => ({
      url: `/api/v1/allocations/${await freshAllocation(c)}/renewals`,
      payload: { reason: '續用' },
    }),
    other: (c) => ({ url: `/api/v1/allocations/${c.registry.b.allocation.id}/renewals`, payload: { reason: '續用' } }),
  },
  'GET /api/v1/allocation-renewals': {
    roles: 'any',
    own: () => ({ url: '/api/v1/allocation-renewals' }),
    other: async (c) => {
      await pendingRenewal(c, 'b');
      return {
        url: '/api/v1/allocation-renewals',
        check: (res, label) => {
          expect(res.statusCode, label).toBe(200);
          const items = (JSON.parse(res.body) as { items: { allocation: { orgId: string } }[] }).items;
          expect(
            items.filter((i) => i.allocation.orgId === c.w.orgs.unitB.id),
            label,
          ).toEqual([]);
        },
      };
    },
  },
  'POST /api/v1/allocation-renewals/:id/approve': {
    roles: ['ministry_admin'],
    own: async (c) => ({ url: `/api/v1/allocation-renewals/${await pendingRenewal(c, 'a')}/approve`, payload: {} }),
    other: async (c) => ({ url: `/api/v1/allocation-renewals/${await pendingRenewal(c, 'b')}/approve`, payload: {} }),
  },
  'POST /api/v1/allocation-renewals/:id/reject': {
    roles: ['ministry_admin'],
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
