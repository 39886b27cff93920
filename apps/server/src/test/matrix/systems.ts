import { listShowsB, unique, type MatrixEntry } from './common.js';
import { freshSystem } from './records.js';

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
    other: (c) => ({ url: '/api/v1/systems?pageSize=100', showsB: listShowsB(c, 'orgId') }),
  },
  'GET /api/v1/systems/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/systems/${c.registry.a.system.id}` }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}` }),
  },
  'POST /api/v1/systems': {
    permission: 'system.manage',
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
    other: (c) => ({ url: '/api/v1/systems', payload: { orgId: c.w.orgs.unitB.id, name: unique('乙系統') } }),
  },
  'PATCH /api/v1/systems/:id': {
    permission: 'system.manage',
    own: (c) => ({ url: `/api/v1/systems/${c.registry.a.system.id}`, payload: { description: unique('說明') } }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}`, payload: { description: unique('說明') } }),
  },
  'POST /api/v1/systems/:id/decommission': {
    permission: 'system.manage',
    own: async (c) => ({
      url: `/api/v1/systems/${await freshSystem(c, 'a', { allocation: true })}/decommission`,
      payload: { date: '2026-01-15', reason: '矩陣測試下線' },
    }),
    other: async (c) => ({
      url: `/api/v1/systems/${await freshSystem(c, 'b', { allocation: true })}/decommission`,
      payload: { date: '2026-01-15', reason: '矩陣測試下線' },
    }),
  },
  'GET /api/v1/systems/:id/contacts': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/systems/${c.registry.a.system.id}/contacts` }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}/contacts` }),
  },
  'PUT /api/v1/systems/:id/contacts/:kind': {
    permission: 'contacts.manage',
    own: (c) => ({ url: `/api/v1/systems/${c.registry.a.system.id}/contacts/business_owner`, payload: contact() }),
    other: (c) => ({ url: `/api/v1/systems/${c.registry.b.system.id}/contacts/business_owner`, payload: contact() }),
  },
  'POST /api/v1/systems/:id/contacts/confirm': {
    permission: 'contacts.confirm',
    own: async (c) => ({ url: `/api/v1/systems/${await freshSystem(c, 'a', { contacts: true })}/contacts/confirm` }),
    other: async (c) => ({ url: `/api/v1/systems/${await freshSystem(c, 'b', { contacts: true })}/contacts/confirm` }),
  },
  'POST /api/v1/systems/contacts/confirm': {
    permission: 'contacts.confirm',
    own: async (c) => ({
      url: '/api/v1/systems/contacts/confirm',
      payload: {
        systemIds: [await freshSystem(c, 'a', { contacts: true }), await freshSystem(c, 'a', { contacts: true })],
      },
    }),
    other: async (c) => ({
      url: '/api/v1/systems/contacts/confirm',
      payload: {
        systemIds: [await freshSystem(c, 'a', { contacts: true }), await freshSystem(c, 'b', { contacts: true })],
      },
    }),
  },
  'GET /api/v1/systems/contacts/overdue-summary': {
    permission: 'contacts.oversee',
    own: () => ({ url: '/api/v1/systems/contacts/overdue-summary' }),
    // Unit B's matrix system has never had its contacts confirmed.
    other: (c) => ({
      url: '/api/v1/systems/contacts/overdue-summary?pageSize=100',
      showsB: listShowsB(c, 'orgId'),
    }),
  },

  'GET /api/v1/hosts': {
    roles: 'any',
    own: () => ({ url: '/api/v1/hosts?q=web' }),
    other: (c) => ({ url: '/api/v1/hosts?pageSize=100', showsB: listShowsB(c, 'orgId') }),
  },
  'GET /api/v1/hosts/:id': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/hosts/${c.registry.a.host.id}` }),
    other: (c) => ({ url: `/api/v1/hosts/${c.registry.b.host.id}` }),
  },
  'POST /api/v1/hosts': {
    permission: 'host.manage',
    own: (c) => ({
      url: '/api/v1/hosts',
      payload: {
        orgId: c.w.orgs.unitA.id,
        hostname: unique('matrix-web'),
        ips: ['192.0.2.80'],
        systemIds: [c.registry.a.system.id],
      },
    }),
    other: (c) => ({ url: '/api/v1/hosts', payload: { orgId: c.w.orgs.unitB.id, hostname: unique('web-b') } }),
  },
  'PATCH /api/v1/hosts/:id': {
    permission: 'host.manage',
    own: (c) => ({ url: `/api/v1/hosts/${c.registry.a.host.id}`, payload: { notes: unique('備註') } }),
    other: (c) => ({ url: `/api/v1/hosts/${c.registry.b.host.id}`, payload: { notes: unique('備註') } }),
  },
};
