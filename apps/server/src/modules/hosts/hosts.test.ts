import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { makeOrganisation, makeWorld, type World } from '../../db/factories.js';
import { makeContract, makeHost, makeSystem } from '../../db/registry-factories.js';
import { auditEvents } from '../../db/schema/index.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type HostBody = {
  id: string;
  orgId: string;
  hostname: string;
  ips: string[];
  location: string;
  site: string | null;
  isActive: boolean;
  systemCount: number;
  systems: { id: string; name: string }[];
  can: { edit: boolean };
};
type ErrorBody = { error: { code: string; fields?: { path: string }[] } };

describe('hosts', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let unitAdminB: Record<string, string>;
  let owner: Record<string, string>;

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
  });
  afterAll(async () => t.close());

  it('creates a host with normalised addresses and the systems it serves', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '選課系統' });
    const res = await call('POST', '/hosts', unitAdminA, {
      orgId: w.orgs.unitA.id,
      hostname: 'web01.a.edu.tw',
      ips: ['192.0.2.10', '2001:DB8:0:0:0:0:0:1', '192.0.2.10'],
      os: 'Ubuntu 24.04 LTS',
      role: 'web',
      location: 'cloud',
      site: 'GCP asia-east1',
      systemIds: [system.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = json<HostBody>(res);
    expect(body).toMatchObject({
      hostname: 'web01.a.edu.tw',
      ips: ['192.0.2.10', '2001:db8::1'],
      location: 'cloud',
      site: 'GCP asia-east1',
      systemCount: 1,
      can: expect.objectContaining({ edit: true }),
    });
    expect(body.systems.map((s) => s.name)).toEqual(['選課系統']);
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'host.create'), eq(auditEvents.targetId, body.id)));
    expect(event?.summary).toMatchObject({ after: { hostname: 'web01.a.edu.tw', systemIds: [system.id] } });
  });

  it('refuses invalid addresses and host names, and a name taken in the same unit', async () => {
    const ip = await call('POST', '/hosts', unitAdminA, {
      orgId: w.orgs.unitA.id,
      hostname: 'db01',
      ips: ['10.0.0.256'],
    });
    expect(ip.statusCode).toBe(400);
    expect(json<ErrorBody>(ip).error.code).toBe('INVALID_IP');
    for (const hostname of ['-db', 'db_01', 'a..b', '主機一']) {
      const res = await call('POST', '/hosts', unitAdminA, { orgId: w.orgs.unitA.id, hostname });
      expect(json<ErrorBody>(res).error.code, hostname).toBe('INVALID_HOSTNAME');
    }
    const taken = await call('POST', '/hosts', unitAdminA, { orgId: w.orgs.unitA.id, hostname: 'WEB01.A.EDU.TW' });
    expect(taken.statusCode).toBe(409);
    expect(json<ErrorBody>(taken).error.code).toBe('HOSTNAME_TAKEN');
    // Another unit may use the same name.
    const elsewhere = await call('POST', '/hosts', unitAdminB, { orgId: w.orgs.unitB.id, hostname: 'web01.a.edu.tw' });
    expect(elsewhere.statusCode).toBe(201);
  });

  it('searches by host name or address and filters by unit, location and system', async () => {
    const org = await makeOrganisation(t.db.db, { kind: 'unit', code: 'UNIT-HOSTS', parentId: w.orgs.ministry.id });
    const system = await makeSystem(t.db.db, { orgId: org.id });
    await makeHost(t.db.db, { orgId: org.id, hostname: 'app01', ips: ['198.51.100.7'], systemIds: [system.id] });
    await makeHost(t.db.db, { orgId: org.id, hostname: 'app02', ips: ['2001:db8:1::7'], location: 'cloud' });
    await makeHost(t.db.db, { orgId: org.id, hostname: 'mail', ips: [] });
    const names = async (query: string) =>
      json<{ items: HostBody[] }>(await call('GET', `/hosts?orgId=${org.id}&${query}`, admin)).items.map(
        (h) => h.hostname,
      );
    expect(await names('')).toEqual(['app01', 'app02', 'mail']);
    expect(await names('q=198.51')).toEqual(['app01']);
    expect(await names('q=2001%3Adb8%3A1')).toEqual(['app02']);
    expect(await names('q=APP')).toEqual(['app01', 'app02']);
    expect(await names('location=cloud')).toEqual(['app02']);
    expect(await names(`systemId=${system.id}`)).toEqual(['app01']);
    const page = json<{ items: HostBody[]; total: number }>(
      await call('GET', `/hosts?orgId=${org.id}&page=2&pageSize=2`, admin),
    );
    expect(page).toMatchObject({ total: 3 });
    expect(page.items.map((h) => h.hostname)).toEqual(['mail']);
  });

  it('keeps units apart and lets a business owner see the hosts of their contracts', async () => {
    const hostA = await makeHost(t.db.db, { orgId: w.orgs.unitA.id, hostname: 'only-a' });
    const list = json<{ items: HostBody[] }>(await call('GET', '/hosts?pageSize=100', unitAdminB));
    expect(list.items.some((h) => h.orgId === w.orgs.unitA.id)).toBe(false);
    expect((await call('GET', `/hosts/${hostA.id}`, unitAdminB)).statusCode).toBe(404);
    expect((await call('PATCH', `/hosts/${hostA.id}`, unitAdminB, { notes: 'x' })).statusCode).toBe(404);

    const unitC = await makeOrganisation(t.db.db, { kind: 'unit', code: 'UNIT-HC', parentId: w.orgs.ministry.id });
    const contract = await makeContract(t.db.db, {
      unitId: unitC.id,
      divisionId: w.orgs.division.id,
      ownerUserId: w.users.ministryOwner.id,
    });
    const supervised = await makeSystem(t.db.db, { orgId: unitC.id, name: '督導系統', contractIds: [contract.id] });
    const other = await makeSystem(t.db.db, { orgId: unitC.id, name: '非督導系統' });
    const shared = await makeHost(t.db.db, { orgId: unitC.id, systemIds: [supervised.id, other.id] });
    const hidden = await makeHost(t.db.db, { orgId: unitC.id, systemIds: [other.id] });
    const ownerList = json<{ items: HostBody[] }>(await call('GET', `/hosts?orgId=${unitC.id}`, owner));
    expect(ownerList.items.map((h) => h.id)).toEqual([shared.id]);
    const detail = json<HostBody>(await call('GET', `/hosts/${shared.id}`, owner));
    // Only the systems the owner may see are listed.
    expect(detail.systems.map((s) => s.name)).toEqual(['督導系統']);
    expect(detail.can.edit).toBe(false);
    expect((await call('GET', `/hosts/${hidden.id}`, owner)).statusCode).toBe(404);
  });

  it('updates fields and links, refusing other units’ and decommissioned systems', async () => {
    const host = await makeHost(t.db.db, { orgId: w.orgs.unitA.id, hostname: 'upd01' });
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id });
    const offline = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'decommissioned' });
    const systemB = await makeSystem(t.db.db, { orgId: w.orgs.unitB.id });
    const res = await call('PATCH', `/hosts/${host.id}`, unitAdminA, {
      hostname: 'upd02',
      ips: ['192.0.2.99'],
      isActive: false,
      systemIds: [system.id],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<HostBody>(res)).toMatchObject({
      hostname: 'upd02',
      ips: ['192.0.2.99'],
      isActive: false,
      systemCount: 1,
    });
    const toOffline = await call('PATCH', `/hosts/${host.id}`, unitAdminA, { systemIds: [system.id, offline.id] });
    expect(json<ErrorBody>(toOffline).error.code).toBe('SYSTEM_DECOMMISSIONED');
    expect((await call('PATCH', `/hosts/${host.id}`, unitAdminA, { systemIds: [systemB.id] })).statusCode).toBe(404);
    expect(
      json<ErrorBody>(await call('PATCH', `/hosts/${host.id}`, admin, { systemIds: [systemB.id] })).error.code,
    ).toBe('LINK_ORG_MISMATCH');
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'host.update'), eq(auditEvents.targetId, host.id)));
    expect(event?.summary).toMatchObject({
      before: { hostname: 'upd01', isActive: true },
      after: { hostname: 'upd02', isActive: false },
      systems: { added: [system.id], removed: [] },
    });
  });
});
