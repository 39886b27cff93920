import type { ErrorCode } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { decryptField, encryptField } from '../../lib/crypto.js';
import { isUniqueViolation } from '../../db/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { findUserByEmail, findUserByOidcSubject, updateUserRow, type UserRow } from '../users/users.service.js';
import { isLocked } from './lockout.service.js';
import { oidc, oidcConfiguration, oidcRedirectUri, oidcSettings, OIDC_START_PATH } from './oidc.client.js';
import type { IssuedCookie } from './session-cookie.js';
import { contextAsUser, createSession, initialStage } from './session.service.js';

/** Short-lived cookie holding the PKCE verifier, state and nonce between start and callback. */
export const OIDC_STATE_COOKIE = 'custodian_oidc';
export const OIDC_STATE_TTL_SECONDS = 600;

type OidcState = { verifier: string; state: string; nonce: string; expiresAt: number };

/** Whether SSO is configured, and where the browser starts it. */
export function getOidcPublicConfig(deps: Pick<AppDeps, 'config'>): { enabled: boolean; startUrl: string | null } {
  const enabled = oidcSettings(deps.config) !== null;
  return { enabled, startUrl: enabled ? OIDC_START_PATH : null };
}

async function configurationFor(deps: AppDeps) {
  const settings = oidcSettings(deps.config);
  if (!settings) {
    throw new AppError('OIDC_NOT_CONFIGURED');
  }
  try {
    return await oidcConfiguration(deps.config, settings);
  } catch (err) {
    deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'OIDC discovery failed');
    throw new AppError('OIDC_FAILED');
  }
}

/**
 * Starts single sign-on: the provider's authorization URL with PKCE, state and nonce, and
 * those secrets sealed (AES-GCM) into a cookie value only this server can read or forge.
 */
export async function startOidc(deps: AppDeps): Promise<{ redirectUrl: string; stateCookie: string }> {
  const configuration = await configurationFor(deps);
  const state: OidcState = {
    verifier: oidc.randomPKCECodeVerifier(),
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    expiresAt: Date.now() + OIDC_STATE_TTL_SECONDS * 1000,
  };
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: oidcRedirectUri(deps.config),
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(state.verifier),
    code_challenge_method: 'S256',
    state: state.state,
    nonce: state.nonce,
  });
  return { redirectUrl: url.toString(), stateCookie: encryptField(deps.keys, JSON.stringify(state)) };
}

function openState(deps: AppDeps, sealed: string | undefined): OidcState | null {
  if (!sealed) {
    return null;
  }
  try {
    const state = JSON.parse(decryptField(deps.keys, sealed)) as OidcState;
    return state.expiresAt > Date.now() ? state : null;
  } catch {
    return null;
  }
}

type Identity = { subject: string; email: string | null; emailVerified: boolean };

async function exchangeCode(deps: AppDeps, input: { callbackUrl: URL; state: OidcState }): Promise<Identity> {
  const configuration = await configurationFor(deps);
  const tokens = await oidc.authorizationCodeGrant(configuration, input.callbackUrl, {
    pkceCodeVerifier: input.state.verifier,
    expectedState: input.state.state,
    expectedNonce: input.state.nonce,
  });
  const claims = tokens.claims();
  if (!claims) {
    throw new AppError('OIDC_FAILED');
  }
  let email = typeof claims.email === 'string' ? claims.email : null;
  let verified = claims.email_verified;
  if (email === null || verified === undefined) {
    // Many providers put profile claims only in UserInfo when an access token is issued.
    const info = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    email ??= typeof info.email === 'string' ? info.email : null;
    verified ??= info.email_verified;
  }
  return { subject: claims.sub, email: email?.toLowerCase() ?? null, emailVerified: verified === true };
}

/** The account for an identity: by stored subject, else by verified e-mail (then linked). */
async function matchAccount(deps: AppDeps, identity: Identity): Promise<{ user: UserRow; link: boolean } | null> {
  const bySubject = await findUserByOidcSubject(deps.db, identity.subject);
  if (bySubject) {
    return { user: bySubject, link: false };
  }
  if (!identity.email || !identity.emailVerified) {
    return null;
  }
  const byEmail = await findUserByEmail(deps.db, identity.email);
  // An account already linked to another subject is not taken over by a matching e-mail.
  return byEmail && byEmail.oidcSubject === null ? { user: byEmail, link: true } : null;
}

export type OidcOutcome = { redirectTo: string; cookie?: IssuedCookie };

async function fail(
  deps: AppDeps,
  ctx: RequestContext,
  input: { code: ErrorCode; reason: string; user?: UserRow; identity?: Identity },
): Promise<OidcOutcome> {
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'auth.login_failed',
      orgId: input.user?.orgId ?? null,
      targetType: 'user',
      targetId: input.user?.id ?? null,
      summary: {
        method: 'oidc',
        reason: input.reason,
        ...(input.identity ? { subject: input.identity.subject, email: input.identity.email } : {}),
      },
    });
  });
  return { redirectTo: `/login?error=${input.code}` };
}

/**
 * Completes single sign-on: checks state, nonce and PKCE, exchanges the code, finds the
 * account and opens a session in the same stage as a password sign-in would: the TOTP step
 * if the user has MFA, enrolment if their role requires it, else signed in. The provider's
 * sign-in does not stand in for our second factor. Problems end at the login page with an
 * error code rather than a JSON error.
 */
export async function completeOidc(
  deps: AppDeps,
  ctx: RequestContext,
  input: { callbackUrl: URL; stateCookie: string | undefined },
): Promise<OidcOutcome> {
  const state = openState(deps, input.stateCookie);
  if (!state) {
    return fail(deps, ctx, { code: 'OIDC_FAILED', reason: 'state_missing' });
  }
  let identity: Identity;
  try {
    identity = await exchangeCode(deps, { callbackUrl: input.callbackUrl, state });
  } catch (err) {
    deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'OIDC callback refused');
    return fail(deps, ctx, { code: 'OIDC_FAILED', reason: 'exchange_failed' });
  }
  const match = await matchAccount(deps, identity);
  if (!match) {
    return fail(deps, ctx, { code: 'OIDC_NO_ACCOUNT', reason: 'no_account', identity });
  }
  const { user, link } = match;
  if (!user.isActive) {
    return fail(deps, ctx, { code: 'ACCOUNT_DISABLED', reason: 'disabled', user, identity });
  }
  if (isLocked(user)) {
    return fail(deps, ctx, { code: 'ACCOUNT_LOCKED', reason: 'locked', user, identity });
  }
  const stage = initialStage(deps.config, user);
  const now = new Date();
  try {
    const session = await deps.db.transaction(async (tx) => {
      await updateUserRow(tx, user.id, {
        ...(link ? { oidcSubject: identity.subject } : {}),
        // As with passwords, the counter is reset only once sign-in is complete, so signing in
        // again between TOTP guesses does not reset it.
        ...(stage === 'mfa_pending' ? {} : { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now }),
      });
      const created = await createSession(deps, {
        userId: user.id,
        stage,
        method: 'oidc',
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        executor: tx,
      });
      await recordAudit(tx, deps, contextAsUser(ctx, user, created.sessionId), {
        action: 'auth.login',
        orgId: user.orgId,
        targetType: 'session',
        targetId: created.sessionId,
        summary: { method: 'oidc', stage, subjectLinked: link },
      });
      return created;
    });
    return { redirectTo: '/', cookie: { token: session.token, expiresAt: session.expiresAt } };
  } catch (err) {
    if (isUniqueViolation(err)) {
      return fail(deps, ctx, { code: 'OIDC_FAILED', reason: 'subject_conflict', user, identity });
    }
    throw err;
  }
}
