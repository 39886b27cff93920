import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makeUser } from '../../db/factories.js';
import { apiTokens, sessions, users } from '../../db/schema/index.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { createSession, revokeUserCredentials, SESSION_COOKIE } from './session.service.js';

let t: TestApp;
let orgId: string;
let ministryId: string;

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await makeOrganisation(t.db.db, { kind: 'unit' })).id;
  ministryId = (await makeOrganisation(t.db.db, { kind: 'ministry' })).id;
});
afterAll(async () => t.close());

async function newUser() {
  return makeUser(t.db.db, { orgId, role: 'unit_member' });
}

function errorCode(res: LightMyRequestResponse): string | undefined {
  return json<{ error?: { code: string } }>(res).error?.code;
}

async function createToken(headers: Record<string, string>, scopes: string[]) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/account/tokens',
    headers,
    payload: { name: 'script', scopes, expiresInDays: 30 },
  });
  expect(res.statusCode).toBe(201);
  return json<{ token: { id: string; prefix: string; scopes: string[] }; secret: string }>(res);
}

describe('session timeouts', () => {
  it('answers SESSION_EXPIRED once the idle timeout has passed', async () => {
    const user = await newUser();
    const headers = await loginAs(t, user.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(200);
    await t.db.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
      .where(eq(sessions.userId, user.id));
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers });
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('SESSION_EXPIRED');
    const [row] = await t.db.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row?.revokedAt).toBeInstanceOf(Date);
  });

  it('refuses a session past its absolute expiry', async () => {
    const user = await newUser();
    const headers = await loginAs(t, user.id);
    await t.db.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.userId, user.id));
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers });
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });
});

describe('CSRF', () => {
  it('refuses cookie-authenticated writes without the right X-CSRF-Token', async () => {
    const user = await newUser();
    const { cookie, 'x-csrf-token': csrf } = await loginAs(t, user.id);
    const payload = { name: 'Changed' };
    const missing = await t.app.inject({ method: 'PATCH', url: '/api/v1/account', headers: { cookie }, payload });
    expect(missing.statusCode).toBe(403);
    expect(errorCode(missing)).toBe('CSRF_INVALID');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie, 'x-csrf-token': 'f'.repeat(64) },
      payload,
    });
    expect(errorCode(wrong)).toBe('CSRF_INVALID');
    const other = await loginAs(t, (await newUser()).id);
    const foreign = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie, 'x-csrf-token': other['x-csrf-token'] ?? '' },
      payload,
    });
    expect(errorCode(foreign)).toBe('CSRF_INVALID');
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: { cookie, 'x-csrf-token': csrf ?? '' },
      payload,
    });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ name: 'Changed' });
  });
});

describe('personal API tokens', () => {
  it('stores only a hash and lets a read token read but not write', async () => {
    const user = await newUser();
    const headers = await loginAs(t, user.id);
    const { token, secret } = await createToken(headers, ['read']);
    expect(secret).toMatch(/^cus_[A-Za-z0-9_-]{40,}$/);
    expect(secret.startsWith(token.prefix)).toBe(true);
    const [row] = await t.db.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(row?.tokenHash).not.toContain(secret);
    expect(JSON.stringify(row)).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer });
    expect(read.statusCode).toBe(200);
    expect(json(read)).toMatchObject({ id: user.id });
    const write = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: bearer,
      payload: { name: 'By token' },
    });
    expect(write.statusCode).toBe(403);
    expect(errorCode(write)).toBe('TOKEN_SCOPE');
  });

  it('lets a write token write, but never manage tokens or sessions', async () => {
    const headers = await loginAs(t, (await newUser()).id);
    const { secret } = await createToken(headers, ['read', 'write']);
    const bearer = { authorization: `Bearer ${secret}` };
    const write = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers: bearer,
      payload: { dateFormat: 'iso' },
    });
    expect(write.statusCode).toBe(200);
    for (const [method, url] of [
      ['GET', '/api/v1/account/tokens'],
      ['POST', '/api/v1/account/tokens'],
      ['GET', '/api/v1/account/sessions'],
      ['GET', '/api/v1/auth/session'],
    ] as const) {
      const res = await t.app.inject({
        method,
        url,
        headers: bearer,
        ...(method === 'POST' ? { payload: { name: 'x', scopes: ['read'] } } : {}),
      });
      expect(errorCode(res), `${method} ${url}`).toBe('TOKEN_SCOPE');
    }
  });

  it('refuses expired and revoked tokens with 401', async () => {
    const headers = await loginAs(t, (await newUser()).id);
    const expired = await createToken(headers, ['read']);
    await t.db.db
      .update(apiTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiTokens.id, expired.token.id));
    const res1 = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account',
      headers: { authorization: `Bearer ${expired.secret}` },
    });
    expect(res1.statusCode).toBe(401);

    const revoked = await createToken(headers, ['read']);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/account/tokens/${revoked.token.id}`, headers });
    expect(del.statusCode).toBe(204);
    const res2 = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account',
      headers: { authorization: `Bearer ${revoked.secret}` },
    });
    expect(res2.statusCode).toBe(401);
    expect(errorCode(res2)).toBe('UNAUTHENTICATED');

    const list = await t.app.inject({ method: 'GET', url: '/api/v1/account/tokens', headers });
    expect(json<{ items: { id: string }[] }>(list).items.map((i) => i.id)).toEqual([expired.token.id]);
  });

  it('does not let a user revoke or see another user’s token', async () => {
    const owner = await loginAs(t, (await newUser()).id);
    const { token } = await createToken(owner, ['read']);
    const intruder = await loginAs(t, (await newUser()).id);
    const res = await t.app.inject({ method: 'DELETE', url: `/api/v1/account/tokens/${token.id}`, headers: intruder });
    expect(res.statusCode).toBe(404);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/account/tokens', headers: intruder });
    expect(json<{ items: unknown[] }>(list).items).toEqual([]);
  });

  it('refuses lifetimes over 365 days', async () => {
    const headers = await loginAs(t, (await newUser()).id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/tokens',
      headers,
      payload: { name: 'long', scopes: ['read'], expiresInDays: 366 },
    });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('VALIDATION_FAILED');
  });
});

describe('own sessions', () => {
  it('lists and revokes only the user’s own sessions', async () => {
    const user = await newUser();
    const current = await loginAs(t, user.id);
    const other = await loginAs(t, user.id);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/account/sessions', headers: current });
    const items = json<{ items: { id: string; current: boolean }[] }>(list).items;
    expect(items).toHaveLength(2);
    expect(items.filter((i) => i.current)).toHaveLength(1);
    const otherId = items.find((i) => !i.current)?.id ?? '';

    const stranger = await loginAs(t, (await newUser()).id);
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/account/sessions/${otherId}`,
      headers: stranger,
    });
    expect(foreign.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: other })).statusCode).toBe(200);

    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/account/sessions/${otherId}`, headers: current });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: other })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: current })).statusCode).toBe(200);
  });

  it('signs out every other session', async () => {
    const user = await newUser();
    const current = await loginAs(t, user.id);
    const others = [await loginAs(t, user.id), await loginAs(t, user.id)];
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/account/sessions/revoke-others', headers: current });
    expect(json(res)).toEqual({ revoked: 2 });
    for (const headers of others) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(401);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: current })).statusCode).toBe(200);
  });
});

describe('GET /auth/oidc/config without SSO', () => {
  it('reports single sign-on as off and refuses to start it', async () => {
    const config = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/config' });
    expect(json(config)).toEqual({ enabled: false, startUrl: null });
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    expect(start.statusCode).toBe(404);
    expect(errorCode(start)).toBe('OIDC_NOT_CONFIGURED');
  });
});

describe('MFA for roles that require it', () => {
  it('sends an active session of an unenrolled Ministry user back to enrolment, for good', async () => {
    const user = await makeUser(t.db.db, { orgId: ministryId, role: 'ministry_admin' });
    const session = await createSession(t.deps, {
      userId: user.id,
      stage: 'active',
      ip: null,
      userAgent: null,
      now: t.deps.clock.now(),
    });
    const headers = { cookie: `${SESSION_COOKIE}=${session.token}` };
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('MFA_ENROLMENT_REQUIRED');
    const [row] = await t.db.db.select().from(sessions).where(eq(sessions.id, session.sessionId));
    expect(row?.stage).toBe('mfa_enrolment');
    const info = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers });
    expect(json(info)).toMatchObject({ stage: 'mfa_enrolment' });
  });

  it('applies MFA after a role change: the session is demoted and API tokens stop working', async () => {
    const user = await newUser();
    const headers = await loginAs(t, user.id);
    const { secret } = await createToken(headers, ['read']);
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer })).statusCode).toBe(200);
    await t.db.db.update(users).set({ role: 'ministry_admin', orgId: ministryId }).where(eq(users.id, user.id));

    const byToken = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer });
    expect(byToken.statusCode).toBe(401);
    expect(errorCode(byToken)).toBe('UNAUTHENTICATED');
    const bySession = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers });
    expect(errorCode(bySession)).toBe('MFA_ENROLMENT_REQUIRED');

    // Once enrolled, a token of the same user works again.
    await t.db.db.update(users).set({ mfaEnabledAt: new Date() }).where(eq(users.id, user.id));
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer })).statusCode).toBe(200);
  });

  it('leaves roles without the requirement alone', async () => {
    const user = await newUser();
    const headers = await loginAs(t, user.id);
    const { secret } = await createToken(headers, ['read']);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account',
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(200);
  });
});

describe('revokeUserCredentials', () => {
  it('revokes every live session and API token of the user, and nobody else’s', async () => {
    const user = await newUser();
    const bystander = await newUser();
    const sessionA = await loginAs(t, user.id);
    const sessionB = await loginAs(t, user.id);
    const { secret } = await createToken(sessionA, ['read']);
    const other = await loginAs(t, bystander.id);
    const otherToken = await createToken(other, ['read']);

    const counts = await t.db.db.transaction((tx) => revokeUserCredentials(tx, user.id, new Date()));
    expect(counts).toEqual({ sessions: 2, apiTokens: 1 });
    for (const headers of [sessionA, sessionB, { authorization: `Bearer ${secret}` }]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(401);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: other })).statusCode).toBe(200);
    const byOtherToken = await t.app.inject({
      method: 'GET',
      url: '/api/v1/account',
      headers: { authorization: `Bearer ${otherToken.secret}` },
    });
    expect(byOtherToken.statusCode).toBe(200);
  });
});

describe('the actor cache (issue 12)', () => {
  const get = (headers: Record<string, string>) => t.app.inject({ method: 'GET', url: '/api/v1/account', headers });

  it('refuses a revoked API token and a revoked session on the very next request', async () => {
    const user = await newUser();
    const session = await loginAs(t, user.id);
    const { token, secret } = await createToken(session, ['read']);
    const bearer = { authorization: `Bearer ${secret}` };
    // Twice each: the second answer comes from the cache.
    for (let i = 0; i < 2; i += 1) {
      expect((await get(bearer)).statusCode).toBe(200);
      expect((await get(session)).statusCode).toBe(200);
    }
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/account/tokens/${token.id}`,
      headers: session,
    });
    expect(revoked.statusCode).toBeLessThan(300);
    expect((await get(bearer)).statusCode).toBe(401);
    // Revoked in SQL, behind the server's back: the triggers still tell the cache.
    await t.db.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.userId, user.id));
    expect((await get(session)).statusCode).toBe(401);
  });

  it('refuses a deactivated user on the very next request, by token and by session', async () => {
    const user = await newUser();
    const session = await loginAs(t, user.id);
    const { secret } = await createToken(session, ['read']);
    const bearer = { authorization: `Bearer ${secret}` };
    for (let i = 0; i < 2; i += 1) {
      expect((await get(bearer)).statusCode).toBe(200);
      expect((await get(session)).statusCode).toBe(200);
    }
    await t.db.db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    expect((await get(bearer)).statusCode).toBe(401);
    expect((await get(session)).statusCode).toBe(401);
  });

  it('answers a cached credential with one query before the route’s own', async () => {
    const user = await newUser();
    const session = await loginAs(t, user.id);
    const { secret } = await createToken(session, ['read']);
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await get(bearer)).statusCode).toBe(200);
    const client = t.db.pglite;
    if (!client) {
      return; // PostgreSQL tier: the query count is PGlite's to show.
    }
    const queries: string[] = [];
    const original = client.query.bind(client);
    client.query = ((text: string, ...rest: unknown[]) => {
      queries.push(text);
      return (original as (...args: unknown[]) => unknown)(text, ...rest);
    }) as typeof client.query;
    try {
      expect((await get(bearer)).statusCode).toBe(200);
    } finally {
      client.query = original;
    }
    // No token lookup: only the change counter, whatever the route itself reads.
    const authQueries = queries.filter((q) => /"api_tokens"|"change_counters"/.test(q));
    expect(authQueries).toEqual([expect.stringContaining('"change_counters"')]);
  });
});
