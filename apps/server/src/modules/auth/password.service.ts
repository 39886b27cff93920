import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { hashPassword, isLongEnough, verifyPassword } from '../../lib/passwords.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  expireOpenInvites,
  findUserWithOrg,
  listRecentPasswordHashes,
  pushPasswordHistory,
  updateUserFields,
} from './auth.repository.js';
import { revokeUserCredentials } from './session.service.js';

/** Refuses passwords shorter than the policy minimum (PASSWORD_TOO_SHORT). */
export function assertPasswordLength(password: string): void {
  if (!isLongEnough(password)) {
    throw new AppError('PASSWORD_TOO_SHORT');
  }
}

/**
 * Checks a new password against the policy and the user's recent passwords (the current
 * one included), then hashes it. Runs outside any transaction: Argon2 is slow by design.
 */
export async function preparePassword(
  deps: Pick<AppDeps, 'db'>,
  input: { userId: string | null; password: string },
): Promise<string> {
  assertPasswordLength(input.password);
  if (input.userId) {
    const recent = await listRecentPasswordHashes(deps.db, input.userId, SECURITY_POLICY.password.historyDepth);
    for (const old of recent) {
      if (await verifyPassword(old, input.password)) {
        throw new AppError('PASSWORD_REUSED');
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
  await updateUserFields(tx, input.userId, {
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
  const user = await findUserWithOrg(deps.db, input.userId);
  if (!user) {
    throw new AppError('NOT_FOUND');
  }
  const passwordHash = await preparePassword(deps, { userId: user.id, password: input.password });
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
