import QRCode from 'qrcode';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { decryptField, encryptField } from '../../lib/crypto.js';
import { createTotpSecret, totpUri, verifyTotp } from '../../lib/totp.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { clearRecoveryCodes, issueRecoveryCodes, useTotpCode } from '../auth/mfa.service.js';
import { assertCurrentPassword } from '../auth/lockout.service.js';
import type { IssuedCookie } from '../auth/session-cookie.js';
import { findSession, requiresMfa, rotateSession } from '../auth/session.service.js';
import { updateUserRow, type UserWithOrgName } from '../users/users.service.js';
import { loadAccount } from './account.service.js';

/**
 * Starts TOTP enrolment: a new secret, kept encrypted as pending until a code confirms it.
 * Starting again replaces the pending secret.
 */
export async function startMfaSetup(deps: AppDeps, ctx: RequestContext) {
  const user = await loadAccount(deps, ctx);
  if (user.mfaEnabledAt) {
    throw new AppError('MFA_ALREADY_ENABLED');
  }
  const secret = createTotpSecret();
  const otpauthUrl = totpUri({ secret, label: user.email });
  await deps.db.transaction(async (tx) => {
    await updateUserRow(tx, user.id, { mfaPendingSecretEnc: encryptField(deps.keys, secret) });
    await recordAudit(tx, deps, ctx, {
      action: 'account.mfa_setup',
      orgId: user.orgId,
      targetType: 'user',
      targetId: user.id,
    });
  });
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { errorCorrectionLevel: 'M' }) };
}

/**
 * Confirms enrolment with a code from the pending secret: MFA is on, ten recovery codes are
 * issued (shown once), and a session that was waiting for enrolment becomes active under a
 * new token, which the route sets as the cookie.
 */
export async function confirmMfa(
  deps: AppDeps,
  ctx: RequestContext,
  input: { code: string },
): Promise<{ recoveryCodes: string[]; cookie: IssuedCookie | null }> {
  const actor = requireActor(ctx.actor);
  const user = await loadAccount(deps, ctx);
  if (user.mfaEnabledAt) {
    throw new AppError('MFA_ALREADY_ENABLED');
  }
  if (!user.mfaPendingSecretEnc) {
    throw new AppError('MFA_INVALID_CODE');
  }
  const pendingSecretEnc = user.mfaPendingSecretEnc;
  const result = await verifyTotp({ secret: decryptField(deps.keys, pendingSecretEnc), code: input.code });
  if (!result.valid) {
    throw new AppError('MFA_INVALID_CODE');
  }
  const session = actor.sessionId ? await findSession(deps.db, actor.sessionId) : undefined;
  const now = new Date();
  return deps.db.transaction(async (tx) => {
    await updateUserRow(tx, user.id, {
      mfaSecretEnc: pendingSecretEnc,
      mfaPendingSecretEnc: null,
      mfaEnabledAt: now,
      mfaLastStep: result.step,
    });
    const recoveryCodes = await issueRecoveryCodes(tx, user.id);
    let cookie: IssuedCookie | null = null;
    if (session?.stage === 'mfa_enrolment') {
      // Enrolment was the last step of signing in.
      await updateUserRow(tx, user.id, { lastLoginAt: now, failedLoginCount: 0 });
      const rotated = await rotateSession(tx, { sessionId: session.id, stage: 'active' });
      cookie = { token: rotated.token, expiresAt: session.expiresAt };
    }
    await recordAudit(tx, deps, ctx, {
      action: 'account.mfa_enable',
      orgId: user.orgId,
      targetType: 'user',
      targetId: user.id,
      summary: { recoveryCodes: recoveryCodes.length, sessionActivated: cookie !== null },
    });
    return { recoveryCodes, cookie };
  });
}

/**
 * Changing an enrolled MFA needs MFA to be on and the current password (the code is checked
 * after); wrong passwords count towards the sign-in lock.
 */
async function assertReauthenticated(
  deps: AppDeps,
  ctx: RequestContext,
  input: { user: UserWithOrgName; password: string },
): Promise<void> {
  if (!input.user.mfaEnabledAt) {
    throw new AppError('CONFLICT');
  }
  await assertCurrentPassword(deps, ctx, input);
}

/** Turns MFA off (password and current code required). Not allowed where the role requires MFA. */
export async function disableMfa(
  deps: AppDeps,
  ctx: RequestContext,
  input: { password: string; code: string },
): Promise<void> {
  const user = await loadAccount(deps, ctx);
  if (requiresMfa(deps.config, user.role)) {
    throw new AppError('FORBIDDEN');
  }
  await assertReauthenticated(deps, ctx, { user, password: input.password });
  await deps.db.transaction(async (tx) => {
    if (!(await useTotpCode(tx, deps, { user, code: input.code }))) {
      throw new AppError('MFA_INVALID_CODE');
    }
    await updateUserRow(tx, user.id, {
      mfaSecretEnc: null,
      mfaPendingSecretEnc: null,
      mfaEnabledAt: null,
      mfaLastStep: null,
    });
    await clearRecoveryCodes(tx, user.id);
    await recordAudit(tx, deps, ctx, {
      action: 'account.mfa_disable',
      orgId: user.orgId,
      targetType: 'user',
      targetId: user.id,
    });
  });
}

/** Issues a new set of recovery codes (password and current code required); the old set stops working. */
export async function regenerateRecoveryCodes(
  deps: AppDeps,
  ctx: RequestContext,
  input: { password: string; code: string },
): Promise<{ recoveryCodes: string[] }> {
  const user = await loadAccount(deps, ctx);
  await assertReauthenticated(deps, ctx, { user, password: input.password });
  return deps.db.transaction(async (tx) => {
    if (!(await useTotpCode(tx, deps, { user, code: input.code }))) {
      throw new AppError('MFA_INVALID_CODE');
    }
    const recoveryCodes = await issueRecoveryCodes(tx, user.id);
    await recordAudit(tx, deps, ctx, {
      action: 'account.recovery_codes_regenerate',
      orgId: user.orgId,
      targetType: 'user',
      targetId: user.id,
      summary: { recoveryCodes: recoveryCodes.length },
    });
    return { recoveryCodes };
  });
}
