import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makeUser } from '../../db/factories.js';
import { apiTokens, auditEvents, invites, users } from '../../db/schema/index.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { systemContext } from '../../lib/context.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { setUserPassword } from './password.service.js';

let t: TestApp;
let orgId: string;

beforeAll(async () => {
  t = await createTestApp();
  orgId = (await makeOrganisation(t.db.db, { kind: 'unit', name: '國立甲大學' })).id;
});
afterAll(async () => t.close());

function errorCode(res: LightMyRequestResponse): string | undefined {
  return json<{ error?: { code: string } }>(res).error?.code;
}

/** An invited user without a password and a fresh link token. */
async function invited(expiresInMs = 3_600_000) {
  const user = await makeUser(t.db.db, { orgId, role: 'unit_admin', password: null, name: '林小華' });
  const token = randomToken(32);
  await t.db.db
    .insert(invites)
    .values({ userId: user.id, tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + expiresInMs) });
  return { user, token };
}

describe('invitations', () => {
  it('shows the invitation and sets the first password once', async () => {
    const { user, token } = await invited();
    const info = await t.app.inject({ method: 'GET', url: `/api/v1/auth/invites/${token}` });
    expect(info.statusCode).toBe(200);
    expect(json(info)).toMatchObject({ email: user.email, name: '林小華', orgName: '國立甲大學', orgNameEn: null });

    const short = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/invites/${token}`,
      payload: { password: 'too short' },
    });
    expect(errorCode(short)).toBe('PASSWORD_TOO_SHORT');
    for (const password of ['aaaaaaaaaaaa', '123456789012', 'password1234', '林小華的第一個安全密碼呀', user.email]) {
      const weak = await t.app.inject({ method: 'POST', url: `/api/v1/auth/invites/${token}`, payload: { password } });
      expect(weak.statusCode, password).toBe(400);
      expect(json(weak), password).toMatchObject({
        error: { code: 'PASSWORD_TOO_WEAK', fields: [{ path: 'password' }] },
      });
    }
    // Refusals leave the link usable.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/auth/invites/${token}` })).statusCode).toBe(200);

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/invites/${token}`,
      payload: { password: 'my first real password' },
    });
    expect(res.statusCode).toBe(204);
    const [row] = await t.db.db.select().from(users).where(eq(users.id, user.id));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    const events = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.invite_accept'));
    expect(events.map((e) => e.targetId)).toEqual([user.id]);

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'my first real password' },
    });
    expect(login.statusCode).toBe(200);

    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/invites/${token}`,
      payload: { password: 'another password here' },
    });
    expect(errorCode(again)).toBe('INVITE_INVALID');
    expect(errorCode(await t.app.inject({ method: 'GET', url: `/api/v1/auth/invites/${token}` }))).toBe(
      'INVITE_INVALID',
    );
  });

  it('refuses expired and unknown links', async () => {
    const { token } = await invited(-1000);
    const expired = await t.app.inject({ method: 'GET', url: `/api/v1/auth/invites/${token}` });
    expect(expired.statusCode).toBe(400);
    expect(errorCode(expired)).toBe('INVITE_INVALID');
    const unknown = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/invites/${randomToken(32)}`,
      payload: { password: 'my first real password' },
    });
    expect(errorCode(unknown)).toBe('INVITE_INVALID');
  });

  it('does not sign in an invited user before they set a password', async () => {
    const { user } = await invited();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'anything at all 1' },
    });
    expect(errorCode(res)).toBe('INVALID_CREDENTIALS');
  });
});

/** A live personal API token of a user, inserted directly; returns the bearer header. */
async function apiTokenOf(userId: string): Promise<Record<string, string>> {
  const secret = `cus_${randomToken(32)}`;
  await t.db.db.insert(apiTokens).values({
    userId,
    name: 'script',
    tokenHash: sha256Hex(secret),
    prefix: secret.slice(0, 12),
    scopes: ['read'],
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  return { authorization: `Bearer ${secret}` };
}

describe('credentials after a new password', () => {
  it('accepting an invitation revokes every session and API token of the user', async () => {
    const { user, token } = await invited();
    const session = await loginAs(t, user.id);
    const bearer = await apiTokenOf(user.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/auth/invites/${token}`,
      payload: { password: 'my first real password' },
    });
    expect(res.statusCode).toBe(204);
    for (const headers of [session, bearer]) {
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(401);
    }
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, user.id))
      .then((rows) => rows.filter((e) => e.action === 'auth.invite_accept'));
    expect(event?.summary).toMatchObject({ revokedSessions: 1, revokedApiTokens: 1 });
  });

  it('setting a password from the CLI revokes API tokens too', async () => {
    const { user } = await invited();
    const bearer = await apiTokenOf(user.id);
    await setUserPassword(t.deps, systemContext('cli', new Date()), {
      userId: user.id,
      password: 'set from the command line',
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer })).statusCode).toBe(401);
  });
});

describe('setUserPassword (for the CLI)', () => {
  it('applies the policy, closes open invitations and ends sessions', async () => {
    const { user, token } = await invited();
    const ctx = systemContext('cli', new Date());
    await expect(setUserPassword(t.deps, ctx, { userId: user.id, password: 'short' })).rejects.toMatchObject({
      code: 'PASSWORD_TOO_SHORT',
    });
    await expect(setUserPassword(t.deps, ctx, { userId: user.id, password: 'password1234' })).rejects.toMatchObject({
      code: 'PASSWORD_TOO_WEAK',
    });
    const session = await loginAs(t, user.id);
    await setUserPassword(t.deps, ctx, { userId: user.id, password: 'set from the command line' });
    await expect(
      setUserPassword(t.deps, ctx, { userId: user.id, password: 'set from the command line' }),
    ).rejects.toMatchObject({ code: 'PASSWORD_REUSED' });

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: session })).statusCode).toBe(401);
    expect(errorCode(await t.app.inject({ method: 'GET', url: `/api/v1/auth/invites/${token}` }))).toBe(
      'INVITE_INVALID',
    );
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'user.password_set'), eq(auditEvents.targetId, user.id)));
    expect(event).toMatchObject({ targetId: user.id, actorUserId: null, actorLabel: 'cli@system' });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: 'set from the command line' },
    });
    expect(login.statusCode).toBe(200);
  });
});
