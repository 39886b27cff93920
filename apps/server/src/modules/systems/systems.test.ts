import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { makeOrganisation, makeWorld, type World } from '../../db/factories.js';
import { makeAllocation, makeContract, makeHost, makeSystem } from '../../db/registry-factories.js';
import { allocations, auditEvents, systems } from '../../db/schema/index.js';
import { taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type SystemBody = {
  id: string;
  orgId: string;
  name: string;
  status: string;
  launchDate: string | null;
  decommissionDate: string | null;
  urls: string[];
  handlesPersonalData: boolean;
  personalDataCategories: string | null;
  contracts: { id: string; number: string }[];
  hosts: { id: string; hostname: string }[];
  contractCount: number;
  hostCount: number;
  policyVersion: number;
  can: { edit: boolean };
};
type Page = { items: SystemBody[]; total: number };
type ErrorBody = { error: { code: string; message: string; fields?: { path: string }[] } };

describe('systems', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let unitAdminB: Record<string, string>;
  let memberA: Record<string, string>;
  let owner: Record<string, string>;
  let contractA: { id: string };
  let contractB: { id: string };

  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    memberA = await loginAs(t, w.users.unitMemberA.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
    contractA = await makeContract(t.db.db, { unitId: w.orgs.unitA.id, divisionId: w.orgs.division.id });
    contractB = await makeContract(t.db.db, { unitId: w.orgs.unitB.id, divisionId: w.orgs.division.id });
  });
  afterAll(async () => t.close());

  it('creates a system with URLs, personal data, exit plan, contracts and hosts, and audits it', async () => {
    const host = await makeHost(t.db.db, { orgId: w.orgs.unitA.id, hostname: 'web-create' });
    const res = await call('POST', '/systems', unitAdminA, {
      orgId: w.orgs.unitA.id,
      name: '校務行政系統',
      kind: 'application',
      urls: ['https://sis.a.edu.tw/', 'http://10.0.0.5:8080/login'],
      protectionLevel: 'high',
      handlesPersonalData: true,
      personalDataCategories: 'C001 辨識個人者、C003 政府資料中之辨識者',
      personalDataPurpose: '109 教育或訓練行政',
      personalDataLegalBasis: '個人資料保護法第 15 條第 1 款',
      exitPlan: '停止服務前 3 個月公告，移交原始碼與資料。',
      contractIds: [contractA.id],
      hostIds: [host.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = json<SystemBody>(res);
    expect(body).toMatchObject({
      orgId: w.orgs.unitA.id,
      status: 'planned',
      launchDate: null,
      urls: ['https://sis.a.edu.tw/', 'http://10.0.0.5:8080/login'],
      handlesPersonalData: true,
      contractCount: 1,
      hostCount: 1,
      policyVersion: 1,
      can: expect.objectContaining({ edit: true }),
    });
    expect(body.contracts.map((c) => c.id)).toEqual([contractA.id]);
    expect(body.hosts.map((h) => h.hostname)).toEqual(['web-create']);
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'system.create'), eq(auditEvents.targetId, body.id)));
    expect(event?.orgId).toBe(w.orgs.unitA.id);
    expect(event?.summary).toMatchObject({ after: { name: '校務行政系統', contractIds: [contractA.id] } });
  });

  it('validates URLs, their number, and the item 四 details with field-level errors', async () => {
    const bad = await call('POST', '/systems', unitAdminA, {
      orgId: w.orgs.unitA.id,
      name: 'x',
      urls: ['ftp://files.a.edu.tw', 'javascript:alert(1)'],
    });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorBody>(bad).error.fields?.map((f) => f.path)).toEqual(['urls.0', 'urls.1']);
    const many = await call('POST', '/systems', unitAdminA, {
      orgId: w.orgs.unitA.id,
      name: 'x',
      urls: Array.from({ length: 11 }, (_, i) => `https://s${i}.a.edu.tw/`),
    });
    expect(many.statusCode).toBe(400);
    const pd = await call('POST', '/systems', unitAdminA, {
      orgId: w.orgs.unitA.id,
      name: 'x',
      handlesPersonalData: true,
      personalDataCategories: '姓名',
    });
    expect(pd.statusCode).toBe(400);
    expect(
      json<ErrorBody>(pd)
        .error.fields?.map((f) => f.path)
        .sort(),
    ).toEqual(['personalDataLegalBasis', 'personalDataPurpose']);
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/systems',
      headers: { ...unitAdminA, 'accept-language': 'en' },
      payload: { orgId: w.orgs.unitA.id, name: 'x', urls: ['nope'] },
    });
    expect(json<ErrorBody>(en).error.message).toBe('The input is invalid; check the marked fields.');
  });

  it('refuses personal data switched on later without its details', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id });
    const res = await call('PATCH', `/systems/${system.id}`, unitAdminA, { handlesPersonalData: true });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorBody>(res).error.code).toBe('PERSONAL_DATA_DETAILS_REQUIRED');
    expect(json<ErrorBody>(res).error.message).toContain('法律依據');
  });

  it('links only contracts and hosts of the same unit', async () => {
    const hostB = await makeHost(t.db.db, { orgId: w.orgs.unitB.id });
    const asAdmin = await call('POST', '/systems', admin, {
      orgId: w.orgs.unitA.id,
      name: 'x',
      contractIds: [contractB.id],
    });
    expect(json<ErrorBody>(asAdmin).error.code).toBe('LINK_ORG_MISMATCH');
    const hostMismatch = await call('POST', '/systems', admin, {
      orgId: w.orgs.unitA.id,
      name: 'x',
      hostIds: [hostB.id],
    });
    expect(json<ErrorBody>(hostMismatch).error.code).toBe('LINK_ORG_MISMATCH');
    // A unit admin cannot even learn that unit B's contract exists.
    const asUnit = await call('POST', '/systems', unitAdminA, {
      orgId: w.orgs.unitA.id,
      name: 'x',
      contractIds: [contractB.id],
    });
    expect(asUnit.statusCode).toBe(404);
    const vendor = await call('POST', '/systems', unitAdminA, { orgId: w.orgs.vendorA.id, name: 'x' });
    expect(json<ErrorBody>(vendor).error.code).toBe('SYSTEM_UNIT_INVALID');
  });

  it('lists with search on name and URL, filters and pagination', async () => {
    const org = await makeOrganisation(t.db.db, { kind: 'unit', code: 'UNIT-LIST', parentId: w.orgs.ministry.id });
    const contract = await makeContract(t.db.db, { unitId: org.id, divisionId: w.orgs.division.id });
    await makeSystem(t.db.db, { orgId: org.id, name: '圖書館網站', urls: ['https://lib.list.edu.tw/'] });
    await makeSystem(t.db.db, {
      orgId: org.id,
      name: '招生系統',
      status: 'online',
      protectionLevel: 'high',
      environment: 'staging',
      handlesPersonalData: true,
      contractIds: [contract.id],
    });
    await makeSystem(t.db.db, { orgId: org.id, name: '50%_折扣' });
    const list = async (query: string) => json<Page>(await call('GET', `/systems?orgId=${org.id}&${query}`, admin));
    expect((await list('')).total).toBe(3);
    expect((await list('q=lib.list')).items.map((s) => s.name)).toEqual(['圖書館網站']);
    expect((await list(`q=${encodeURIComponent('招生')}`)).items.map((s) => s.name)).toEqual(['招生系統']);
    expect((await list('q=%25')).items.map((s) => s.name)).toEqual(['50%_折扣']);
    expect((await list('status=online')).items.map((s) => s.name)).toEqual(['招生系統']);
    expect((await list('protectionLevel=high')).total).toBe(1);
    expect((await list('environment=staging')).total).toBe(1);
    expect((await list('handlesPersonalData=true')).total).toBe(1);
    expect((await list('handlesPersonalData=false')).total).toBe(2);
    expect((await list(`contractId=${contract.id}`)).items.map((s) => s.name)).toEqual(['招生系統']);
    const paged = await list('page=2&pageSize=2');
    expect(paged.items).toHaveLength(1);
    expect(paged.total).toBe(3);
    expect((await call('GET', '/systems?status=bogus', admin)).statusCode).toBe(400);
  });

  it('names the unit in both languages: its English name next to the official one, null when it has none', async () => {
    const ntnu = await makeOrganisation(t.db.db, {
      kind: 'unit',
      name: '國立臺灣師範大學',
      nameEn: 'National Taiwan Normal University',
      parentId: w.orgs.ministry.id,
    });
    const named = await makeSystem(t.db.db, { orgId: ntnu.id, name: '師大校務系統' });
    const unnamed = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '甲校無英文名系統' });
    type Named = { orgName: string; orgNameEn: string | null };
    const list = json<{ items: Named[] }>(await call('GET', `/systems?orgId=${ntnu.id}`, admin));
    expect(list.items).toEqual([
      expect.objectContaining({ orgName: '國立臺灣師範大學', orgNameEn: 'National Taiwan Normal University' }),
    ]);
    expect(json<Named>(await call('GET', `/systems/${named.id}`, admin))).toMatchObject({
      orgName: '國立臺灣師範大學',
      orgNameEn: 'National Taiwan Normal University',
    });
    expect(json<Named>(await call('GET', `/systems/${unnamed.id}`, admin))).toMatchObject({
      orgName: '國立甲大學',
      orgNameEn: null,
    });
  });

  it('keeps units apart: unit B neither sees nor edits unit A’s systems', async () => {
    const systemA = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '甲校專屬' });
    const listB = json<Page>(await call('GET', '/systems?pageSize=100', unitAdminB));
    expect(listB.items.some((s) => s.orgId === w.orgs.unitA.id)).toBe(false);
    expect((await call('GET', `/systems/${systemA.id}`, unitAdminB)).statusCode).toBe(404);
    expect((await call('PATCH', `/systems/${systemA.id}`, unitAdminB, { name: 'x' })).statusCode).toBe(404);
    expect((await call('POST', '/systems', unitAdminB, { orgId: w.orgs.unitA.id, name: 'x' })).statusCode).toBe(404);
    // A member of unit A reads but may not write.
    expect((await call('GET', `/systems/${systemA.id}`, memberA)).statusCode).toBe(200);
    expect((await call('PATCH', `/systems/${systemA.id}`, memberA, { name: 'x' })).statusCode).toBe(403);
  });

  it('shows a business owner the systems of the contracts they own, and only those', async () => {
    const unitC = await makeOrganisation(t.db.db, { kind: 'unit', code: 'UNIT-C', parentId: w.orgs.ministry.id });
    const owned = await makeContract(t.db.db, {
      unitId: unitC.id,
      divisionId: w.orgs.division.id,
      ownerUserId: w.users.ministryOwner.id,
    });
    const linked = await makeSystem(t.db.db, { orgId: unitC.id, name: '丙校督導系統', contractIds: [owned.id] });
    const unlinked = await makeSystem(t.db.db, { orgId: unitC.id, name: '丙校其他系統' });
    const list = json<Page>(await call('GET', `/systems?orgId=${unitC.id}`, owner));
    expect(list.items.map((s) => s.id)).toEqual([linked.id]);
    expect(json<SystemBody>(await call('GET', `/systems/${linked.id}`, owner)).can.edit).toBe(false);
    expect((await call('GET', `/systems/${unlinked.id}`, owner)).statusCode).toBe(404);
    // Seeing is not managing: writes are for the unit and the Ministry's security office.
    expect((await call('PATCH', `/systems/${linked.id}`, owner, { name: 'x' })).statusCode).toBe(403);
  });

  it('moves through planned → pre_launch → online, recording the launch day, and refuses other moves', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id });
    const skip = await call('PATCH', `/systems/${system.id}`, unitAdminA, { status: 'online' });
    expect(skip.statusCode).toBe(409);
    expect(json<ErrorBody>(skip).error.code).toBe('SYSTEM_STATUS_INVALID');
    expect(
      json<SystemBody>(await call('PATCH', `/systems/${system.id}`, unitAdminA, { status: 'pre_launch' })).status,
    ).toBe('pre_launch');
    // The pre-launch gate (items 四十二, 四十三; the scans module's check) holds a system never scanned;
    // the Ministry lets it through with a reason.
    const gated = await call('PATCH', `/systems/${system.id}`, unitAdminA, { status: 'online' });
    expect(json<ErrorBody>(gated).error.code).toBe('SYSTEM_LAUNCH_BLOCKED');
    const online = json<SystemBody>(
      await call('PATCH', `/systems/${system.id}`, admin, {
        status: 'online',
        launchOverride: { reason: '既有系統補登' },
      }),
    );
    expect(online).toMatchObject({ status: 'online', launchDate: taipeiToday(new Date()) });
    const back = await call('PATCH', `/systems/${system.id}`, unitAdminA, { status: 'pre_launch' });
    expect(json<ErrorBody>(back).error.code).toBe('SYSTEM_STATUS_INVALID');
    // Decommissioning has its own route, which releases allocations.
    const viaPatch = await call('PATCH', `/systems/${system.id}`, unitAdminA, { status: 'decommissioned' });
    expect(viaPatch.statusCode).toBe(400);
  });

  it('creates a system online only through the pre-launch gate: refused and nothing stored, or the Ministry overrides', async () => {
    const named = (name: string) => t.db.db.select({ id: systems.id }).from(systems).where(eq(systems.name, name));
    const payload = { orgId: w.orgs.unitA.id, name: '直接上線系統', status: 'online' };
    const gated = await call('POST', '/systems', unitAdminA, payload);
    expect(gated.statusCode).toBe(409);
    expect(json<ErrorBody & { error: { problems: unknown[] } }>(gated).error).toMatchObject({
      code: 'SYSTEM_LAUNCH_BLOCKED',
      problems: [{ kind: 'no_scan' }],
    });
    // Only the Ministry may override.
    const unitOverride = await call('POST', '/systems', unitAdminA, {
      ...payload,
      launchOverride: { reason: '單位自行放行' },
    });
    expect(unitOverride.statusCode).toBe(403);
    expect(await named('直接上線系統')).toEqual([]);
    const created = await call('POST', '/systems', admin, {
      ...payload,
      launchOverride: { reason: '既有上線系統補登' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = json<SystemBody>(created);
    expect(body).toMatchObject({ status: 'online', launchDate: taipeiToday(new Date()) });
    const [override] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'system.launch_override'), eq(auditEvents.targetId, body.id)));
    expect(override?.summary).toMatchObject({ reason: '既有上線系統補登', blockers: [{ kind: 'no_scan' }] });
  });

  it('decommissions a system, releasing its allocations in the same transaction, and freezes it', async () => {
    const system = await makeSystem(t.db.db, {
      orgId: w.orgs.unitA.id,
      status: 'online',
      launchDate: '2024-05-01',
    });
    const a1 = await makeAllocation(t.db.db, {
      systemId: system.id,
      orgId: w.orgs.unitA.id,
      value: '203.0.113.0/28',
      network: '203.0.113.0/28',
    });
    const a2 = await makeAllocation(t.db.db, {
      systemId: system.id,
      orgId: w.orgs.unitA.id,
      kind: 'domain',
      value: 'old.a.edu.tw',
      network: null,
    });
    const future = await call('POST', `/systems/${system.id}/decommission`, unitAdminA, {
      date: '2199-01-01',
      reason: '汰換',
    });
    expect(json<ErrorBody>(future).error.code).toBe('SYSTEM_DATES_INVALID');
    const beforeLaunch = await call('POST', `/systems/${system.id}/decommission`, unitAdminA, {
      date: '2024-04-30',
      reason: '汰換',
    });
    expect(json<ErrorBody>(beforeLaunch).error.code).toBe('SYSTEM_DATES_INVALID');
    expect(
      (await t.db.db.select().from(allocations).where(eq(allocations.systemId, system.id))).map((a) => a.status),
    ).toEqual(['active', 'active']);

    const res = await call('POST', `/systems/${system.id}/decommission`, unitAdminA, {
      date: '2025-06-30',
      reason: '系統汰換，改用新平台',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = json<{ system: SystemBody; releasedAllocations: { id: string; value: string }[] }>(res);
    expect(body.system).toMatchObject({
      status: 'decommissioned',
      decommissionDate: '2025-06-30',
      can: expect.objectContaining({ edit: false }),
    });
    expect(body.releasedAllocations.map((a) => a.id).sort()).toEqual([a1.id, a2.id].sort());
    const rows = await t.db.db.select().from(allocations).where(eq(allocations.systemId, system.id));
    expect(rows.every((r) => r.status === 'released' && r.releaseReason === '系統汰換，改用新平台')).toBe(true);
    const events = await t.db.db.select().from(auditEvents).where(eq(auditEvents.orgId, w.orgs.unitA.id));
    expect(
      events
        .filter((e) => e.action === 'allocation.release')
        .map((e) => e.targetId)
        .sort(),
    ).toEqual([a1.id, a2.id].sort());
    expect(events.find((e) => e.action === 'system.decommission' && e.targetId === system.id)?.summary).toMatchObject({
      reason: '系統汰換，改用新平台',
      after: { status: 'decommissioned' },
    });

    for (const [method, url, payload] of [
      ['PATCH', `/systems/${system.id}`, { description: 'x' }],
      ['POST', `/systems/${system.id}/decommission`, { date: '2025-07-01', reason: 'again' }],
    ] as const) {
      const refused = await call(method, url, unitAdminA, payload);
      expect(refused.statusCode, url).toBe(409);
      expect(json<ErrorBody>(refused).error.code).toBe('SYSTEM_DECOMMISSIONED');
    }
    const [stored] = await t.db.db.select().from(systems).where(eq(systems.id, system.id));
    expect(stored?.description).toBeNull();
  });

  it('documents the routes in OpenAPI from the Zod descriptions', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>(res);
    for (const path of [
      '/api/v1/systems',
      '/api/v1/systems/{id}',
      '/api/v1/systems/{id}/decommission',
      '/api/v1/systems/{id}/contacts/{kind}',
      '/api/v1/systems/contacts/confirm',
      '/api/v1/systems/contacts/overdue-summary',
      '/api/v1/hosts',
      '/api/v1/hosts/{id}',
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(JSON.stringify(doc.paths['/api/v1/systems']?.post?.requestBody)).toContain('Exit mechanism (item 十三)');
  });

  it('replaces links on update and audits what was added and removed', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, contractIds: [contractA.id] });
    const host = await makeHost(t.db.db, { orgId: w.orgs.unitA.id });
    const res = await call('PATCH', `/systems/${system.id}`, unitAdminA, { contractIds: [], hostIds: [host.id] });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<SystemBody>(res)).toMatchObject({ contractCount: 0, hostCount: 1 });
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'system.update'), eq(auditEvents.targetId, system.id)));
    expect(event?.summary).toMatchObject({
      contracts: { added: [], removed: [contractA.id] },
      hosts: { added: [host.id], removed: [] },
    });
  });
});
