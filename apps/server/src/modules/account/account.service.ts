import type { AccountUpdateInput, PasswordChangeInput, SessionUser } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { presentSessionUser } from '../auth/auth.presenter.js';
import { assertCurrentPassword } from '../auth/lockout.service.js';
import { preparePassword, storePassword } from '../auth/password.service.js';
import { revokeUserApiTokens, revokeUserSessions } from '../auth/session.service.js';
import { findUserWithOrgName, updateUserRow, type UserWithOrgName } from '../users/users.service.js';

/** The actor's own account row; a vanished user means the session is stale. */
export async function loadAccount(deps: Pick<AppDeps, 'db'>, ctx: RequestContext): Promise<UserWithOrgName> {
  const actor = requireActor(ctx.actor);
  const row = await findUserWithOrgName(deps.db, actor.userId);
  if (!row) {
    throw new AppError('UNAUTHENTICATED');
  }
  return row;
}

/** The signed-in user's profile. */
export async function getAccount(deps: AppDeps, ctx: RequestContext): Promise<SessionUser> {
  return presentSessionUser(await loadAccount(deps, ctx));
}

/** Changes the user's own name, language or date format. */
export async function updateAccount(
  deps: AppDeps,
  ctx: RequestContext,
  input: AccountUpdateInput,
): Promise<SessionUser> {
  const before = await loadAccount(deps, ctx);
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.locale !== undefined ? { locale: input.locale } : {}),
    ...(input.dateFormat !== undefined ? { dateFormat: input.dateFormat } : {}),
  };
  if (Object.keys(changes).length > 0) {
    await deps.db.transaction(async (tx) => {
      await updateUserRow(tx, before.id, changes);
      await recordAudit(tx, deps, ctx, {
        action: 'account.update',
        orgId: before.orgId,
        targetType: 'user',
        targetId: before.id,
        summary: {
          before: { name: before.name, locale: before.locale, dateFormat: before.dateFormat },
          after: changes,
        },
      });
    });
  }
  return getAccount(deps, ctx);
}

/**
 * Changes the user's own password: the current one must be given (wrong ones count towards
 * the sign-in lock), the new one must meet the
 * policy and differ from the last three. Every other session of the user is signed out and
 * every personal API token revoked, so a password change locks out whoever else had access.
 */
export async function changePassword(deps: AppDeps, ctx: RequestContext, input: PasswordChangeInput): Promise<void> {
  const actor = requireActor(ctx.actor);
  const user = await loadAccount(deps, ctx);
  await assertCurrentPassword(deps, ctx, { user, password: input.currentPassword });
  const passwordHash = await preparePassword(deps, {
    userId: user.id,
    password: input.newPassword,
    owner: { name: user.name, email: user.email, context: [user.orgName] },
    field: 'newPassword',
  });
  await deps.db.transaction(async (tx) => {
    await storePassword(tx, { userId: user.id, passwordHash });
    const revokedSessions = await revokeUserSessions(tx, {
      userId: user.id,
      exceptSessionId: actor.sessionId ?? null,
    });
    const revokedApiTokens = await revokeUserApiTokens(tx, user.id);
    await recordAudit(tx, deps, ctx, {
      action: 'account.password_change',
      orgId: user.orgId,
      targetType: 'user',
      targetId: user.id,
      summary: { revokedSessions, revokedApiTokens },
    });
  });
}
