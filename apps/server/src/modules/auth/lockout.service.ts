import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { incrementFailedLogins, lockUserRow, updateUserRow } from '../users/users.service.js';
import { isCurrentPassword } from './password.service.js';
import { revokeSession } from './session.service.js';

/** Whether an account is inside its lock period. */
export function isLocked(user: { lockedUntil: Date | null }, now = new Date()): boolean {
  return user.lockedUntil !== null && user.lockedUntil > now;
}

export type FailureReason =
  | 'unknown_user'
  | 'no_password'
  | 'bad_password'
  | 'bad_current_password'
  | 'bad_totp'
  | 'bad_recovery_code'
  | 'locked'
  | 'disabled';

/** Records a refused sign-in by an unknown e-mail (nothing to count against). */
export async function recordUnknownUserFailure(deps: AppDeps, ctx: RequestContext, email: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'auth.login_failed',
      targetType: 'user',
      summary: { email, reason: 'unknown_user' satisfies FailureReason },
    });
  });
}

/** Records a refused sign-in that does not count towards the lock (locked or disabled account). */
export async function recordRefusal(
  deps: AppDeps,
  ctx: RequestContext,
  input: { user: { id: string; orgId: string; email: string }; reason: FailureReason },
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'auth.login_failed',
      orgId: input.user.orgId,
      targetType: 'user',
      targetId: input.user.id,
      summary: { email: input.user.email, reason: input.reason },
    });
  });
}

/**
 * Counts a failed password or MFA attempt. The `maxFailures`-th consecutive one locks the
 * account for `lockMinutes` and revokes `pendingSessionId` (the half-signed-in or
 * re-authenticating session), if any. Attempts during
 * a lock are recorded but neither counted nor extend it. Returns whether the account is locked.
 */
export async function registerFailure(
  deps: AppDeps,
  ctx: RequestContext,
  input: { userId: string; reason: FailureReason; pendingSessionId?: string | null },
): Promise<{ locked: boolean }> {
  const { maxFailures, lockMinutes } = SECURITY_POLICY.lockout;
  const now = new Date();
  return deps.db.transaction(async (tx) => {
    const user = await lockUserRow(tx, input.userId);
    if (!user) {
      return { locked: false };
    }
    const base = { orgId: user.orgId, targetType: 'user', targetId: user.id } as const;
    if (isLocked(user, now)) {
      await recordAudit(tx, deps, ctx, {
        ...base,
        action: 'auth.login_failed',
        summary: { email: user.email, reason: 'locked' satisfies FailureReason },
      });
      return { locked: true };
    }
    const failures = await incrementFailedLogins(tx, user.id);
    await recordAudit(tx, deps, ctx, {
      ...base,
      action: 'auth.login_failed',
      summary: { email: user.email, reason: input.reason, failures },
    });
    if (failures < maxFailures) {
      return { locked: false };
    }
    const lockedUntil = new Date(now.getTime() + lockMinutes * 60_000);
    // The counter restarts, so the next lock again needs `maxFailures` attempts after this one expires.
    await updateUserRow(tx, user.id, { lockedUntil, failedLoginCount: 0 });
    if (input.pendingSessionId) {
      await revokeSession(tx, { sessionId: input.pendingSessionId, userId: user.id });
    }
    await recordAudit(tx, deps, ctx, {
      ...base,
      action: 'auth.account_lock',
      summary: { email: user.email, failures, lockedUntil: lockedUntil.toISOString(), policy: SECURITY_POLICY.version },
    });
    return { locked: true };
  });
}

/**
 * Re-authentication inside a session (changing the password or MFA): the current password
 * must be right, and wrong ones count towards the same lock as sign-in, so a stolen session
 * cannot guess the password beyond the lockout. The attempt that locks the account also ends
 * the session; while locked, the check is refused without trying the password.
 */
export async function assertCurrentPassword(
  deps: AppDeps,
  ctx: RequestContext,
  input: {
    user: { id: string; orgId: string; email: string; passwordHash: string | null; lockedUntil: Date | null };
    password: string;
  },
): Promise<void> {
  const { user } = input;
  if (isLocked(user)) {
    await recordRefusal(deps, ctx, { user, reason: 'locked' });
    throw new AppError('ACCOUNT_LOCKED');
  }
  if (await isCurrentPassword(user.passwordHash, input.password)) {
    return;
  }
  const { locked } = await registerFailure(deps, ctx, {
    userId: user.id,
    reason: 'bad_current_password',
    pendingSessionId: ctx.actor?.sessionId ?? null,
  });
  throw new AppError(locked ? 'ACCOUNT_LOCKED' : 'PASSWORD_INCORRECT');
}
