import type { SessionInfo, SessionUser } from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import type { UserWithOrgName } from '../users/users.service.js';
import { csrfTokenFor, type SessionStage } from './session.service.js';

/** The signed-in user as the web app sees them; never hashes or secrets. */
export function presentSessionUser(user: UserWithOrgName): SessionUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    orgId: user.orgId,
    orgName: user.orgName,
    orgNameEn: user.orgNameEn,
    mfaEnabled: user.mfaEnabledAt !== null,
    locale: user.locale,
    dateFormat: user.dateFormat,
  };
}

/** SessionInfo for a session: stage, user, its CSRF token and timeouts. */
export function presentSessionInfo(
  deps: Pick<AppDeps, 'keys' | 'config'>,
  input: { user: UserWithOrgName; sessionId: string; stage: SessionStage; expiresAt: Date },
): SessionInfo {
  return {
    stage: input.stage,
    user: presentSessionUser(input.user),
    csrfToken: csrfTokenFor(deps, input.sessionId),
    expiresAt: input.expiresAt.toISOString(),
    idleTimeoutMinutes: deps.config.SESSION_IDLE_MINUTES,
  };
}
