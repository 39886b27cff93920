import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '@custodian/shared';
import { makeOrganisation, makeUser } from '../../db/factories.js';
import { auditEvents, passwordHistory, recoveryCodes, sessions, users } from '../../db/schema/index.js';
import { createSession, csrfTokenFor, SESSION_COOKIE } from '../auth/session.service.js';
import { generateTotp } from '../../lib/totp.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

const PASSWORD = 'correct horse battery staple';
let t: TestApp;
let unitId: string;
let ministryId: string;

beforeAll(async () => {
  t = await createTestApp();
  ministryId = (await makeOrganisation(t.db.db, { kind: 'ministry', code: 'MOE' })).id;
  unitId = (await makeOrganisation(t.db.db, { kind: 'unit', parentId: ministryId })).id;
});
afterAll(async () => t.close());

function errorCode(res: LightMyRequestResponse): string | undefined {
  return json<{ error?: { code: string } }>(res).error?.code;
}

function post(headers: Record<string, string>, url: string, payload?: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url, headers, ...(payload ? { payload } : {}) });
}

async function readUser(id: string) {
  const [row] = await t.db.db.select().from(users).where(eq(users.id, id));
  return row;
}

/** Enrols TOTP through the API; returns the secret and recovery codes. */
async function enrol(headers: Record<string, string>) {
  const setup = await post(headers, '/api/v1/account/mfa/setup');
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl, qrDataUrl } = json<{ secret: string; otpauthUrl: string; qrDataUrl: string }>(setup);
  expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Custodian:.*issuer=Custodian/);
  expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
  const code = await generateTotp({ secret, at: new Date() });
  const confirm = await post(headers, '/api/v1/account/mfa/confirm', { code });
  expect(confirm.statusCode).toBe(200);
  return { secret, code, recoveryCodes: json<{ recoveryCodes: string[] }>(confirm).recoveryCodes, confirm };
}

/** A code for the next time step, so it is not a replay of one just used. */
function nextCode(secret: string, steps = 1) {
  return generateTotp({ secret, at: new Date(Date.now() + steps * 30_000) });
}

describe('profile', () => {
  it('reads and updates name, language and date format', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member' });
    const headers = await loginAs(t, user.id);
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/account', headers });
    expect(json(me)).toMatchObject({ id: user.id, locale: 'zh-TW', dateFormat: 'roc', mfaEnabled: false });
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/account',
      headers,
      payload: { name: '王小明', locale: 'en', dateFormat: 'iso', role: 'ministry_admin' },
    });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ name: '王小明', locale: 'en', dateFormat: 'iso', role: 'unit_member' });
    const [event] = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'account.update'));
    expect(event?.summary).toMatchObject({ after: { name: '王小明', locale: 'en', dateFormat: 'iso' } });
  });
});

describe('POST /account/password', () => {
  it('applies the policy and signs out the other sessions', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member', password: PASSWORD });
    const headers = await loginAs(t, user.id);
    const other = await loginAs(t, user.id);
    const change = (currentPassword: string, newPassword: string) =>
      post(headers, '/api/v1/account/password', { currentPassword, newPassword });

    expect(errorCode(await change('not my password', 'a brand new password'))).toBe('PASSWORD_INCORRECT');
    expect(errorCode(await change(PASSWORD, 'short'))).toBe('PASSWORD_TOO_SHORT');
    expect(errorCode(await change(PASSWORD, PASSWORD))).toBe('PASSWORD_REUSED');
    expect(await readUser(user.id)).toMatchObject({ passwordHash: user.passwordHash });

    const passwords = ['second password 2', 'third password 33', 'fourth password 444'];
    let current = PASSWORD;
    for (const next of passwords) {
      const res = await change(current, next);
      expect(res.statusCode).toBe(204);
      current = next;
    }
    // The last three (including the current one) are refused; the one before them is allowed.
    expect(errorCode(await change(current, 'second password 2'))).toBe('PASSWORD_REUSED');
    expect(errorCode(await change(current, 'third password 33'))).toBe('PASSWORD_REUSED');
    expect((await change(current, PASSWORD)).statusCode).toBe(204);
    const history = await t.db.db.select().from(passwordHistory).where(eq(passwordHistory.userId, user.id));
    expect(history).toHaveLength(3);

    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: other })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(200);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
  });
});

describe('POST /account/password strength', () => {
  it('refuses a new password that is easy to guess, naming the field', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member', password: PASSWORD });
    const headers = await loginAs(t, user.id);
    const localPart = user.email.split('@')[0] ?? '';
    for (const weak of ['aaaaaaaaaaaa', '123456789012', 'password1234', `${localPart}-2026`, `${user.name} 2026!`]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/account/password',
        headers,
        payload: { currentPassword: PASSWORD, newPassword: weak },
        remoteAddress: '10.9.3.1',
      });
      expect(res.statusCode, weak).toBe(400);
      expect(json(res), weak).toMatchObject({
        error: {
          code: 'PASSWORD_TOO_WEAK',
          fields: [{ path: 'newPassword', message: expect.stringContaining('密碼') }],
        },
      });
    }
    expect(await readUser(user.id)).toMatchObject({ passwordHash: user.passwordHash, failedLoginCount: 0 });
  });
});

describe('POST /account/password and API tokens', () => {
  it('revokes every personal API token but keeps the current session', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member', password: PASSWORD });
    const headers = await loginAs(t, user.id);
    const created = await post(headers, '/api/v1/account/tokens', {
      name: 'script',
      scopes: ['read'],
      expiresInDays: 30,
    });
    const bearer = { authorization: `Bearer ${json<{ secret: string }>(created).secret}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer })).statusCode).toBe(200);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/account/password',
      headers,
      payload: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
      remoteAddress: '10.9.0.1',
    });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers: bearer })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(200);
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.targetId, user.id))
      .then((rows) => rows.filter((e) => e.action === 'account.password_change'));
    expect(event?.summary).toMatchObject({ revokedSessions: 0, revokedApiTokens: 1 });
  });
});

describe('re-authentication and the sign-in lock', () => {
  const reauth = (headers: Record<string, string>, url: string, payload: Record<string, unknown>, ip: string) =>
    t.app.inject({ method: 'POST', url, headers, payload, remoteAddress: ip });

  it('counts wrong current passwords towards the lock, then ends the session', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member', password: PASSWORD });
    const headers = await loginAs(t, user.id);
    const codes: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const res = await reauth(
        headers,
        '/api/v1/account/password',
        { currentPassword: `guess number ${i}`, newPassword: 'a brand new password' },
        '10.9.1.1',
      );
      codes.push(errorCode(res) ?? '');
    }
    expect(codes).toEqual([...Array.from({ length: 4 }, () => 'PASSWORD_INCORRECT'), 'ACCOUNT_LOCKED']);
    expect((await readUser(user.id))?.lockedUntil?.getTime() ?? 0).toBeGreaterThan(Date.now());
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(401);
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
      remoteAddress: '10.9.1.2',
    });
    // Signing in during the lock is refused like a wrong password, the right one included.
    expect(errorCode(login)).toBe('INVALID_CREDENTIALS');
  });

  it('counts wrong passwords on the MFA routes too, and refuses them while locked', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member', password: PASSWORD });
    await t.db.db.update(users).set({ mfaEnabledAt: new Date() }).where(eq(users.id, user.id));
    const headers = await loginAs(t, user.id);
    const payload = { password: 'not my password', code: '123456' };
    expect(errorCode(await reauth(headers, '/api/v1/account/mfa/disable', payload, '10.9.2.1'))).toBe(
      'PASSWORD_INCORRECT',
    );
    expect(errorCode(await reauth(headers, '/api/v1/account/mfa/recovery-codes', payload, '10.9.2.1'))).toBe(
      'PASSWORD_INCORRECT',
    );
    expect((await readUser(user.id))?.failedLoginCount).toBe(2);

    await t.db.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 600_000) })
      .where(eq(users.id, user.id));
    const right = { password: PASSWORD, code: '123456' };
    const locked = await reauth(headers, '/api/v1/account/mfa/recovery-codes', right, '10.9.2.1');
    expect(locked.statusCode).toBe(423);
    expect(errorCode(locked)).toBe('ACCOUNT_LOCKED');
    // The same answer for a wrong password: the lock is no oracle here either.
    const wrong = await reauth(headers, '/api/v1/account/mfa/recovery-codes', payload, '10.9.2.1');
    expect([wrong.statusCode, json(wrong)]).toEqual([locked.statusCode, json(locked)]);
    expect((await readUser(user.id))?.failedLoginCount).toBe(2);
  });
});

describe('MFA enrolment and management', () => {
  it('enrols a unit member and then asks for codes at sign-in', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member' });
    const headers = await loginAs(t, user.id);
    const { recoveryCodes: codes, confirm } = await enrol(headers);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect(confirm.cookies).toEqual([]);
    const row = await readUser(user.id);
    expect(row?.mfaEnabledAt).toBeInstanceOf(Date);
    expect(row?.mfaPendingSecretEnc).toBeNull();
    expect(row?.mfaSecretEnc).toMatch(/^v1\./);
    const stored = await t.db.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored.map((r) => r.codeHash)).not.toContain(codes[0]);
    expect(errorCode(await post(headers, '/api/v1/account/mfa/setup'))).toBe('MFA_ALREADY_ENABLED');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    expect(json<SessionInfo>(login).stage).toBe('mfa_pending');
  });

  it('refuses a wrong confirmation code and keeps MFA off', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member' });
    const headers = await loginAs(t, user.id);
    const setup = await post(headers, '/api/v1/account/mfa/setup');
    const { secret } = json<{ secret: string }>(setup);
    const good = await generateTotp({ secret, at: new Date() });
    const res = await post(headers, '/api/v1/account/mfa/confirm', { code: good === '123456' ? '654321' : '123456' });
    expect(errorCode(res)).toBe('MFA_INVALID_CODE');
    expect((await readUser(user.id))?.mfaEnabledAt).toBeNull();
  });

  it('activates a session waiting for enrolment under a new cookie', async () => {
    const admin = await makeUser(t.db.db, { orgId: ministryId, role: 'ministry_admin' });
    const session = await createSession(t.deps, {
      userId: admin.id,
      stage: 'mfa_enrolment',
      ip: null,
      userAgent: null,
      now: t.deps.clock.now(),
    });
    const headers = {
      cookie: `${SESSION_COOKIE}=${session.token}`,
      'x-csrf-token': csrfTokenFor(t.deps, session.sessionId),
    };
    expect(errorCode(await t.app.inject({ method: 'GET', url: '/api/v1/account', headers }))).toBe(
      'MFA_ENROLMENT_REQUIRED',
    );
    const { confirm } = await enrol(headers);
    const cookie = confirm.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.value).toBeTruthy();
    const active = { ...headers, cookie: `${SESSION_COOKIE}=${cookie?.value ?? ''}` };
    const info = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: active });
    expect(json<SessionInfo>(info)).toMatchObject({ stage: 'active', user: { mfaEnabled: true } });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/account', headers })).statusCode).toBe(401);
    const [row] = await t.db.db.select().from(sessions).where(eq(sessions.id, session.sessionId));
    expect(row?.stage).toBe('active');

    // Ministry roles may not turn MFA off while it is required.
    const disable = await post(active, '/api/v1/account/mfa/disable', { password: PASSWORD, code: '123456' });
    expect(disable.statusCode).toBe(403);
    expect(errorCode(disable)).toBe('FORBIDDEN');
  });

  it('regenerates recovery codes and invalidates the old set', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member' });
    const headers = await loginAs(t, user.id);
    const { secret, recoveryCodes: old } = await enrol(headers);
    const url = '/api/v1/account/mfa/recovery-codes';
    expect(errorCode(await post(headers, url, { password: 'wrong password', code: await nextCode(secret) }))).toBe(
      'PASSWORD_INCORRECT',
    );
    const code = await nextCode(secret);
    const res = await post(headers, url, { password: PASSWORD, code });
    expect(res.statusCode).toBe(200);
    const fresh = json<{ recoveryCodes: string[] }>(res).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old[0]);
    // The code just used cannot be used again.
    expect(errorCode(await post(headers, url, { password: PASSWORD, code }))).toBe('MFA_INVALID_CODE');

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: user.email, password: PASSWORD },
    });
    const pending = {
      cookie: `${SESSION_COOKIE}=${login.cookies.find((c) => c.name === SESSION_COOKIE)?.value ?? ''}`,
      'x-csrf-token': json<SessionInfo>(login).csrfToken,
    };
    expect(errorCode(await post(pending, '/api/v1/auth/mfa', { recoveryCode: old[0] ?? '' }))).toBe(
      'RECOVERY_CODE_INVALID',
    );
    expect((await post(pending, '/api/v1/auth/mfa', { recoveryCode: fresh[0] ?? '' })).statusCode).toBe(200);
  });

  it('lets a unit member disable MFA with password and code', async () => {
    const user = await makeUser(t.db.db, { orgId: unitId, role: 'unit_member' });
    const headers = await loginAs(t, user.id);
    const { secret, code } = await enrol(headers);
    const url = '/api/v1/account/mfa/disable';
    // The enrolment code was used up: replaying it is refused.
    expect(errorCode(await post(headers, url, { password: PASSWORD, code }))).toBe('MFA_INVALID_CODE');
    const res = await post(headers, url, { password: PASSWORD, code: await nextCode(secret) });
    expect(res.statusCode).toBe(204);
    const row = await readUser(user.id);
    expect(row).toMatchObject({ mfaEnabledAt: null, mfaSecretEnc: null, mfaLastStep: null });
    expect(await t.db.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toEqual([]);
    const actions = (await t.db.db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id))).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(['account.mfa_setup', 'account.mfa_enable', 'account.mfa_disable']));
  });
});
