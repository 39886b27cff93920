import { CONTACT_KINDS } from '@custodian/shared';
import { makeAllocation, makeContact, makeSystem } from '../../db/registry-factories.js';
import { MANAGERS, excludesUnitB, nextCounter, unique, type MatrixContext, type MatrixEntry } from './common.js';

/**
 * A fresh online system of unit A, so that decommissioning and confirming never touch the
 * shared matrix records other areas rely on. With `contacts`, all three contacts are filled.
 */
async function freshSystem(c: MatrixContext, options: { contacts?: boolean; allocation?: boolean } = {}) {
  const system = await makeSystem(c.t.db.db, {
    orgId: c.w.orgs.unitA.id,
    name: unique('矩陣系統'),
    status: 'online',
    launchDate: '2025-01-01',
  });
  if (options.contacts) {
    for (const kind of CONTACT_KINDS) {
      await makeContact(c.t.db.db, { systemId: system.id, kind });
    }
  }
  if (options.allocation) {
    const value = `2001:db8:${nextCounter().toString(16)}:5e5::/64`;
    await makeAllocation(c.t.db.db, {
      systemId: system.id,
      orgId: c.w.orgs.unitA.id,
      kind: 'ipv6',
      value,
      network: value,
    });
  }
  return system.id;
}

const contact = () => ({
  name: '王小明',
  organisation: '國立甲大學',
  title: '組長',
  phone: '02-2345-6789 #123',
  email: `${unique('contact')}@a.edu.tw`,
});

/** Authorization-matrix entries for the systems and hosts routes (items 四, 十, 十三). */
export const SYSTEMS_MATRIX: Record<string, MatrixEntry> = {
  'GET /api/v1/systems': {
    roles: 'any',
    own: () => ({ url: '/api/v1/systems?contactsOverdue=true' }),
    other: (c) => ({ url: '/api/v1/systems?pageSize=100', check: excludesUnitB(c, 'orgId') }),
  },
  'GET /api/v1/systems/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/systems/${c.registry.a.system.id}` }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}` }),
  },
  'POST /api/v1/systems': {
    roles: MANAGERS,
    own: (c) => ({
      url: '/api/v1/systems',
      payload: {
        orgId: c.w.orgs.unitA.id,
        name: unique('矩陣新系統'),
        urls: ['https://matrix.a.edu.tw/'],
        contractIds: [c.registry.a.contract.id],
        hostIds: [c.registry.a.host.id],
      },
    }),
    other: (c) => ({ url: '/api/v1/systems', payload: { orgId: c.w.orgs.unitB.id, name: unique('越權') } }),
  },
  'PATCH /api/v1/systems/:id': {
    roles: MANAGERS,
    own: (c) => ({ url: `/api/v1/systems/${c.registry.a.system.id}`, payload: { description: unique('說明') } }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}`, payload: { description: 'hijack' } }),
  },
  'POST /api/v1/systems/:id/decommission': {
    roles: MANAGERS,
    own: async (c) => ({
      url: `/api/v1/systems/${await freshSystem(c, { allocation: true })}/decommission`,
      payload: { date: '2026-01-15', reason: '矩陣測試下線' },
    }),
    other: (c) => ({
      url: `/api/v1/systems/${c.registry.b.system.id}/decommission`,
      payload: { date: '2026-01-15', reason: 'hijack' },
    }),
  },
  'GET /api/v1/systems/:id/contacts': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/systems/${c.registry.a.system.id}/contacts` }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}/contacts` }),
  },
  'PUT /api/v1/systems/:id/contacts/:kind': {
    roles: MANAGERS,
    own: (c) => ({ url: `/api/v1/systems/${c.registry.a.system.id}/contacts/business_owner`, payload: contact() }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}/contacts/business_owner`, payload: contact() }),
  },
  'POST /api/v1/systems/:id/contacts/confirm': {
    roles: MANAGERS,
    own: async (c) => ({ url: `/api/v1/systems/${await freshSystem(c, { contacts: true })}/contacts/confirm` }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}/contacts/confirm` }),
  },
  'POST /api/v1/systems/contacts/confirm': {
    roles: MANAGERS,
    own: async (c) => ({
      url: '/api/v1/systems/contacts/confirm',
      payload: { systemIds: [await freshSystem(c, { contacts: true }), await freshSystem(c, { contacts: true })] },
    }),
    other: async (c) => ({
      url: '/api/v1/systems/contacts/confirm',
      payload: { systemIds: [await freshSystem(c, { contacts: true }), c.registry.b.system.id] },
    }),
  },
  'GET /api/v1/systems/contacts/overdue-summary': {
    roles: ['ministry_admin', 'auditor', 'ministry_owner'],
    own: () => ({ url: '/api/v1/systems/contacts/overdue-summary' }),
  },

  'GET /api/v1/hosts': {
    roles: 'any',
    own: () => ({ url: '/api/v1/hosts?q=web' }),
    other: (c) => ({ url: '/api/v1/hosts?pageSize=100', check: excludesUnitB(c, 'orgId') }),
  },
  'GET /api/v1/hosts/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/hosts/${c.registry.a.host.id}` }),
    other: (c) => ({ url: `/api/v1/hosts/${c.registry.b.host.id}` }),
  },
  'POST /api/v1/hosts': {
    roles: MANAGERS,
    own: (c) => ({
      url: '/api/v1/hosts',
      payload: {
        orgId: c.w.orgs.unitA.id,
        hostname: unique('matrix-web'),
        ips: ['192.0.2.80'],
        systemIds: [c.registry.a.system.id],
      },
    }),
    other: (c) => ({ url: '/api/v1/hosts', payload: { orgId: c.w.orgs.unitB.id, hostname: unique('hijack') } }),
  },
  'PATCH /api/v1/hosts/:id': {
    roles: MANAGERS,
    own: (c) => ({ url: `/api/v1/hosts/${c.registry.a.host.id}`, payload: { notes: unique('備註') } }),
    other: (c) => ({ url: `/api/v1/hosts/${c.registry.b.host.id}`, payload: { notes: 'hijack' } }),
  },
};
