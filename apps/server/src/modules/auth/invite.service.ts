import type { z } from 'zod';
import type { InviteInfoSchema } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { sha256Hex } from '../../lib/crypto.js';
import { recordAudit } from '../audit/audit.service.js';
import { consumeInvite, expireOpenInvites, findInviteByTokenHash } from './auth.repository.js';
import { preparePassword, storePassword } from './password.service.js';
import { contextAsUser, revokeUserCredentials } from './session.service.js';

type InviteInfo = z.infer<typeof InviteInfoSchema>;

/** An invitation that is unused, unexpired at `now` and of an active user; else INVITE_INVALID. */
async function findUsableInvite(deps: Pick<AppDeps, 'db'>, token: string, now: Date) {
  const row = await findInviteByTokenHash(deps.db, sha256Hex(token));
  if (!row || row.invite.usedAt !== null || row.invite.expiresAt <= now || !row.user.isActive) {
    throw new AppError('INVITE_INVALID');
  }
  return row;
}

/** What the invitation page shows at `now`; INVITE_INVALID for unknown, used or expired links. */
export async function getInvite(deps: AppDeps, token: string, now: Date): Promise<InviteInfo> {
  const row = await findUsableInvite(deps, token, now);
  return {
    email: row.user.email,
    name: row.user.name,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    expiresAt: row.invite.expiresAt.toISOString(),
  };
}

/**
 * Sets the invited user's password under the policy and uses up the link (and any other
 * open link of that user). Every session and API token the user had is revoked: whoever
 * held the account before this password does not keep access. The user then signs in normally.
 */
export async function acceptInvite(
  deps: AppDeps,
  ctx: RequestContext,
  input: { token: string; password: string },
): Promise<void> {
  const { now } = ctx;
  const row = await findUsableInvite(deps, input.token, now);
  const passwordHash = await preparePassword(deps, {
    userId: row.user.id,
    password: input.password,
    owner: { name: row.user.name, email: row.user.email, context: [row.orgName] },
    field: 'password',
  });
  const isAccepted = await deps.db.transaction(async (tx) => {
    if (!(await consumeInvite(tx, { id: row.invite.id, now }))) {
      return false;
    }
    await expireOpenInvites(tx, { userId: row.user.id, now });
    await storePassword(tx, { userId: row.user.id, passwordHash, now });
    const revoked = await revokeUserCredentials(tx, row.user.id, now);
    await recordAudit(tx, deps, contextAsUser(ctx, row.user), {
      action: 'auth.invite_accept',
      orgId: row.user.orgId,
      targetType: 'user',
      targetId: row.user.id,
      summary: { inviteId: row.invite.id, revokedSessions: revoked.sessions, revokedApiTokens: revoked.apiTokens },
    });
    return true;
  });
  if (!isAccepted) {
    throw new AppError('INVITE_INVALID');
  }
}
