import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from './logging.js';
import { createTestApp, type TestApp } from '../test/helpers.js';
import { makeWorld } from '../db/factories.js';
import { createSession, SESSION_COOKIE } from '../modules/auth/session.service.js';

describe('safe logging', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ captureLogs: true });
  });
  afterAll(async () => t.close());

  it('redacts secrets in URLs', () => {
    expect(redactUrl('/api/v1/auth/invites/abcdefSECRET123')).toBe('/api/v1/auth/invites/[REDACTED]');
    expect(redactUrl('/api/v1/auth/oidc/callback?code=SECRET&state=S2&iss=x')).toBe(
      '/api/v1/auth/oidc/callback?code=%5BREDACTED%5D&state=%5BREDACTED%5D&iss=x',
    );
    expect(redactUrl('/api/v1/users?q=abc')).toBe('/api/v1/users?q=abc');
  });

  it('never writes cookies, bearer tokens, passwords or invitation tokens to the log', async () => {
    const world = await makeWorld(t.db.db);
    const session = await createSession(t.deps, {
      userId: world.users.ministryAdmin.id,
      stage: 'active',
      ip: null,
      userAgent: null,
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
