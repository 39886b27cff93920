import {
  assignableRoles,
  ROLE_ORG_KINDS,
  type Role,
  type User,
  type UserCreateInput,
  type UserListQuery,
  type UserUpdateInput,
} from '@custodian/shared';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import {
  assertCanManage,
  assertInScope,
  isInScope,
  requireActor,
  resolveManageScope,
  resolveOrgScope,
} from '../../lib/tenancy.js';
import { viewerOf } from '../../lib/permissions.js';
import { recordAudit } from '../audit/audit.service.js';
import { revokeUserCredentials } from '../auth/session.service.js';
import { findOrganisationBasics } from '../organisations/organisations.service.js';
import {
  findOrgKinds,
  findUserByEmail,
  findUserById,
  insertInvite,
  insertUser,
  listUsers as listRows,
  replaceUserScopes,
  updateUserRow,
} from './users.repository.js';
import { presentUser } from './users.presenter.js';

/**
 * Accounts for other modules. The users repository is the only one that touches the `users`
 * table; sign-in (auth), the account page (account) and first-run setup (setup) read and
 * change accounts through these.
 */
export {
  claimTotpStep,
  findUserByEmail,
  findUserByOidcSubject,
  findUserWithOrgName,
  hasAnyUser,
  incrementFailedLogins,
  insertUser,
  lockUserRow,
  lockUsersTable,
  updateUserRow,
  type UserRow,
  type UserWithOrgName,
} from './users.repository.js';

/** Invitation links are valid for 72 hours. */
export const INVITE_TTL_MS = 72 * 3_600_000;
const SCOPED_ROLES: readonly Role[] = ['ministry_owner', 'auditor'];

function assertRoleFitsOrg(role: Role, orgKind: string): void {
  if (!(ROLE_ORG_KINDS[role] as readonly string[]).includes(orgKind)) {
    throw new AppError('ROLE_ORG_MISMATCH');
  }
}

/** A unit_admin manages only unit roles; the Ministry's admin manages every role. */
function assertMayAssignRole(actor: Actor, role: Role): void {
  if (!assignableRoles(actor.role).includes(role)) {
    throw new AppError('FORBIDDEN');
  }
}

async function assertScopeOrgsExist(db: Executor, ids: string[]): Promise<void> {
  const found = await findOrgKinds(db, ids);
  if (found.length !== new Set(ids).size) {
    throw new AppError('VALIDATION_FAILED', { field: 'scopeOrgIds' });
  }
}

export async function listUsers(deps: AppDeps, ctx: RequestContext, query: UserListQuery) {
  const actor = requireActor(ctx.actor);
  const scope = await resolveOrgScope(deps.db, actor);
  const { items, total } = await listRows(deps.db, scope, query);
  const viewer = await viewerOf(deps.db, actor);
  return {
    items: items.map((row) => presentUser(row, viewer, ctx.now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export async function getUser(deps: AppDeps, ctx: RequestContext, id: string): Promise<User> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveOrgScope(deps.db, actor);
  const row = await findUserById(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  assertInScope(scope, row.orgId);
  return presentUser(row, await viewerOf(deps.db, actor), ctx.now);
}

/** Issues a one-time invitation token for setting the first password, valid from `now`. */
export async function issueInvite(
  tx: Executor,
  input: { userId: string; createdBy: string | null; now: Date },
): Promise<string> {
  const token = randomToken(32);
  await insertInvite(tx, {
    userId: input.userId,
    tokenHash: sha256Hex(token),
    expiresAt: new Date(input.now.getTime() + INVITE_TTL_MS),
    createdBy: input.createdBy,
  });
  return token;
}

export function inviteUrl(deps: AppDeps, token: string): string {
  return new URL(`/invite/${token}`, deps.config.PUBLIC_URL).toString();
}

/**
 * Creates an account without a password and an invitation link to set one. The link is
 * e-mailed when SMTP is configured and returned to the admin either way.
 */
export async function createUser(deps: AppDeps, ctx: RequestContext, input: UserCreateInput) {
  const actor = requireActor(ctx.actor);
  assertMayAssignRole(actor, input.role);
  const manage = await resolveManageScope(deps.db, actor);
  const org = await findOrganisationBasics(deps.db, input.orgId);
  if (!org || !isInScope(manage, org.id)) {
    throw new AppError('NOT_FOUND');
  }
  assertRoleFitsOrg(input.role, org.kind);
  const scopeOrgIds = SCOPED_ROLES.includes(input.role) ? [...new Set(input.scopeOrgIds ?? [])] : [];
  await assertScopeOrgsExist(deps.db, scopeOrgIds);
  if (await findUserByEmail(deps.db, input.email)) {
    throw new AppError('EMAIL_TAKEN');
  }
  let token: string;
  let userId: string;
  try {
    ({ token, userId } = await deps.db.transaction(async (tx) => {
      const row = await insertUser(tx, { email: input.email, name: input.name, role: input.role, orgId: org.id });
      await replaceUserScopes(tx, row.id, scopeOrgIds);
      const inviteToken = await issueInvite(tx, {
        userId: row.id,
        createdBy: actor.via === 'system' ? null : actor.userId,
        now: ctx.now,
      });
      await recordAudit(tx, deps, ctx, {
        action: 'user.create',
        orgId: org.id,
        targetType: 'user',
        targetId: row.id,
        summary: { after: { email: row.email, name: row.name, role: row.role, orgId: org.id, scopeOrgIds } },
      });
      return { token: inviteToken, userId: row.id };
    }));
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('EMAIL_TAKEN');
    }
    throw err;
  }
  const url = inviteUrl(deps, token);
  let inviteEmailed = false;
  if (deps.mailer.isConfigured) {
    try {
      await deps.mailer.send({
        to: input.email,
        subject: 'Custodian 帳號邀請 / Account invitation',
        text: [
          `${input.name} 您好：`,
          '',
          `您已受邀使用 Custodian 資訊安全管理平台（${org.name}）。請於 72 小時內開啟下列連結設定密碼：`,
          url,
          '',
          `You have been invited to Custodian (${org.nameEn ?? org.name}). Set your password within 72 hours at the link above.`,
        ].join('\n'),
      });
      inviteEmailed = true;
    } catch (err) {
      deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'invitation e-mail failed');
    }
  }
  const created = await findUserById(deps.db, userId);
  if (!created) {
    throw new AppError('INTERNAL');
  }
  return { user: presentUser(created, await viewerOf(deps.db, actor), ctx.now), inviteUrl: url, inviteEmailed };
}

/** Changes name, role, active flag, scopes, or clears a lock. */
export async function updateUser(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: UserUpdateInput,
): Promise<User> {
  const actor = requireActor(ctx.actor);
  const before = await findUserById(deps.db, id);
  if (!before) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManage(deps.db, actor, before.orgId);
  assertMayAssignRole(actor, before.role);
  const isSelf = before.id === actor.userId;
  if (isSelf && (input.role !== undefined || input.isActive === false)) {
    throw new AppError('FORBIDDEN');
  }
  const role = input.role ?? before.role;
  if (input.role) {
    assertMayAssignRole(actor, input.role);
    const org = await findOrganisationBasics(deps.db, before.orgId);
    assertRoleFitsOrg(input.role, org?.kind ?? '');
  }
  if (input.scopeOrgIds !== undefined && actor.role !== 'ministry_admin') {
    throw new AppError('FORBIDDEN');
  }
  const scopeOrgIds = SCOPED_ROLES.includes(role) ? [...new Set(input.scopeOrgIds ?? before.scopeOrgIds)] : [];
  await assertScopeOrgsExist(deps.db, scopeOrgIds);
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.role !== undefined ? { role: input.role } : {}),
    ...(input.isActive !== undefined ? { isActive: input.isActive } : {}),
    ...(input.unlock ? { lockedUntil: null, failedLoginCount: 0 } : {}),
  };
  // A new role or a disabled account must not keep sessions and tokens issued under the
  // old one (a promoted user would otherwise skip the new role's MFA requirement).
  const isRevoking = (input.role !== undefined && input.role !== before.role) || input.isActive === false;
  await deps.db.transaction(async (tx) => {
    await updateUserRow(tx, id, changes, ctx.now);
    await replaceUserScopes(tx, id, scopeOrgIds);
    const revoked = isRevoking ? await revokeUserCredentials(tx, id, ctx.now) : undefined;
    await recordAudit(tx, deps, ctx, {
      action: input.unlock ? 'user.unlock' : 'user.update',
      orgId: before.orgId,
      targetType: 'user',
      targetId: id,
      summary: {
        before: { name: before.name, role: before.role, isActive: before.isActive, scopeOrgIds: before.scopeOrgIds },
        after: { ...changes, scopeOrgIds },
        ...(revoked ? { revoked } : {}),
      },
    });
  });
  const after = await findUserById(deps.db, id);
  if (!after) {
    throw new AppError('NOT_FOUND');
  }
  return presentUser(after, await viewerOf(deps.db, actor), ctx.now);
}

/** Issues a fresh invitation link (e.g. when the first one expired). */
export async function reinviteUser(deps: AppDeps, ctx: RequestContext, id: string) {
  const actor = requireActor(ctx.actor);
  const user = await findUserById(deps.db, id);
  if (!user) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManage(deps.db, actor, user.orgId);
  assertMayAssignRole(actor, user.role);
  if (user.passwordHash !== null) {
    // A link for an account with a password would let an admin take it over.
    throw new AppError('INVITE_NOT_NEEDED');
  }
  const token = await deps.db.transaction(async (tx) => {
    const t = await issueInvite(tx, { userId: id, createdBy: actor.userId, now: ctx.now });
    await recordAudit(tx, deps, ctx, { action: 'user.reinvite', orgId: user.orgId, targetType: 'user', targetId: id });
    return t;
  });
  return { inviteUrl: inviteUrl(deps, token) };
}
