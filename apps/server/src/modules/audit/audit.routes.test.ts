import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, type World } from '../../db/factories.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type Page = { items: { seq: number; action: string; orgId: string | null; orgName: string | null }[]; total: number };

describe('audit log API', () => {
  let t: TestApp;
  let world: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let vendorAId = '';

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeWorld(t.deps.db);
    admin = await loginAs(t, world.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, world.users.unitAdminA.id);
    // Real service calls through the API, so the events are the ones users would produce.
    const vendor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { ...unitAdminA, 'user-agent': '@SUM(1+1)' },
      payload: { kind: 'vendor', code: 'VENDOR-A2', name: '=HYPERLINK("http://evil")', parentId: world.orgs.unitA.id },
    });
    expect(vendor.statusCode).toBe(201);
    vendorAId = json<{ id: string }>(vendor).id;
    const unitC = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin,
      payload: { kind: 'unit', code: 'UNIT-C', name: '國立丙大學', unitType: 'school' },
    });
    expect(unitC.statusCode).toBe(201);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${world.orgs.unitB.id}`,
      headers: admin,
      payload: { name: '國立乙大學（更名）' },
    });
    expect(renamed.statusCode).toBe(200);
  });
  afterAll(async () => t.close());

  it('shows the Ministry admin every event, newest first, with organisation names', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: admin });
    expect(res.statusCode).toBe(200);
    const page = json<Page>(res);
    expect(page.total).toBe(3);
    expect(page.items.map((e) => e.action)).toEqual([
      'organisation.update',
      'organisation.create',
      'organisation.create',
    ]);
    const seqs = page.items.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(page.items[0]).toMatchObject({ orgId: world.orgs.unitB.id, orgName: '國立乙大學（更名）' });
  });

  it("limits a unit admin to their unit's events", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: unitAdminA });
    expect(res.statusCode).toBe(200);
    const page = json<Page>(res);
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ orgId: vendorAId, action: 'organisation.create' });
  });

  it('limits a ministry owner to the units they supervise', async () => {
    const owner = await loginAs(t, world.users.ministryOwner.id);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: owner });
    expect(json<Page>(res).items.map((e) => e.orgId)).toEqual([vendorAId]);
  });

  it('refuses unit members', async () => {
    const member = await loginAs(t, world.users.unitMemberA.id);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: member });
    expect(res.statusCode).toBe(403);
  });

  it('filters by action prefix, organisation and time', async () => {
    const byAction = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?action=organisation.up',
      headers: admin,
    });
    expect(json<Page>(byAction).items.map((e) => e.action)).toEqual(['organisation.update']);
    const byOrg = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?orgId=${world.orgs.unitB.id}`,
      headers: admin,
    });
    expect(json<Page>(byOrg).total).toBe(1);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const none = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?from=${encodeURIComponent(future)}`,
      headers: admin,
    });
    expect(json<Page>(none).total).toBe(0);
    const wildcard = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?action=%25', headers: admin });
    expect(json<Page>(wildcard).total).toBe(0);
  });

  it('exports CSV with a BOM, zh-TW headers and neutralised formulas', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events/export.csv', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-events-\d{8}\.csv"$/);
    const raw = res.rawPayload;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = raw.subarray(3).toString('utf8');
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe(
      '序號,時間 (UTC),操作者,操作者編號,機構,機構編號,動作,動作代碼,對象類型,對象名稱,對象類型代碼,對象編號,異動摘要,IP 位址,瀏覽器',
    );
    // Three mutations plus this export's own event, which is recorded before streaming.
    expect(lines).toHaveLength(5);
    expect(lines[1]?.split(',').slice(6, 8)).toEqual(['匯出稽核紀錄', 'audit.export']);
    // The renamed unit: translated action, kind and the record's current name.
    expect(lines[2]?.split(',').slice(6, 12)).toEqual([
      '更新機構',
      'organisation.update',
      '機構',
      '國立乙大學（更名）',
      'organisation',
      world.orgs.unitB.id,
    ]);
    expect(text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(text).toContain("'@SUM(1+1)");
    expect(text).not.toMatch(/,=HYPERLINK/);
  });

  it('exports English headers on request, within scope, and records the export', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/export.csv',
      headers: { ...unitAdminA, 'accept-language': 'en-GB,en;q=0.9' },
    });
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines[0]?.startsWith('Seq,Time (UTC),Actor,')).toBe(true);
    expect(lines[0]).toContain(',Action,Action code,Target type,Target name,Target type code,Target ID,');
    // The unit admin's own export event (orgId = unit A) plus the vendor's creation.
    expect(lines.slice(1).map((l) => l.split(',').slice(6, 8).join(' '))).toEqual([
      'Audit log exported audit.export',
      'Organisation created organisation.create',
    ]);
    const log = await t.app.inject({ method: 'GET', url: '/api/v1/audit-events?action=audit.export', headers: admin });
    expect(json<Page>(log).total).toBe(2);
  });

  it('lets admins and auditors verify the chain, nobody else', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toEqual({
      ok: true,
      checked: 5,
      firstBadSeq: null,
      problem: null,
      anchorSeq: null,
      checkpoint: null,
      tail: null,
      invalidCheckpoints: 0,
    });
    const auditor = await loginAs(t, world.users.auditor.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: auditor })).statusCode).toBe(200);
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: unitAdminA });
    expect(denied.statusCode).toBe(403);
  });
});
