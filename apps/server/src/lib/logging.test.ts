import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskNationalIds, redactUrl } from './logging.js';
import { createTestApp, loginAs, type TestApp } from '../test/helpers.js';
import { makeWorld } from '../db/factories.js';
import { createSession, SESSION_COOKIE } from '../modules/auth/session.service.js';

describe('safe logging', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof makeWorld>>;

  beforeAll(async () => {
    t = await createTestApp({
      captureLogs: true,
      beforeReady: (app) => {
        // Outside /api/v1, so they need no access rule: code that puts a personal number in
        // a log message, a nested object and an error message, as a careless service might.
        app.get('/test/person/:id', async (request) => {
          const { id } = request.params as { id: string };
          request.log.warn({ lookup: { person: id, tried: [id, `x${id}y`] }, [id]: 1 }, `looked up ${id}`);
          app.log.info('searched for %s', id);
          // A control character is escaped in JSON as \u001b, whose `b` starts an ID-shaped run.
          request.log.info(`terminal output \u001b912345678 for ${id.toLowerCase()}`);
          throw new Error(`no record for ${id}`);
        });
      },
    });
    world = await makeWorld(t.db.db);
  });
  afterAll(async () => t.close());

  it('redacts secrets in URLs and keeps only the names of query parameters', () => {
    expect(redactUrl('/api/v1/auth/invites/abcdefSECRET123')).toBe('/api/v1/auth/invites/[REDACTED]');
    expect(redactUrl('/api/v1/auth/oidc/callback?code=SECRET&state=S2&iss=x')).toBe(
      '/api/v1/auth/oidc/callback?code&state&iss',
    );
    expect(redactUrl('/api/v1/users?q=abc&page=2&&sort')).toBe('/api/v1/users?q&page&sort');
    expect(redactUrl('/api/v1/users?')).toBe('/api/v1/users?');
  });

  it('masks every shape of national ID and resident certificate number', () => {
    expect(maskNationalIds('A123456789 a123456789 A800000014 B912345678 AB12345678')).toBe(
      '[REDACTED] [REDACTED] [REDACTED] [REDACTED] [REDACTED]',
    );
    expect(maskNationalIds('姓名王小明A123456789，電話')).toBe('姓名王小明[REDACTED]，電話');
    // Not ID-shaped: a wrong second character, too few digits.
    expect(maskNationalIds('A312345678 A12345678 req-1')).toBe('A312345678 A12345678 req-1');
  });

  it('never writes search text or a national ID number to the log', async () => {
    const headers = await loginAs(t, world.users.ministryAdmin.id);
    const nationalId = 'A123456789';
    const residentId = 'AB12345678';
    const search = 'plainsearchtext';
    t.logLines.length = 0;
    const requests = [
      { method: 'GET' as const, url: `/api/v1/systems?q=${search}&page=1` },
      { method: 'GET' as const, url: `/api/v1/systems?q=${nationalId}` },
      { method: 'GET' as const, url: `/api/v1/hosts?q=${residentId}` },
      { method: 'GET' as const, url: `/api/v1/systems/${nationalId}` },
      { method: 'GET' as const, url: `/api/v1/unknown/${residentId}?${nationalId}=1` },
      {
        method: 'POST' as const,
        url: '/api/v1/hosts',
        payload: { orgId: nationalId, hostname: nationalId, notes: nationalId },
      },
      { method: 'GET' as const, url: `/test/person/${nationalId}` },
    ];
    for (const request of requests) {
      await t.app.inject({ ...request, headers });
    }
    const log = t.logLines.join('');
    for (const line of t.logLines) {
      expect(() => JSON.parse(line) as unknown).not.toThrow();
    }
    for (const leaked of [search, nationalId, nationalId.toLowerCase(), residentId]) {
      expect(log).not.toContain(leaked);
    }
    expect(log).toContain('/api/v1/systems?q&page');
    expect(log).toContain('no record for [REDACTED]');
  });

  it('never writes cookies, bearer tokens, passwords or invitation tokens to the log', async () => {
    const session = await createSession(t.deps, {
      userId: world.users.ministryAdmin.id,
      stage: 'active',
      ip: null,
      userAgent: null,
      now: t.deps.clock.now(),
    });
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/organisations',
      headers: { cookie: `${SESSION_COOKIE}=${session.token}` },
    });
    await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Bearer cus_SUPERSECRETTOKENVALUE' },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@moe.gov.tw', password: 'MyPlainPassword-123' },
    });
    await t.app.inject({ method: 'GET', url: '/api/v1/auth/invites/INVITESECRETTOKEN0123456789' });
    const log = t.logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    expect(log).toContain('/api/v1/organisations');
    for (const secret of [
      session.token,
      'SUPERSECRETTOKENVALUE',
      'MyPlainPassword-123',
      'INVITESECRETTOKEN0123456789',
    ]) {
      expect(log).not.toContain(secret);
    }
  });
});
