import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeUser, makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type Page = { items: { id: string; code: string; name: string }[]; total: number };

describe('organisations', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let memberA: Record<string, string>;
  let owner: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    memberA = await loginAs(t, w.users.unitMemberA.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
  });
  afterAll(async () => t.close());

  it('reports health with the driver in use', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({ status: 'ok', db: t.deps.driver, version: '0.1.0' });
  });

  it('refuses anonymous access with a localised message', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations' });
    expect(res.statusCode).toBe(401);
    expect(json(res)).toEqual({ error: { code: 'UNAUTHENTICATED', message: '請先登入。' } });
    const en = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organisations',
      headers: { 'accept-language': 'en-US' },
    });
    expect(json(en)).toEqual({ error: { code: 'UNAUTHENTICATED', message: 'Please sign in.' } });
  });

  it('lets the Ministry see every organisation, with search and filters', async () => {
    const all = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: admin }));
    expect(all.total).toBe(5);
    const units = json<Page>(
      await t.app.inject({ method: 'GET', url: '/api/v1/organisations?kind=unit', headers: admin }),
    );
    expect(units.items.map((o) => o.code).sort()).toEqual(['UNIT-A', 'UNIT-B']);
    const search = json<Page>(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/organisations?q=${encodeURIComponent('乙大')}`,
        headers: admin,
      }),
    );
    expect(search.items.map((o) => o.code)).toEqual(['UNIT-B']);
    const paged = json<Page>(
      await t.app.inject({ method: 'GET', url: '/api/v1/organisations?page=2&pageSize=2', headers: admin }),
    );
    expect(paged.items).toHaveLength(2);
    expect(paged.total).toBe(5);
  });

  it('treats LIKE wildcards in search as text', async () => {
    const res = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/organisations?q=%25', headers: admin }));
    expect(res.total).toBe(0);
  });

  it('shows a unit admin only their unit and its vendors', async () => {
    const res = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: unitAdminA }));
    expect(res.items.map((o) => o.code).sort()).toEqual(['UNIT-A', 'VENDOR-A']);
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/organisations/${w.orgs.unitB.id}`,
      headers: unitAdminA,
    });
    expect(other.statusCode).toBe(404);
  });

  it('shows a unit member only their own organisation', async () => {
    const res = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: memberA }));
    expect(res.items.map((o) => o.code)).toEqual(['UNIT-A']);
  });

  it('shows a business owner their division and the units they supervise (item 十四)', async () => {
    const res = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: owner }));
    expect(res.items.map((o) => o.code).sort()).toEqual(['MOE-DIT', 'UNIT-A', 'VENDOR-A']);
  });

  it('does not widen a Ministry-level business owner to every unit under the Ministry', async () => {
    const ministryOwner = await makeUser(t.db.db, {
      orgId: w.orgs.ministry.id,
      role: 'ministry_owner',
      scopeOrgIds: [w.orgs.unitA.id],
    });
    const headers = await loginAs(t, ministryOwner.id);
    const res = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers }));
    expect(res.items.map((o) => o.code).sort()).toEqual(['MOE', 'UNIT-A', 'VENDOR-A']);
    const unitB = await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${w.orgs.unitB.id}`, headers });
    expect(unitB.statusCode).toBe(404);
    const userB = await t.app.inject({ method: 'GET', url: `/api/v1/users/${w.users.unitAdminB.id}`, headers });
    expect(userB.statusCode).toBe(404);
  });

  it('creates a unit with an audit event in the same transaction', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin,
      payload: { kind: 'unit', code: 'UNIT-C', name: '國立丙高中', unitType: 'school' },
    });
    expect(res.statusCode).toBe(201);
    const created = json<{ id: string; parentId: string; kind: string }>(res);
    expect(created.parentId).toBe(w.orgs.ministry.id);
    const events = await queryRows(
      t.db.db,
      sql`select action, actor_label from audit_events where target_id = ${created.id}`,
    );
    expect(events).toEqual([{ action: 'organisation.create', actor_label: 'admin@moe.gov.tw' }]);
  });

  it('names the parent and the audited organisation in both languages', async () => {
    const unit = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: admin,
        payload: {
          kind: 'unit',
          code: 'NTNU-EN',
          name: '國立臺灣師範大學',
          nameEn: 'National Taiwan Normal University',
          unitType: 'school',
        },
      }),
    );
    const vendor = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: admin,
        payload: { kind: 'vendor', code: 'VENDOR-EN', name: '無英文名廠商', unitType: 'company', parentId: unit.id },
      }),
    );
    const read = async (id: string) =>
      json<Record<string, unknown>>(
        await t.app.inject({ method: 'GET', url: `/api/v1/organisations/${id}`, headers: admin }),
      );
    expect(await read(vendor.id)).toMatchObject({
      nameEn: null,
      parentName: '國立臺灣師範大學',
      parentNameEn: 'National Taiwan Normal University',
    });
    // Units hang under the Ministry, which the world names in English too.
    expect(await read(unit.id)).toMatchObject({ parentName: '教育部', parentNameEn: 'Ministry of Education' });
    // The creation event of each: the record named in both languages.
    const audited = async (id: string) =>
      json<{ items: { targetId: string; target: { name: string | null; nameEn: string | null } }[] }>(
        await t.app.inject({ method: 'GET', url: `/api/v1/audit-events?q=${id}`, headers: admin }),
      ).items.find((e) => e.targetId === id)?.target;
    expect(await audited(unit.id)).toMatchObject({
      name: '國立臺灣師範大學',
      nameEn: 'National Taiwan Normal University',
    });
    expect(await audited(vendor.id)).toMatchObject({ name: '無英文名廠商', nameEn: null });
  });

  it('refuses a duplicate code and stores nothing', async () => {
    const before = await queryRows(t.db.db, sql`select count(*)::int as n from audit_events`);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin,
      payload: { kind: 'unit', code: 'UNIT-A', name: 'dup' },
    });
    expect(res.statusCode).toBe(409);
    expect(json(res)).toMatchObject({ error: { code: 'ORG_CODE_TAKEN' } });
    const after = await queryRows(t.db.db, sql`select count(*)::int as n from audit_events`);
    expect(after).toEqual(before);
  });

  it('lets a unit admin add a vendor under their unit but not a unit', async () => {
    const vendor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: unitAdminA,
      payload: {
        kind: 'vendor',
        code: 'VENDOR-A2',
        name: '乙資訊有限公司',
        unitType: 'company',
        parentId: w.orgs.unitA.id,
      },
    });
    expect(vendor.statusCode).toBe(201);
    const unit = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: unitAdminA,
      payload: { kind: 'unit', code: 'UNIT-X', name: 'x' },
    });
    expect(unit.statusCode).toBe(403);
    const underB = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: unitAdminA,
      payload: { kind: 'vendor', code: 'VENDOR-B9', name: 'x', parentId: w.orgs.unitB.id },
    });
    expect(underB.statusCode).toBe(404);
  });

  it('refuses a vendor under a vendor', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin,
      payload: { kind: 'vendor', code: 'VENDOR-NEST', name: 'x', parentId: w.orgs.vendorA.id },
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'ORG_PARENT_INVALID' } });
  });

  it('updates and audits before/after; a unit admin cannot deactivate their own unit', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${w.orgs.unitA.id}`,
      headers: unitAdminA,
      payload: { nameEn: 'National Jia University' },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ nameEn: 'National Jia University' });
    const [event] = await queryRows<{ summary: unknown }>(
      t.db.db,
      sql`select summary from audit_events where action = 'organisation.update' and target_id = ${w.orgs.unitA.id}`,
    );
    expect(event?.summary).toEqual({ before: { nameEn: null }, after: { nameEn: 'National Jia University' } });
    const deactivate = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${w.orgs.unitA.id}`,
      headers: unitAdminA,
      payload: { isActive: false },
    });
    expect(deactivate.statusCode).toBe(403);
  });
});
