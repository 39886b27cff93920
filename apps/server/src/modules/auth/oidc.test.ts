import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionInfo } from '@custodian/shared';
import { makeOrganisation, makeUser } from '../../db/factories.js';
import { auditEvents, users } from '../../db/schema/index.js';
import { createTestApp, json, type TestApp } from '../../test/helpers.js';
import { OIDC_STATE_COOKIE } from './oidc.service.js';
import { SESSION_COOKIE } from './session.service.js';

/** The few parts of oidc-provider (untyped) this test uses. */
type Provider = { callback(): (req: unknown, res: unknown) => void };
type ProviderModule = { default: new (issuer: string, config: Record<string, unknown>) => Provider };

const CLIENT = { id: 'custodian', secret: 'a-long-client-secret-for-tests' };
const REDIRECT_URI = 'http://127.0.0.1:8080/api/v1/auth/oidc/callback';

/** Identities the provider knows, by the login typed into its (development) sign-in form. */
const ACCOUNTS: Record<string, { email: string; email_verified: boolean; name: string }> = {
  'sub-admin': { email: 'ADMIN@moe.gov.tw', email_verified: true, name: '資安長' },
  'sub-unverified': { email: 'member@a.edu.tw', email_verified: false, name: 'Unverified' },
  'sub-stranger': { email: 'stranger@example.com', email_verified: true, name: 'Stranger' },
  'sub-enrolled': { email: 'enrolled@moe.gov.tw', email_verified: true, name: 'Enrolled' },
  'sub-member': { email: 'member@a.edu.tw', email_verified: true, name: 'Member' },
};

let server: Server;
let issuer: string;
let t: TestApp;

async function startProvider(): Promise<void> {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const specifier = 'oidc-provider';
  const { default: OidcProvider } = (await import(specifier)) as ProviderModule;
  const provider = new OidcProvider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [REDIRECT_URI],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx: unknown, sub: string) => {
      const claims = ACCOUNTS[sub];
      return claims ? { accountId: sub, claims: () => ({ sub, ...claims }) } : undefined;
    },
  });
  server.on('request', provider.callback());
}

/** A minimal cookie jar for the provider's own cookies. */
class Jar {
  private readonly cookies = new Map<string, string>();
  store(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * Follows the provider's redirects and answers its development sign-in and consent forms
 * as `login`, until it redirects to our callback; returns that URL.
 */
async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = new Jar();
  let url = authorizationUrl;
  for (let hop = 0; hop < 12; hop += 1) {
    if (url.startsWith(REDIRECT_URI)) {
      return new URL(url);
    }
    const page = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(page);
    if (page.status >= 300 && page.status < 400) {
      url = new URL(page.headers.get('location') ?? '', url).toString();
      continue;
    }
    const html = await page.text();
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!prompt || !action) {
      throw new Error(`unexpected provider page (${page.status}): ${html.slice(0, 300)}`);
    }
    const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    const submitted = await fetch(new URL(action, url), {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    jar.store(submitted);
    url = new URL(submitted.headers.get('location') ?? '', url).toString();
  }
  throw new Error('too many redirects at the provider');
}

function stateCookie(res: LightMyRequestResponse): string {
  return res.cookies.find((c) => c.name === OIDC_STATE_COOKIE)?.value ?? '';
}

/** Runs the whole flow for a provider login and returns our callback's response. */
async function ssoAs(login: string): Promise<LightMyRequestResponse> {
  const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
  expect(start.statusCode).toBe(302);
  const callback = await signInAtProvider(String(start.headers.location), login);
  return t.app.inject({
    method: 'GET',
    url: `${callback.pathname}${callback.search}`,
    cookies: { [OIDC_STATE_COOKIE]: stateCookie(start) },
  });
}

let adminId: string;
let enrolledId: string;

beforeAll(async () => {
  await startProvider();
  t = await createTestApp({
    config: {
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT.id,
      OIDC_CLIENT_SECRET: CLIENT.secret,
      OIDC_ALLOW_HTTP: 'true',
    },
  });
  const ministry = await makeOrganisation(t.db.db, { kind: 'ministry', code: 'MOE' });
  const unit = await makeOrganisation(t.db.db, { kind: 'unit', parentId: ministry.id });
  adminId = (await makeUser(t.db.db, { orgId: ministry.id, role: 'ministry_admin', email: 'admin@moe.gov.tw' })).id;
  await makeUser(t.db.db, { orgId: unit.id, role: 'unit_member', email: 'member@a.edu.tw' });
  enrolledId = (await makeUser(t.db.db, { orgId: ministry.id, role: 'ministry_admin', email: 'enrolled@moe.gov.tw' }))
    .id;
  await t.db.db.update(users).set({ mfaEnabledAt: new Date(), failedLoginCount: 3 }).where(eq(users.id, enrolledId));
});

async function sessionInfoOf(res: LightMyRequestResponse): Promise<SessionInfo> {
  const session = res.cookies.find((c) => c.name === SESSION_COOKIE);
  const info = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/session',
    cookies: { [SESSION_COOKIE]: session?.value ?? '' },
  });
  return json<SessionInfo>(info);
}
afterAll(async () => {
  await t.close();
  await new Promise((resolve) => server.close(resolve));
});

describe('OpenID Connect single sign-on', () => {
  it('advertises the start URL and redirects there with PKCE, state and nonce', async () => {
    expect(json(await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/config' }))).toEqual({
      enabled: true,
      startUrl: '/api/v1/auth/oidc/start',
    });
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    const location = new URL(String(start.headers.location));
    expect(location.origin).toBe(issuer);
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(location.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBeTruthy();
    expect(location.searchParams.get('nonce')).toBeTruthy();
    const cookie = start.cookies.find((c) => c.name === OIDC_STATE_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/v1/auth/oidc' });
    expect(cookie?.value).not.toContain(location.searchParams.get('state') ?? '');
  });

  it('signs in a user by verified e-mail, links the subject, and still requires MFA enrolment', async () => {
    const res = await ssoAs('sub-admin');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const session = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(session?.httpOnly).toBe(true);
    expect(await sessionInfoOf(res)).toMatchObject({ stage: 'mfa_enrolment', user: { id: adminId } });
    const [row] = await t.db.db.select().from(users).where(eq(users.id, adminId));
    expect(row?.oidcSubject).toBe('sub-admin');
    const [event] = await t.db.db.select().from(auditEvents).where(eq(auditEvents.actorUserId, adminId));
    expect(event).toMatchObject({
      action: 'auth.login',
      summary: { method: 'oidc', stage: 'mfa_enrolment', subjectLinked: true },
    });
  });

  it('does not skip the TOTP step of a user with MFA, nor reset their failure count', async () => {
    const res = await ssoAs('sub-enrolled');
    expect(res.headers.location).toBe('/');
    expect(await sessionInfoOf(res)).toMatchObject({ stage: 'mfa_pending', user: { id: enrolledId } });
    const session = res.cookies.find((c) => c.name === SESSION_COOKIE);
    const blocked = await t.app.inject({
      method: 'GET',
      url: '/api/v1/organisations',
      cookies: { [SESSION_COOKIE]: session?.value ?? '' },
    });
    expect(blocked.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(blocked).error.code).toBe('MFA_REQUIRED');
    const [row] = await t.db.db.select().from(users).where(eq(users.id, enrolledId));
    expect(row).toMatchObject({ failedLoginCount: 3, lastLoginAt: null });
  });

  it('signs a user whose role does not require MFA straight in', async () => {
    const res = await ssoAs('sub-member');
    expect(await sessionInfoOf(res)).toMatchObject({ stage: 'active', user: { email: 'member@a.edu.tw' } });
  });

  it('matches by subject afterwards, even when the e-mail changed', async () => {
    const account = ACCOUNTS['sub-admin'];
    if (account) {
      account.email = 'renamed@moe.gov.tw';
    }
    const res = await ssoAs('sub-admin');
    expect(res.headers.location).toBe('/');
  });

  it('sends unknown identities and unverified e-mails back to the login page', async () => {
    const stranger = await ssoAs('sub-stranger');
    expect(stranger.statusCode).toBe(302);
    expect(stranger.headers.location).toBe('/login?error=OIDC_NO_ACCOUNT');
    expect(stranger.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    const unverified = await ssoAs('sub-unverified');
    expect(unverified.headers.location).toBe('/login?error=OIDC_NO_ACCOUNT');
    const failures = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'auth.login_failed'))
      .orderBy(asc(auditEvents.seq));
    expect(failures.map((e) => e.summary['subject'])).toEqual(['sub-stranger', 'sub-unverified']);
  });

  it('refuses a callback without its state cookie or with a forged one', async () => {
    const start = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    const callback = await signInAtProvider(String(start.headers.location), 'sub-admin');
    const url = `${callback.pathname}${callback.search}`;
    const missing = await t.app.inject({ method: 'GET', url });
    expect(missing.headers.location).toBe('/login?error=OIDC_FAILED');
    const forged = await t.app.inject({ method: 'GET', url, cookies: { [OIDC_STATE_COOKIE]: 'v1.a.b.c' } });
    expect(forged.headers.location).toBe('/login?error=OIDC_FAILED');
    // Another flow's state does not fit this callback either.
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/auth/oidc/start' });
    const mixed = await t.app.inject({ method: 'GET', url, cookies: { [OIDC_STATE_COOKIE]: stateCookie(other) } });
    expect(mixed.headers.location).toBe('/login?error=OIDC_FAILED');
    expect(mixed.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
  });
});
