import type { SetupInput } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { recordAudit } from '../audit/audit.service.js';
import { signedIn, type SignedIn } from '../auth/login.service.js';
import { preparePassword, storePassword } from '../auth/password.service.js';
import { contextAsUser, createSession, requiresMfa } from '../auth/session.service.js';
import { createMinistryOrganisation, findMinistryOrganisation } from '../organisations/organisations.service.js';
import { hasAnyUser, insertUser, lockUsersTable } from '../users/users.service.js';

export const MINISTRY_CODE = 'MOE';

/** Whether the first-run page is open: true while there are no users. */
export async function getSetupStatus(deps: AppDeps): Promise<{ needsSetup: boolean }> {
  return { needsSetup: !(await hasAnyUser(deps.db)) };
}

/**
 * First run: creates the Ministry (if missing) and the first ministry_admin, and signs them
 * in. Refused with SETUP_ALREADY_DONE once any user exists; the users table is locked for
 * the check-and-insert, so concurrent requests cannot both succeed. With MFA required for
 * Ministry roles, the new session must enrol a TOTP authenticator before anything else.
 */
export async function completeSetup(deps: AppDeps, ctx: RequestContext, input: SetupInput): Promise<SignedIn> {
  if (await hasAnyUser(deps.db)) {
    throw new AppError('SETUP_ALREADY_DONE');
  }
  const passwordHash = await preparePassword(deps, {
    userId: null,
    password: input.password,
    owner: { name: input.name, email: input.email, context: [input.ministryName] },
    field: 'password',
  });
  const stage = requiresMfa(deps.config, 'ministry_admin') ? 'mfa_enrolment' : 'active';
  const { now } = ctx;
  const created = await deps.db.transaction(async (tx) => {
    await lockUsersTable(tx);
    if (await hasAnyUser(tx)) {
      return null;
    }
    let ministry = await findMinistryOrganisation(tx);
    const isNewMinistry = !ministry;
    ministry ??= await createMinistryOrganisation(tx, {
      code: MINISTRY_CODE,
      name: input.ministryName,
      nameEn: 'Ministry of Education',
    });
    const user = await insertUser(tx, {
      email: input.email,
      name: input.name,
      role: 'ministry_admin',
      orgId: ministry.id,
      lastLoginAt: now,
    });
    await storePassword(tx, { userId: user.id, passwordHash, now });
    const session = await createSession(deps, {
      userId: user.id,
      stage,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      now,
      executor: tx,
    });
    const actorCtx = contextAsUser(ctx, user, session.sessionId);
    if (isNewMinistry) {
      await recordAudit(tx, deps, actorCtx, {
        action: 'organisation.create',
        orgId: ministry.id,
        targetType: 'organisation',
        targetId: ministry.id,
        summary: { after: { kind: 'ministry', code: ministry.code, name: ministry.name } },
      });
    }
    await recordAudit(tx, deps, actorCtx, {
      action: 'setup.complete',
      orgId: ministry.id,
      targetType: 'user',
      targetId: user.id,
      summary: { after: { email: user.email, name: user.name, role: user.role }, stage },
    });
    return { userId: user.id, sessionId: session.sessionId, token: session.token };
  });
  if (!created) {
    throw new AppError('SETUP_ALREADY_DONE');
  }
  return signedIn(deps, created);
}
