import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { keyRingFrom } from './crypto.js';
import { redactUrl } from './logging.js';
import { createTestDb, testConfig, type TestDb } from '../test/helpers.js';
import { makeWorld } from '../db/factories.js';
import { createSession, SESSION_COOKIE } from '../modules/auth/session.service.js';
import type { FastifyInstance } from 'fastify';

describe('safe logging', () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  let db: TestDb;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await createTestDb();
    app = await buildApp({
      config: testConfig({ LOG_LEVEL: 'info' }),
      db,
      keys: keyRingFrom(Buffer.alloc(32, 5)),
      logStream: stream,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  it('redacts secrets in URLs', () => {
    expect(redactUrl('/api/v1/auth/invites/abcdefSECRET123')).toBe('/api/v1/auth/invites/[REDACTED]');
    expect(redactUrl('/api/v1/auth/oidc/callback?code=SECRET&state=S2&iss=x')).toBe(
      '/api/v1/auth/oidc/callback?code=%5BREDACTED%5D&state=%5BREDACTED%5D&iss=x',
    );
    expect(redactUrl('/api/v1/users?q=abc')).toBe('/api/v1/users?q=abc');
  });

  it('never writes cookies, bearer tokens, passwords or invitation tokens to the log', async () => {
    const world = await makeWorld(db.db);
    const session = await createSession(app.deps, {
      userId: world.users.ministryAdmin.id,
      stage: 'active',
      ip: null,
      userAgent: null,
    });
    await app.inject({
      method: 'GET',
      url: '/api/v1/organisations',
      headers: { cookie: `${SESSION_COOKIE}=${session.token}` },
    });
    await app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Bearer cus_SUPERSECRETTOKENVALUE' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'admin@moe.gov.tw', password: 'MyPlainPassword-123' },
    });
    await app.inject({ method: 'GET', url: '/api/v1/auth/invites/INVITESECRETTOKEN0123456789' });
    const log = lines.join('');
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
