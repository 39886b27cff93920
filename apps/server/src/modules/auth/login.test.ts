import { asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '@custodian/shared';
import { makeOrganisation, makeUser } from '../../db/factories.js';
import { auditEvents, recoveryCodes, sessions, users } from '../../db/schema/index.js';
import { encryptField } from '../../lib/crypto.js';
import { createTotpSecret, generateTotp } from '../../lib/totp.js';
import { createTestApp, json, type TestApp } from '../../test/helpers.js';
import { hashRecoveryCode } from './mfa.service.js';
import { SESSION_COOKIE } from './session.service.js';

const PASSWORD = 'correct horse battery staple';
let t: TestApp;
let orgId: string;
let ministryId: string;
let ipCounter = 0;

/** Each test signs in from its own address, so the per-IP rate limit only bites where tested. */
function nextIp(): string {
  ipCounter += 1;
  return `10.0.${Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
}

function sessionCookie(res: LightMyRequestResponse): string {
  const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
  expect(cookie, 'session cookie').toBeDefined();
  return cookie?.value ?? '';
}

function headersFor(res: LightMyRequestResponse): Record<string, string> {
  return { cookie: `${SESSION_COOKIE}=${sessionCookie(res)}`, 'x-csrf-token': json<SessionInfo>(res).csrfToken };
}

async function login(email: string, password = PASSWORD, ip = nextIp()) {
  return t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: ip });
}

/** A user with TOTP enrolled directly in the database, and its secret and one recovery code. */
async function userWithMfa(role: 'unit_member' | 'ministry_admin' = 'unit_member') {
  const user = await makeUser(t.db.db, { orgId: role === 'ministry_admin' ? ministryId : orgId, role });
  const secret = createTotpSecret();
  await t.db.db
    .update(users)
    .set({ mfaSecretEnc: encryptField(t.keys, secret), mfaEnabledAt: new Date() })
    .where(eq(users.id, user.id));
  const recoveryCode = 'abcde-fghjk';
  await t.db.db.insert(recoveryCodes).values({ userId: user.id, codeHash: hashRecoveryCode(recoveryCode) });
  return { user, secret, recoveryCode };
}

async function readUser(id: string) {
  const [row] = await t.db.db.select().from(users).where(eq(users.id, id));
  return row;
}

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await t.db.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.targetId, targetId))
    .orderBy(asc(auditEvents.seq));
  return rows.map((r) => r.action);
}

beforeAll(async () => {
  t = await createTestApp();
  const ministry = await makeOrganisation(t.db.db, { kind: 'ministry', code: 'MOE' });
  ministryId = ministry.id;
  orgId = (await makeOrganisation(t.db.db, { kind: 'unit', parentId: ministry.id })).id;
});
afterAll(async () => t.close());
afterEach(() => {
  vi.useRealTimers();
});

describe('POST /auth/login', () => {
  it('signs a unit member straight in with a hardened cookie', async () => {
    const user = await makeUser(t.db.db, { orgId, role: 'unit_member' });
    const res = await login(user.email.toUpperCase());
    expect(res.statusCode).toBe(200);
    const info = json<SessionInfo>(res);
    expect(info).toMatchObject({ stage: 'active', user: { id: user.id, email: user.email, mfaEnabled: false } });
    expect(info.idleTimeoutMinutes).toBe(30);
    const raw = String(res.headers['set-cookie']);
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Lax/);
    expect(raw).toMatch(/Path=\//);
    expect(raw).not.toMatch(/Secure/);
    const row = await readUser(user.id);
    expect(row?.lastLoginAt).toBeInstanceOf(Date);

    const session = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: headersFor(res) });
    expect(json<SessionInfo>(session)).toMatchObject({ stage: 'active', csrfToken: info.csrfToken });
    const events = await t.db.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, user.id));
    expect(events.map((e) => e.action)).toEqual(['auth.login']);
    expect(events[0]?.ip).toBeTruthy();
  });

  it('sends a Ministry role without MFA to enrolment', async () => {
    const user = await makeUser(t.db.db, { orgId: ministryId, role: 'ministry_admin' });
    const res = await login(user.email);
    expect(json<SessionInfo>(res).stage).toBe('mfa_enrolment');
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: headersFor(res) });
    expect(blocked.statusCode).toBe(403);
    expect(json(blocked)).toMatchObject({ error: { code: 'MFA_ENROLMENT_REQUIRED' } });
  });

  it('asks an enrolled user for a code, then rotates the cookie on success', async () => {
    const { user, secret } = await userWithMfa();
    const first = await login(user.email);
    expect(json<SessionInfo>(first).stage).toBe('mfa_pending');
    const pending = headersFor(first);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: pending });
    expect(json(blocked)).toMatchObject({ error: { code: 'MFA_REQUIRED' } });

    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/mfa',
      headers: pending,
      payload: { code: await generateTotp({ secret, at: new Date() }) },
    });
    expect(res.statusCode).toBe(200);
    expect(json<SessionInfo>(res).stage).toBe('active');
    const rotated = sessionCookie(res);
    expect(`${SESSION_COOKIE}=${rotated}`).not.toBe(pending.cookie);
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: pending });
    expect(old.statusCode).toBe(401);
    const fresh = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: headersFor(res) });
    expect(fresh.statusCode).toBe(200);
  });

  it('gives unknown e-mails and wrong passwords the same answer', async () => {
    const user = await makeUser(t.db.db, { orgId, role: 'unit_member' });
    const unknown = await login('nobody@example.edu.tw');
    const wrong = await login(user.email, 'wrong password 123');
    expect(unknown.statusCode).toBe(401);
    expect(json(unknown)).toEqual(json(wrong));
    expect(json(unknown)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    expect(unknown.cookies).toEqual([]);
    const failures = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'auth.login_failed'));
    expect(failures.some((e) => e.summary['email'] === 'nobody@example.edu.tw')).toBe(true);
  });

  it('refuses a disabled account only after the right password', async () => {
    const user = await makeUser(t.db.db, { orgId, role: 'unit_member' });
    await t.db.db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    expect(json(await login(user.email, 'wrong password 123'))).toMatchObject({
      error: { code: 'INVALID_CREDENTIALS' },
    });
    const res = await login(user.email);
    expect(res.statusCode).toBe(403);
    expect(json(res)).toMatchObject({ error: { code: 'ACCOUNT_DISABLED' } });
  });

  it('locks after 5 failures for 15 minutes without extending the lock or revealing it', async () => {
    const user = await makeUser(t.db.db, { orgId, role: 'unit_member' });
    const ip = nextIp();
    const answers: LightMyRequestResponse[] = [];
    for (let i = 0; i < 5; i += 1) {
      answers.push(await login(user.email, `wrong password ${i}xx`, ip));
    }
    // The locking attempt looks like any other wrong password, and like an unknown e-mail.
    const unknown = await login('nobody.at.all@example.edu.tw', 'wrong password 0xx', ip);
    expect(answers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 401]);
    for (const res of answers) {
      expect(json(res)).toEqual(json(unknown));
    }
    expect(json(unknown)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
    const locked = await readUser(user.id);
    const lockedUntil = locked?.lockedUntil?.getTime() ?? 0;
    expect(lockedUntil - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(lockedUntil - Date.now()).toBeLessThanOrEqual(15 * 60_000);

    await login(user.email, 'another wrong one', ip);
    await login(user.email, PASSWORD, ip);
    expect((await readUser(user.id))?.lockedUntil?.getTime()).toBe(lockedUntil);
    const rows = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, user.id))
      .orderBy(asc(auditEvents.seq));
    expect(rows.map((r) => [r.action, r.summary['reason']])).toEqual([
      ...Array.from({ length: 5 }, () => ['auth.login_failed', 'bad_password']),
      ['auth.account_lock', undefined],
      ['auth.login_failed', 'locked'],
      ['auth.login_failed', 'locked'],
    ]);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(lockedUntil + 1_000));
    const after = await login(user.email, PASSWORD, ip);
    expect(after.statusCode).toBe(200);
    const unlocked = await readUser(user.id);
    expect(unlocked?.failedLoginCount).toBe(0);
    expect(unlocked?.lockedUntil).toBeNull();
  });

  it('answers the right password during a lock exactly like a wrong one or an unknown e-mail', async () => {
    const user = await makeUser(t.db.db, { orgId, role: 'unit_member' });
    const ip = nextIp();
    for (let i = 0; i < 5; i += 1) {
      await login(user.email, `wrong password ${i}xx`, ip);
    }
    expect((await readUser(user.id))?.lockedUntil?.getTime() ?? 0).toBeGreaterThan(Date.now());
    const answer = (res: LightMyRequestResponse) => ({ status: res.statusCode, body: json(res) });
    const right = answer(await login(user.email, PASSWORD, ip));
    const wrong = answer(await login(user.email, 'another wrong one', ip));
    const unknown = answer(await login('nobody.here@example.edu.tw', PASSWORD, ip));
    expect(right).toEqual(wrong);
    expect(right).toEqual(unknown);
    expect(right).toMatchObject({ status: 401, body: { error: { code: 'INVALID_CREDENTIALS' } } });
    // The one answer tells the legitimate user about the lock, in both languages.
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
      headers: { 'accept-language': 'en' },
      remoteAddress: ip,
    });
    expect(json(en)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS', message: /locked for 15 minutes/ } });
    expect(right.body).toMatchObject({ error: { message: /鎖定 15 分鐘/ } });
  });

  it('resets the failure counter on success', async () => {
    const user = await makeUser(t.db.db, { orgId, role: 'unit_member' });
    for (let i = 0; i < 4; i += 1) {
      await login(user.email, 'wrong password xx');
    }
    expect((await readUser(user.id))?.failedLoginCount).toBe(4);
    expect((await login(user.email)).statusCode).toBe(200);
    expect((await readUser(user.id))?.failedLoginCount).toBe(0);
  });

  it('answers 429 RATE_LIMITED after 10 attempts a minute from one address', async () => {
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) {
      statuses.push((await login('nobody@example.edu.tw', 'wrong password xx', ip)).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    const last = await login('nobody@example.edu.tw', 'wrong password xx', ip);
    expect(json(last)).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await login('nobody@example.edu.tw', 'wrong password xx', nextIp())).statusCode).toBe(401);
  });
});

describe('POST /auth/mfa', () => {
  async function pendingSession() {
    const enrolled = await userWithMfa();
    const res = await login(enrolled.user.email);
    expect(json<SessionInfo>(res).stage).toBe('mfa_pending');
    return { ...enrolled, headers: headersFor(res) };
  }
  function mfa(headers: Record<string, string>, payload: Record<string, string>) {
    return t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa', headers, payload, remoteAddress: nextIp() });
  }

  it('refuses a wrong code', async () => {
    const { user, secret, headers } = await pendingSession();
    const good = await generateTotp({ secret, at: new Date() });
    const wrong = good === '000000' ? '111111' : '000000';
    const res = await mfa(headers, { code: wrong });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'MFA_INVALID_CODE' } });
    expect((await readUser(user.id))?.failedLoginCount).toBe(1);
  });

  it('refuses a replayed code from the same time step', async () => {
    const { user, secret, headers } = await pendingSession();
    const code = await generateTotp({ secret, at: new Date() });
    expect((await mfa(headers, { code })).statusCode).toBe(200);
    const second = await login(user.email);
    const replay = await mfa(headersFor(second), { code });
    expect(json(replay)).toMatchObject({ error: { code: 'MFA_INVALID_CODE' } });
    // The next time step (within the ±1 window) is still accepted.
    const next = await generateTotp({ secret, at: new Date(Date.now() + 30_000) });
    expect((await mfa(headersFor(second), { code: next })).statusCode).toBe(200);
  });

  it('accepts a recovery code once', async () => {
    const { user, recoveryCode, headers } = await pendingSession();
    const res = await mfa(headers, { recoveryCode: recoveryCode.toUpperCase() });
    expect(res.statusCode).toBe(200);
    expect(json<SessionInfo>(res).stage).toBe('active');
    const again = await login(user.email);
    const reused = await mfa(headersFor(again), { recoveryCode });
    expect(reused.statusCode).toBe(400);
    expect(json(reused)).toMatchObject({ error: { code: 'RECOVERY_CODE_INVALID' } });
  });

  it('locks the account after 5 failed codes and ends the pending session', async () => {
    const { user, secret, headers } = await pendingSession();
    const good = await generateTotp({ secret, at: new Date() });
    const wrong = good === '000000' ? '111111' : '000000';
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      codes.push(json<{ error: { code: string } }>(await mfa(headers, { code: wrong })).error.code);
    }
    expect(codes.at(-1)).toBe('ACCOUNT_LOCKED');
    expect((await readUser(user.id))?.lockedUntil).not.toBeNull();
    const after = await mfa(headers, { code: good });
    expect(after.statusCode).toBe(401);
    // Signing in again during the lock gives no hint that the password is right.
    const right = await login(user.email);
    const wrongPassword = await login(user.email, 'wrong password xx');
    expect(right.statusCode).toBe(401);
    expect(json(right)).toEqual(json(wrongPassword));
    expect(json(right)).toMatchObject({ error: { code: 'INVALID_CREDENTIALS' } });
  });

  it('is not reachable without a pending session', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/mfa', payload: { code: '123456' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /auth/logout', () => {
  it('revokes the session and clears the cookie', async () => {
    const user = await makeUser(t.db.db, { orgId, role: 'unit_member' });
    const res = await login(user.email);
    const headers = headersFor(res);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === SESSION_COOKIE)?.value).toBe('');
    const [row] = await t.db.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(row?.revokedAt).toBeInstanceOf(Date);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers })).statusCode).toBe(401);
    expect(await auditActions(row?.id ?? '')).toEqual(['auth.login', 'auth.logout']);
  });
});
