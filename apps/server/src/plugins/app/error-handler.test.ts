import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation } from '../../db/factories.js';
import { users } from '../../db/schema/index.js';
import { createTestApp, json, type TestApp } from '../../test/helpers.js';
import { loggableError } from './error-handler.js';

const SECRET_EMAIL = 'leaky.person@example.edu.tw';
const SECRET_HASH = '$argon2id$v=19$m=19456,t=2,p=1$c2VjcmV0c2FsdA$SECRETHASHVALUE';

describe('error handler logging', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      captureLogs: true,
      beforeReady: async (app, db) => {
        const org = await makeOrganisation(db.db, { kind: 'unit' });
        // Outside /api/v1, so it needs no access rule. The insert fails (duplicate e-mail),
        // and drizzle's error message carries every parameter of the query.
        app.get('/test/failing-query', async () => {
          const row = { email: SECRET_EMAIL, name: 'Leaky', role: 'unit_member' as const, orgId: org.id };
          await db.db.insert(users).values({ ...row, passwordHash: SECRET_HASH });
          await db.db.insert(users).values({ ...row, passwordHash: SECRET_HASH });
          return { ok: true };
        });
        app.get('/test/failing-code', async () => {
          throw new TypeError('plain bug without personal data');
        });
      },
    });
  });
  afterAll(async () => t.close());

  it('logs a failing query by SQLSTATE and stack, never its parameters', async () => {
    t.logLines.length = 0;
    const res = await t.app.inject({ method: 'GET', url: '/test/failing-query' });
    expect(res.statusCode).toBe(500);
    expect(json(res)).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(res.body).not.toContain(SECRET_EMAIL);
    const log = t.logLines.join('');
    expect(log).toContain('request failed');
    expect(log).not.toContain(SECRET_EMAIL);
    expect(log).not.toContain('SECRETHASHVALUE');
    expect(log).not.toContain('Failed query');
    const failed = t.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'request failed');
    expect(failed?.err).toMatchObject({ name: 'DrizzleQueryError', code: '23505' });
    expect(JSON.stringify(failed)).toMatch(/\s+at /);
  });

  it('keeps the message of errors that are not from the database', async () => {
    t.logLines.length = 0;
    const res = await t.app.inject({ method: 'GET', url: '/test/failing-code' });
    expect(res.statusCode).toBe(500);
    const failed = t.logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'request failed');
    expect(failed?.err).toMatchObject({ name: 'TypeError', message: 'plain bug without personal data' });
  });

  it('drops the message lines from the stack', () => {
    const error = new Error('first line\nsecond line with a@b.c');
    const logged = loggableError(error);
    expect(logged.stack).toBeDefined();
    expect(logged.stack).not.toContain('a@b.c');
    expect(logged.stack).not.toContain('first line');
  });
});
