import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeWorld, makeUser, type World } from '../../db/factories.js';
import { apiTokens, auditEvents, invites, sessions, users } from '../../db/schema/index.js';
import { createTestClock, type TestClock } from '../../lib/clock.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { INVITE_TTL_MS } from '../users/users.service.js';

/**
 * Sign-in, sessions, tokens and invitations run on the app's clock (ADR 0014): the app is
 * started years away from the machine's time, so any decision taken on the system time
 * instead would come out differently here.
 */
const START = '2031-03-01T00:00:00.000Z';
const MINUTE = 60_000;
const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let clock: TestClock;
let w: World;

beforeAll(async () => {
  clock = createTestClock(START);
  t = await createTestApp({ clock });
  w = await makeWorld(t.db.db);
});
afterAll(async () => t.close());

let ipCounter = 0;
const nextIp = () => `10.77.0.${(ipCounter += 1)}`;

function errorCode(res: LightMyRequestResponse): string | undefined {
  return json<{ error?: { code: string } }>(res).error?.code;
}

const getAccount = (headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: '/api/v1/account', headers });

describe('the app at a chosen instant', () => {
  it('times a session out when the clock passes the idle timeout, not before', async () => {
    clock.set(START);
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member' });
    const headers = await loginAs(t, user.id);
    const [created] = await t.db.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(created?.lastSeenAt.toISOString()).toBe(START);
    expect(created?.expiresAt.getTime()).toBe(Date.parse(START) + t.deps.config.SESSION_ABSOLUTE_HOURS * 3_600_000);

    const idle = t.deps.config.SESSION_IDLE_MINUTES * MINUTE;
    clock.advance(idle - MINUTE);
    expect((await getAccount(headers)).statusCode).toBe(200);
    // That request counted as activity, at the clock's time.
    const [touched] = await t.db.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(touched?.lastSeenAt.toISOString()).toBe(clock.now().toISOString());

    clock.advance(idle + MINUTE);
    const expired = await getAccount(headers);
    expect(expired.statusCode).toBe(401);
    expect(errorCode(expired)).toBe('SESSION_EXPIRED');
    const [revoked] = await t.db.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(revoked?.revokedAt?.toISOString()).toBe(clock.now().toISOString());
  });

  it('lets an invitation expire when the clock passes its lifetime', async () => {
    clock.set(START);
    const admin = await loginAs(t, w.users.unitAdminA.id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: 'clock.invitee@a.edu.tw', name: '時鐘測試', role: 'unit_member', orgId: w.orgs.unitA.id },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = json<{ user: { id: string }; inviteUrl: string }>(res);
    const token = created.inviteUrl.split('/').at(-1) ?? '';
    const [invite] = await t.db.db.select().from(invites).where(eq(invites.userId, created.user.id));
    expect(invite?.expiresAt.toISOString()).toBe(new Date(Date.parse(START) + INVITE_TTL_MS).toISOString());

    clock.advance(INVITE_TTL_MS - MINUTE);
    const open = await t.app.inject({ method: 'GET', url: `/api/v1/auth/invites/${token}` });
    expect(open.statusCode, open.body).toBe(200);

    clock.advance(2 * MINUTE);
    const late = await t.app.inject({ method: 'GET', url: `/api/v1/auth/invites/${token}` });
    expect(late.statusCode).toBe(400);
    expect(errorCode(late)).toBe('INVITE_INVALID');
  });

  it('locks an account until the clock passes the lock period, and dates the audit events by the clock', async () => {
    clock.set(START);
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member', password: PASSWORD });
    const login = (password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: user.email, password },
        remoteAddress: nextIp(),
      });
    const { maxFailures, lockMinutes } = SECURITY_POLICY.lockout;
    for (let i = 0; i < maxFailures; i += 1) {
      expect((await login('wrong password')).statusCode).toBe(401);
    }
    const [locked] = await t.db.db.select().from(users).where(eq(users.id, user.id));
    expect(locked?.lockedUntil?.toISOString()).toBe(new Date(Date.parse(START) + lockMinutes * MINUTE).toISOString());
    const events = await t.db.db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id));
    expect(events.map((e) => e.action)).toContain('auth.account_lock');
    expect(new Set(events.map((e) => e.occurredAt.toISOString()))).toEqual(new Set([START]));

    clock.advance(lockMinutes * MINUTE - MINUTE);
    expect((await login(PASSWORD)).statusCode).toBe(401);
    clock.advance(2 * MINUTE);
    const signedIn = await login(PASSWORD);
    expect(signedIn.statusCode, signedIn.body).toBe(200);
  });

  it('expires and stamps personal API tokens by the clock', async () => {
    clock.set(START);
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member' });
    const headers = await loginAs(t, user.id);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/tokens',
      headers,
      payload: { name: 'clock', scopes: ['read'], expiresInDays: 1 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { secret, token } = json<{ secret: string; token: { id: string } }>(res);
    const bearer = { authorization: `Bearer ${secret}` };

    clock.advance(23 * 60 * MINUTE);
    expect((await getAccount(bearer)).statusCode).toBe(200);
    const [used] = await t.db.db.select().from(apiTokens).where(eq(apiTokens.id, token.id));
    expect(used?.lastUsedAt?.toISOString()).toBe(clock.now().toISOString());

    clock.advance(2 * 60 * MINUTE);
    expect((await getAccount(bearer)).statusCode).toBe(401);
  });
});
