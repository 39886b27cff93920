import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { hashPassword, isLongEnough, verifyPassword } from '../../lib/passwords.js';
import { estimatePasswordStrength, type PasswordOwner } from '../../lib/password-strength.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { expireOpenInvites, listRecentPasswordHashes, pushPasswordHistory } from './auth.repository.js';
import { findUserWithOrgName, updateUserRow } from '../users/users.service.js';
import { revokeUserCredentials } from './session.service.js';

/** A new password, whom it is for, and the request field it came in (named in a refusal). */
export type NewPassword = { password: string; owner: PasswordOwner; field?: string };

/**
 * Refuses a new password shorter than the policy minimum (PASSWORD_TOO_SHORT) or too easy
 * to guess for its owner (PASSWORD_TOO_WEAK): repeats, sequences, common passwords and
 * words, and the owner's name or e-mail count for little. The one place this is decided,
 * for the setup page, invitations, the account page and the CLI alike.
 */
export async function assertPasswordPolicy(input: NewPassword): Promise<void> {
  const details = input.field ? { field: input.field } : undefined;
  if (!isLongEnough(input.password)) {
    throw new AppError('PASSWORD_TOO_SHORT', details);
  }
  const strength = await estimatePasswordStrength(input.password, input.owner);
  if (!strength.isStrongEnough) {
    throw new AppError('PASSWORD_TOO_WEAK', details);
  }
}

/**
 * Checks a new password against the policy and the user's recent passwords (the current
 * one included), then hashes it. Runs outside any transaction: Argon2 is slow by design.
 */
export async function preparePassword(
  deps: Pick<AppDeps, 'db'>,
  input: NewPassword & { userId: string | null },
): Promise<string> {
  await assertPasswordPolicy(input);
  if (input.userId) {
    const recent = await listRecentPasswordHashes(deps.db, input.userId, SECURITY_POLICY.password.historyDepth);
    for (const old of recent) {
      if (await verifyPassword(old, input.password)) {
        throw new AppError('PASSWORD_REUSED', input.field ? { field: input.field } : undefined);
      }
    }
  }
  return hashPassword(input.password);
}

/**
 * Stores a prepared hash as the user's password and in the history, keeping only the
 * last `historyDepth` entries. Also clears a lock: a new password ends a guessing attack.
 */
export async function storePassword(tx: Executor, input: { userId: string; passwordHash: string }): Promise<void> {
  const now = new Date();
  await updateUserRow(tx, input.userId, {
    passwordHash: input.passwordHash,
    passwordChangedAt: now,
    failedLoginCount: 0,
    lockedUntil: null,
  });
  await pushPasswordHistory(tx, {
    userId: input.userId,
    passwordHash: input.passwordHash,
    keep: SECURITY_POLICY.password.historyDepth,
    now,
  });
}

/** Whether a password matches the user's current one (false when they have none). */
export async function isCurrentPassword(passwordHash: string | null, password: string): Promise<boolean> {
  return passwordHash !== null && verifyPassword(passwordHash, password);
}

/**
 * Sets a user's password directly, for the `custodian` CLI (and later administrator
 * services, which check who may call it). Applies the password policy, invalidates open
 * invitation links, revokes the user's sessions and API tokens and records `user.password_set`.
 */
export async function setUserPassword(
  deps: AppDeps,
  ctx: RequestContext,
  input: { userId: string; password: string },
): Promise<void> {
  const user = await findUserWithOrgName(deps.db, input.userId);
  if (!user) {
    throw new AppError('NOT_FOUND');
  }
  const passwordHash = await preparePassword(deps, {
    userId: user.id,
    password: input.password,
    owner: { name: user.name, email: user.email, context: [user.orgName] },
  });
  await deps.db.transaction(async (tx) => {
    await storePassword(tx, { userId: user.id, passwordHash });
    await expireOpenInvites(tx, { userId: user.id, now: new Date() });
    const revoked = await revokeUserCredentials(tx, user.id, new Date());
    await recordAudit(tx, deps, ctx, {
      action: 'user.password_set',
      orgId: user.orgId,
      targetType: 'user',
      targetId: user.id,
      summary: { email: user.email, revokedSessions: revoked.sessions, revokedApiTokens: revoked.apiTokens },
    });
  });
}
