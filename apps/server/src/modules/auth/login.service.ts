import type { LoginInput, MfaVerifyInput, SessionInfo } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { verifyDummyPassword } from '../../lib/passwords.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { findUserByEmail, findUserWithOrgName, lockUserRow, updateUserRow } from '../users/users.service.js';
import { presentSessionInfo } from './auth.presenter.js';
import { isLocked, recordRefusal, recordUnknownUserFailure, registerFailure } from './lockout.service.js';
import { useRecoveryCode, useTotpCode } from './mfa.service.js';
import { isCurrentPassword } from './password.service.js';
import type { IssuedCookie } from './session-cookie.js';
import {
  contextAsUser,
  createSession,
  findSession,
  initialStage,
  revokeSession,
  rotateSession,
} from './session.service.js';

/** A completed sign-in step: the new cookie for the route to set, and what to answer. */
export type SignedIn = { cookie: IssuedCookie; info: SessionInfo };

/** SessionInfo for an existing session of the actor. */
export async function getSessionInfo(deps: AppDeps, ctx: RequestContext): Promise<SessionInfo> {
  const actor = requireActor(ctx.actor);
  const [user, session] = await Promise.all([
    findUserWithOrgName(deps.db, actor.userId),
    actor.sessionId ? findSession(deps.db, actor.sessionId) : undefined,
  ]);
  if (!user || !session) {
    throw new AppError('UNAUTHENTICATED');
  }
  return presentSessionInfo(deps, { user, sessionId: session.id, stage: session.stage, expiresAt: session.expiresAt });
}

/**
 * Password sign-in. Unknown e-mails cost the same Argon2 work and get the same answer as
 * wrong passwords. Failures count towards the lock. While an account is locked its password
 * is not checked at all: every attempt spends one Argon2 verification against a throw-away
 * hash (so the time taken tells nothing either) and gets the INVALID_CREDENTIALS of a wrong
 * password or an unknown e-mail, so guessing cannot go on through the lock and the lock
 * does not reveal that the account exists (issue 8 §3). The message of that code tells the
 * legitimate user about the lock. The counter is reset only when sign-in is complete, so a
 * second factor cannot be guessed by signing in again between tries.
 */
export async function login(deps: AppDeps, ctx: RequestContext, input: LoginInput): Promise<SignedIn> {
  const user = await findUserByEmail(deps.db, input.email);
  if (!user) {
    await verifyDummyPassword(input.password);
    await recordUnknownUserFailure(deps, ctx, input.email);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (isLocked(user)) {
    await verifyDummyPassword(input.password);
    // Recorded, but neither counted nor extending the lock.
    await recordRefusal(deps, ctx, { user, reason: 'locked' });
    throw new AppError('INVALID_CREDENTIALS');
  }
  const hasPassword = user.passwordHash !== null;
  const isValid = hasPassword
    ? await isCurrentPassword(user.passwordHash, input.password)
    : await verifyDummyPassword(input.password);
  if (!isValid) {
    await registerFailure(deps, ctx, { userId: user.id, reason: hasPassword ? 'bad_password' : 'no_password' });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (!user.isActive) {
    await recordRefusal(deps, ctx, { user, reason: 'disabled' });
    throw new AppError('ACCOUNT_DISABLED');
  }
  const stage = initialStage(deps.config, user);
  const now = new Date();
  const session = await deps.db.transaction(async (tx) => {
    const current = await lockUserRow(tx, user.id);
    // A concurrent attempt may have locked the account since the password was checked.
    if (!current || isLocked(current, now)) {
      return null;
    }
    if (stage !== 'mfa_pending') {
      await updateUserRow(tx, user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    }
    const created = await createSession(deps, {
      userId: user.id,
      stage,
      method: 'password',
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      executor: tx,
    });
    await recordAudit(tx, deps, contextAsUser(ctx, user, created.sessionId), {
      action: 'auth.login',
      orgId: user.orgId,
      targetType: 'session',
      targetId: created.sessionId,
      summary: { method: 'password', stage },
    });
    return created;
  });
  if (!session) {
    // The answer of any attempt during the lock, though this password was right.
    throw new AppError('INVALID_CREDENTIALS');
  }
  return signedIn(deps, { userId: user.id, sessionId: session.sessionId, token: session.token });
}

/**
 * Second step: a TOTP code (never the same time step twice) or an unused recovery code.
 * Success upgrades the session to 'active' under a new token; failure counts towards the lock.
 */
export async function verifyMfa(deps: AppDeps, ctx: RequestContext, input: MfaVerifyInput): Promise<SignedIn> {
  const actor = requireActor(ctx.actor);
  const sessionId = actor.sessionId;
  const user = await findUserWithOrgName(deps.db, actor.userId);
  if (!user || !sessionId) {
    throw new AppError('UNAUTHENTICATED');
  }
  if (isLocked(user)) {
    await recordRefusal(deps, ctx, { user, reason: 'locked' });
    throw new AppError('ACCOUNT_LOCKED');
  }
  const method = input.code ? 'totp' : 'recovery_code';
  const now = new Date();
  const token = await deps.db.transaction(async (tx) => {
    const isValid = input.code
      ? await useTotpCode(tx, deps, { user, code: input.code })
      : await useRecoveryCode(tx, { userId: user.id, code: input.recoveryCode ?? '' });
    if (!isValid) {
      return null;
    }
    await updateUserRow(tx, user.id, { failedLoginCount: 0, lockedUntil: null, lastLoginAt: now });
    const rotated = await rotateSession(tx, { sessionId, stage: 'active' });
    await recordAudit(tx, deps, ctx, {
      action: 'auth.mfa_verify',
      orgId: user.orgId,
      targetType: 'session',
      targetId: sessionId,
      summary: { method },
    });
    return rotated.token;
  });
  if (!token) {
    const { locked } = await registerFailure(deps, ctx, {
      userId: user.id,
      reason: input.code ? 'bad_totp' : 'bad_recovery_code',
      pendingSessionId: sessionId,
    });
    if (locked) {
      throw new AppError('ACCOUNT_LOCKED');
    }
    throw new AppError(input.code ? 'MFA_INVALID_CODE' : 'RECOVERY_CODE_INVALID');
  }
  return signedIn(deps, { userId: user.id, sessionId, token });
}

/** Ends the current session. */
export async function logout(deps: AppDeps, ctx: RequestContext): Promise<void> {
  const actor = requireActor(ctx.actor);
  const sessionId = actor.sessionId;
  if (!sessionId) {
    return;
  }
  await deps.db.transaction(async (tx) => {
    await revokeSession(tx, { sessionId, userId: actor.userId });
    await recordAudit(tx, deps, ctx, {
      action: 'auth.logout',
      orgId: actor.orgId,
      targetType: 'session',
      targetId: sessionId,
    });
  });
}

/** Builds the answer and cookie for a session that has just been created or rotated. */
export async function signedIn(
  deps: AppDeps,
  input: { userId: string; sessionId: string; token: string },
): Promise<SignedIn> {
  const [user, session] = await Promise.all([
    findUserWithOrgName(deps.db, input.userId),
    findSession(deps.db, input.sessionId),
  ]);
  if (!user || !session) {
    throw new AppError('INTERNAL');
  }
  return {
    cookie: { token: input.token, expiresAt: session.expiresAt },
    info: presentSessionInfo(deps, { user, sessionId: session.id, stage: session.stage, expiresAt: session.expiresAt }),
  };
}
