import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { errorMessage } from '@custodian/shared';

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
  /* ---------------------------------------------------------------- issue 8, findings 5, 6 and 10 */

  const rowCount = async (table: 'hosts' | 'contracts') =>
    (await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n;
  const hostPayload = (extra: Record<string, unknown>) => ({ orgId: w.orgs.unitA.id, hostname: 'guard-1', ...extra });
  const contractPayload = (extra: Record<string, unknown>) => ({
    number: 'RANGE-1',
    name: '日期範圍測試案',
    type: 'commission',
    divisionId: w.orgs.division.id,
    unitId: w.orgs.unitA.id,
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    ...extra,
  });

  it('refuses a control character in the query of every list with INPUT_CONTROL_CHARACTER', async () => {
    // Every GET route without a path parameter: the lists, their exports and the rest. A NUL
    // in `q` made PostgreSQL fail (SQLSTATE 22021) and the lists answer 500.
    const urls = t.app.routeRegistry
      .filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes(':'))
      .map((r) => r.url);
    expect(urls).toContain('/api/v1/systems');
    expect(urls.length).toBeGreaterThan(15);
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url: `${url}?q=real%00nul`, headers: admin });
      expect(res.statusCode, url).toBe(400);
      expect(json(res), url).toMatchObject({
        error: {
          code: 'INPUT_CONTROL_CHARACTER',
          fields: [{ path: 'q', message: errorMessage('INPUT_CONTROL_CHARACTER', 'zh-TW') }],
        },
      });
    }
  });

  it('refuses C0 and C1 controls, DEL, tab and line breaks in query and path parameters', async () => {
    for (const q of ['%1B%5B31m', '%7F', '%C2%85', '%C2%9B', 'a%09b', 'a%0Ab', 'a%0Db']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/systems?q=${q}`, headers: admin });
      expect(res.statusCode, q).toBe(400);
      expect(json(res), q).toMatchObject({ error: { code: 'INPUT_CONTROL_CHARACTER' } });
    }
    const param = await t.app.inject({ method: 'GET', url: '/api/v1/organisations/%00', headers: admin });
    expect(json(param)).toMatchObject({ error: { code: 'INPUT_CONTROL_CHARACTER', fields: [{ path: 'id' }] } });
    const english = await t.app.inject({
      method: 'GET',
      url: '/api/v1/contracts?q=%00',
      headers: { ...admin, 'accept-language': 'en' },
    });
    expect(json(english)).toMatchObject({
      error: { message: 'The input contains control characters or invalid characters.' },
    });
  });

  it('refuses NUL, C1 controls and lone surrogates in body text and stores nothing', async () => {
    const before = await rowCount('hosts');
    for (const notes of ['a\u0000b', 'a\u0085b', 'a\u001bb']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/hosts',
        headers: admin,
        payload: hostPayload({ notes }),
      });
      expect(res.statusCode, JSON.stringify(notes)).toBe(400);
      expect(json(res)).toMatchObject({ error: { code: 'INPUT_CONTROL_CHARACTER', fields: [{ path: 'notes' }] } });
    }
    // JSON may escape half a surrogate pair; the driver would store it as U+FFFD.
    const surrogate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hosts',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: `{"orgId":"${w.orgs.unitA.id}","hostname":"guard-1","ips":["192.0.2.1"],"notes":"a\\ud800b"}`,
    });
    expect(json(surrogate)).toMatchObject({ error: { code: 'INPUT_CONTROL_CHARACTER', fields: [{ path: 'notes' }] } });
    const nested = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hosts',
      headers: admin,
      payload: hostPayload({ ips: ['192.0.2.1', '192.0.2.2\u0000'] }),
    });
    expect(json(nested)).toMatchObject({ error: { code: 'INPUT_CONTROL_CHARACTER', fields: [{ path: 'ips.1' }] } });
    expect(await rowCount('hosts')).toBe(before);
    // Tab and line breaks remain allowed in multi-line text.
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hosts',
      headers: admin,
      payload: hostPayload({ notes: '第一行\n\t第二行\r\n第三行' }),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(json<{ notes: string }>(ok).notes).toBe('第一行\n\t第二行\r\n第三行');
  });

  it('refuses dates outside 1912-01-01 … 2199-12-31 with DATE_OUT_OF_RANGE and stores nothing', async () => {
    const before = await rowCount('contracts');
    for (const extra of [
      { periodStart: '0000-01-01' },
      { periodStart: '0001-01-01' },
      { periodStart: '1911-12-31' },
      { periodEnd: '2200-01-01' },
      { periodEnd: '9999-12-31' },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/contracts',
        headers: admin,
        payload: contractPayload(extra),
      });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
      expect(json(res)).toMatchObject({
        error: {
          code: 'DATE_OUT_OF_RANGE',
          message: '日期須介於 1912-01-01 與 2199-12-31 之間。',
          fields: [{ path: Object.keys(extra)[0] }],
        },
      });
    }
    expect(await rowCount('contracts')).toBe(before);
    const edges = await t.app.inject({
      method: 'POST',
      url: '/api/v1/contracts',
      headers: admin,
      payload: contractPayload({ periodStart: '1912-01-01', periodEnd: '2199-12-31' }),
    });
    expect(edges.statusCode, edges.body).toBe(201);
  });

  it('refuses out-of-range dates and times in queries too', async () => {
    for (const url of [
      '/api/v1/allocations/period?startsOn=0000-01-01',
      '/api/v1/audit-events?from=0000-01-01T00:00:00Z',
      '/api/v1/audit-events?to=2200-01-01T08:00:00%2B08:00',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: admin });
      expect(res.statusCode, url).toBe(400);
      expect(json(res), url).toMatchObject({ error: { code: 'DATE_OUT_OF_RANGE' } });
    }
  });

  it('refuses a JSON body that is not UTF-8 with BODY_NOT_UTF8 and stores nothing', async () => {
    const before = await rowCount('hosts');
    const json1 = Buffer.from(`{"orgId":"${w.orgs.unitA.id}","hostname":"utf8-1","notes":"a`, 'utf8');
    // C3 28: a two-byte sequence whose second byte is not a continuation byte.
    const payload = Buffer.concat([json1, Buffer.from([0xc3, 0x28]), Buffer.from('b"}')]);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hosts',
      headers: { ...admin, 'content-type': 'application/json; charset=utf-8' },
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toEqual({ error: { code: 'BODY_NOT_UTF8', message: '送出的資料不是有效的 UTF-8 編碼。' } });
    expect(await rowCount('hosts')).toBe(before);
  });

  it('keeps Fastify’s JSON protections: prototype poisoning, empty bodies, the size limit', async () => {
    const poisoned = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hosts',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: `{"orgId":"${w.orgs.unitA.id}","hostname":"proto-1","__proto__":{"isAdmin":true}}`,
    });
    expect(json(poisoned)).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    const constructor = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hosts',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: `{"orgId":"${w.orgs.unitA.id}","hostname":"proto-2","constructor":{"prototype":{"isAdmin":true}}}`,
    });
    expect(json(constructor)).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hosts',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '',
    });
    expect(json(empty)).toMatchObject({ error: { code: 'MALFORMED_JSON' } });
    const bom = await t.app.inject({
      method: 'POST',
      url: '/api/v1/hosts',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: Buffer.from(`\uFEFF{"orgId":"${w.orgs.unitA.id}","hostname":"bom-1","notes":"中文備註"}`, 'utf8'),
    });
    expect(bom.statusCode, bom.body).toBe(201);
    expect(json<{ notes: string }>(bom).notes).toBe('中文備註');
  });
});
