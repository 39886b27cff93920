/**
 * Records carry `can`: what the caller may do with each, from their role's named permissions
 * (packages/shared/src/permissions.ts) and their manage scope (lib/tenancy.ts). The web shows
 * an action only when `can` says so, so these are the answers it relies on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../db/factories.js';
import { makeAllocation, makeHost, makeSystem } from '../db/registry-factories.js';
import { createTestApp, json, loginAs, type TestApp } from './helpers.js';

type Can = Record<string, boolean>;
type WithCan = { id: string; can: Can };

describe('record abilities (can)', () => {
  let t: TestApp;
  let w: World;
  let unitAdmin: Record<string, string>;
  let unitMember: Record<string, string>;
  let admin: Record<string, string>;

  const get = async <T>(url: string, headers: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return json<T>(res);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    unitAdmin = await loginAs(t, w.users.unitAdminA.id);
    unitMember = await loginAs(t, w.users.unitMemberA.id);
    admin = await loginAs(t, w.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  it('lets a unit_admin act on their unit’s system and its contacts, and a unit_member only read them', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'online' });
    const all = { edit: true, decommission: true, editContacts: true, confirmContacts: true };
    const none = { edit: false, decommission: false, editContacts: false, confirmContacts: false };

    expect((await get<WithCan>(`/systems/${system.id}`, unitAdmin)).can).toEqual(all);
    expect((await get<WithCan>(`/systems/${system.id}`, unitMember)).can).toEqual(none);
    const listed = await get<{ items: WithCan[] }>('/systems?pageSize=100', unitMember);
    expect(listed.items.find((i) => i.id === system.id)?.can).toEqual(none);

    // The contacts of a system without any: the unit_admin may fill them in, the member may not.
    expect((await get<{ can: Can }>(`/systems/${system.id}/contacts`, unitAdmin)).can).toEqual({
      edit: true,
      confirm: true,
    });
    expect((await get<{ can: Can }>(`/systems/${system.id}/contacts`, unitMember)).can).toEqual({
      edit: false,
      confirm: false,
    });
  });

  it('offers nothing on a decommissioned system, whoever asks', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'decommissioned' });
    for (const headers of [unitAdmin, admin]) {
      expect((await get<WithCan>(`/systems/${system.id}`, headers)).can).toEqual({
        edit: false,
        decommission: false,
        editContacts: false,
        confirmContacts: false,
      });
    }
  });

  it('gives hosts and allocations the same answer: the unit_admin may, the unit_member may not', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'online' });
    const host = await makeHost(t.db.db, { orgId: w.orgs.unitA.id, systemIds: [system.id] });
    const allocation = await makeAllocation(t.db.db, {
      systemId: system.id,
      orgId: w.orgs.unitA.id,
      value: '198.51.100.0/28',
      network: '198.51.100.0/28',
    });
    expect((await get<WithCan>(`/hosts/${host.id}`, unitAdmin)).can).toEqual({ edit: true });
    expect((await get<WithCan>(`/hosts/${host.id}`, unitMember)).can).toEqual({ edit: false });
    expect((await get<WithCan>(`/allocations/${allocation.id}`, unitAdmin)).can).toEqual({
      release: true,
      renew: true,
    });
    expect((await get<WithCan>(`/allocations/${allocation.id}`, unitMember)).can).toEqual({
      release: false,
      renew: false,
    });
  });

  it('lets managers change the accounts of their scope, and a unit_member none', async () => {
    const memberSeenByAdmin = await get<WithCan>(`/users/${w.users.unitMemberA.id}`, unitAdmin);
    expect(memberSeenByAdmin.can).toEqual({ edit: true, reinvite: true });
    const adminSeenByMember = await get<WithCan>(`/users/${w.users.unitAdminA.id}`, unitMember);
    expect(adminSeenByMember.can).toEqual({ edit: false, reinvite: false });
    const memberSeenByMinistry = await get<WithCan>(`/users/${w.users.unitMemberA.id}`, admin);
    expect(memberSeenByMinistry.can).toEqual({ edit: true, reinvite: true });
  });
});
