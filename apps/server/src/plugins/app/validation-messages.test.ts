import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { errorMessage, MAX_SEARCH_LENGTH, validationMessage } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type ErrorAnswer = { error: { code: string; message: string; fields?: { path: string; message: string }[] } };

/**
 * Bad numbers are refused (never clamped), and every field error comes back in the
 * language of the request with our wording of the rule, not Zod's English.
 */
describe('validation messages', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let seq = 0;

  const contract = (overrides: Record<string, unknown> = {}) => ({
    number: `UX-115-${String((seq += 1)).padStart(4, '0')}`,
    name: '校務系統維護委辦案',
    type: 'commission',
    divisionId: w.orgs.division.id,
    ownerUserId: w.users.ministryOwner.id,
    unitId: w.orgs.unitA.id,
    subcontractorIds: [],
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    amount: 1_200_000,
    slaAvailability: 99.5,
    rtoHours: 4,
    rpoHours: 24,
    ...overrides,
  });
  const post = (payload: object, language?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/contracts',
      headers: { ...admin, ...(language ? { 'accept-language': language } : {}) },
      payload,
    });
  const contractCount = async () =>
    (await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from contracts`))[0]?.n;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  it.each([
    ['amount', -5, validationMessage('min', 'zh-TW', { min: 0 })],
    ['slaAvailability', 150, validationMessage('max', 'zh-TW', { max: 100 })],
    ['rtoHours', -1, validationMessage('min', 'zh-TW', { min: 0 })],
    ['rpoHours', 1.5, validationMessage('integer', 'zh-TW')],
  ])('refuses %s = %s with a zh-TW message and stores nothing', async (field, value, message) => {
    const before = await contractCount();
    const res = await post(contract({ [field]: value }));
    expect(res.statusCode, res.body).toBe(400);
    expect(json<ErrorAnswer>(res).error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: errorMessage('VALIDATION_FAILED', 'zh-TW'),
      fields: [{ path: field, message }],
    });
    expect(await contractCount()).toBe(before);
  });

  it('words the same refusals in English when asked, never in Zod’s own words', async () => {
    const res = await post(contract({ amount: -5, slaAvailability: 150, rtoHours: -1 }), 'en');
    expect(res.statusCode).toBe(400);
    const { fields } = json<ErrorAnswer>(res).error;
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'amount', message: 'Must not be less than 0.' },
        { path: 'slaAvailability', message: 'Must not be greater than 100.' },
        { path: 'rtoHours', message: 'Must not be less than 0.' },
      ]),
    );
    expect(res.body).not.toMatch(/Too (big|small)|expected/);
  });

  it('says a too-long name is too long (its limit), a missing one is required, zh-TW by default', async () => {
    const res = await post(contract({ name: '長'.repeat(201), number: undefined }));
    expect(res.statusCode).toBe(400);
    const { fields } = json<ErrorAnswer>(res).error;
    expect(fields).toEqual(
      expect.arrayContaining([
        { path: 'name', message: '最多 200 個字。' },
        { path: 'number', message: '此欄位為必填。' },
      ]),
    );
    expect(res.body).not.toMatch(/Too big|Invalid input/);
  });

  it('keeps an error code’s own message for a field (DATE_OUT_OF_RANGE), localised', async () => {
    const res = await post(contract({ periodEnd: '2300-01-01' }), 'en');
    expect(res.statusCode).toBe(400);
    expect(json<ErrorAnswer>(res).error.fields).toEqual([
      { path: 'periodEnd', message: errorMessage('DATE_OUT_OF_RANGE', 'en') },
    ]);
  });

  it('refuses a search longer than the limit on every list with a localised 400', async () => {
    const urls = t.app.routeRegistry
      .filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes(':'))
      .map((r) => r.url);
    expect(urls.length).toBeGreaterThan(15);
    const tooLong = encodeURIComponent('搜'.repeat(MAX_SEARCH_LENGTH + 1));
    const atLimit = encodeURIComponent('搜'.repeat(MAX_SEARCH_LENGTH));
    for (const url of urls) {
      const res = await t.app.inject({ method: 'GET', url: `${url}?q=${tooLong}`, headers: admin });
      expect(res.statusCode, url).toBe(400);
      expect(json<ErrorAnswer>(res).error, url).toMatchObject({
        code: 'SEARCH_TOO_LONG',
        message: errorMessage('SEARCH_TOO_LONG', 'zh-TW'),
      });
    }
    const ok = await t.app.inject({ method: 'GET', url: `/api/v1/contracts?q=${atLimit}`, headers: admin });
    expect(ok.statusCode).toBe(200);
  });

  it('answers a 5,000-character search over HTTP with 400 SEARCH_TOO_LONG, not 431', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const q = encodeURIComponent('搜'.repeat(5000));
      const res = await fetch(`${address}/api/v1/contracts?q=${q}`, {
        headers: { ...admin, 'accept-language': 'en' },
      });
      expect(res.status).toBe(400);
      const body = (await res.json()) as ErrorAnswer;
      expect(body.error).toMatchObject({ code: 'SEARCH_TOO_LONG', message: errorMessage('SEARCH_TOO_LONG', 'en') });
    } finally {
      await t.app.server.close();
    }
  });
});
