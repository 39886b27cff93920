import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

/** Payloads that must be stored as inert text or refused, never executed. */
const HOSTILE_TEXT = [
  "'; DROP TABLE organisations; --",
  "' OR '1'='1",
  'Robert"); DELETE FROM users; --',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
];

describe('bad input', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;

  const counts = async () =>
    (
      await queryRows(
        t.db.db,
        sql`select (select count(*) from organisations)::int as orgs, (select count(*) from users)::int as users, (select count(*) from audit_events)::int as events`,
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  it('refuses malformed JSON with a clear error and stores nothing', async () => {
    const before = await counts();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"kind": "unit", "code": ',
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toEqual({ error: { code: 'MALFORMED_JSON', message: '無法解析送出的 JSON 資料。' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses oversized bodies', async () => {
    const before = await counts();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify({ kind: 'unit', code: 'BIG', name: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(json(res)).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });
    expect(await counts()).toEqual(before);
  });

  it('refuses unsupported content types', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { ...admin, 'content-type': 'application/xml' },
      payload: '<org/>',
    });
    expect(res.statusCode).toBe(415);
    expect(json(res)).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
  });

  it('strips unknown fields instead of storing them', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin,
      payload: {
        kind: 'unit',
        code: 'STRIP-1',
        name: '剝除測試',
        isActive: false,
        id: '00000000-0000-4000-8000-000000000001',
        role: 'ministry_admin',
      },
    });
    expect(res.statusCode).toBe(201);
    const body = json<Record<string, unknown>>(res);
    expect(body.isActive).toBe(true);
    expect(body.id).not.toBe('00000000-0000-4000-8000-000000000001');
    expect(body).not.toHaveProperty('role');
  });

  it('reports invalid fields by path, localised, storing nothing', async () => {
    const before = await counts();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...admin, 'accept-language': 'en' },
      payload: { email: 'not-an-email', name: '', role: 'superuser', orgId: 'nope' },
    });
    expect(res.statusCode).toBe(400);
    const body = json<{ error: { code: string; message: string; fields: { path: string }[] } }>(res);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toBe('The input is invalid; check the marked fields.');
    expect(body.error.fields.map((f) => f.path).sort()).toEqual(['email', 'name', 'orgId', 'role']);
    expect(await counts()).toEqual(before);
  });

  it('refuses control characters and line breaks in single-line text', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin,
      payload: { kind: 'unit', code: 'CTRL-1', name: 'a\u0000b' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses invalid ids safely', async () => {
    for (const id of ['1', "1' OR '1'='1", '../../etc/passwd', 'x'.repeat(150)]) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/organisations/${encodeURIComponent(id)}`,
        headers: admin,
      });
      expect(res.statusCode).toBe(400);
      expect(json(res)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organisations/00000000-0000-4000-8000-000000000000',
      headers: admin,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('stores SQL and XSS payloads in every organisation text field as inert text', async () => {
    for (const [i, text] of HOSTILE_TEXT.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/organisations',
        headers: admin,
        payload: { kind: 'unit', code: `HOSTILE-${i}`, name: text, nameEn: text },
      });
      expect(res.statusCode).toBe(201);
      const org = json<{ id: string; name: string; nameEn: string }>(res);
      expect(org.name).toBe(text);
      expect(org.nameEn).toBe(text);
      const search = await t.app.inject({
        method: 'GET',
        url: `/api/v1/organisations?q=${encodeURIComponent(text)}`,
        headers: admin,
      });
      expect(search.statusCode).toBe(200);
      expect(json<{ items: { id: string }[] }>(search).items.map((o) => o.id)).toContain(org.id);
    }
    const [tables] = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from organisations`);
    expect(tables?.n).toBeGreaterThan(5);
  });

  it('refuses SQL payloads in codes and e-mail addresses', async () => {
    const before = await counts();
    const code = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: admin,
      payload: { kind: 'unit', code: "x'; DROP TABLE users; --", name: 'x' },
    });
    expect(code.statusCode).toBe(400);
    const email = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: "a@b.tw' OR 1=1 --", name: 'x', role: 'unit_member', orgId: w.orgs.unitA.id },
    });
    expect(email.statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('stores SQL and XSS payloads in user names as inert text', async () => {
    for (const [i, text] of HOSTILE_TEXT.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin,
        payload: { email: `hostile${i}@a.edu.tw`, name: text, role: 'unit_member', orgId: w.orgs.unitA.id },
      });
      expect(res.statusCode).toBe(201);
      expect(json<{ user: { name: string } }>(res).user.name).toBe(text);
    }
  });

  it('serves JSON with nosniff so a browser never renders it as HTML', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations?pageSize=100', headers: admin });
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
