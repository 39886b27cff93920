import type { z } from 'zod';
import type { SessionListSchema } from '@custodian/shared';
import { AppError } from '../../errors.js';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { listUserSessions, revokeSession, revokeUserSessions } from '../auth/session.service.js';
import { presentSession } from './account.presenter.js';

/** The user's own live sessions, the current one marked. */
export async function listSessions(deps: AppDeps, ctx: RequestContext): Promise<z.infer<typeof SessionListSchema>> {
  const actor = requireActor(ctx.actor);
  const rows = await listUserSessions(deps, actor.userId, ctx.now);
  return { items: rows.map((row) => presentSession(row, actor.sessionId)) };
}

/**
 * Signs out one of the user's own sessions. Other users' sessions are reported as missing.
 * Returns whether it was the session making the request, so the route can clear the cookie.
 */
export async function revokeOwnSession(
  deps: AppDeps,
  ctx: RequestContext,
  sessionId: string,
): Promise<{ isCurrent: boolean }> {
  const actor = requireActor(ctx.actor);
  await deps.db.transaction(async (tx) => {
    if (!(await revokeSession(tx, { sessionId, userId: actor.userId, now: ctx.now }))) {
      throw new AppError('NOT_FOUND');
    }
    await recordAudit(tx, deps, ctx, {
      action: 'auth.session_revoke',
      orgId: actor.orgId,
      targetType: 'session',
      targetId: sessionId,
    });
  });
  return { isCurrent: sessionId === actor.sessionId };
}

/** Signs out every session of the user except the current one. */
export async function revokeOtherSessions(deps: AppDeps, ctx: RequestContext): Promise<{ revoked: number }> {
  const actor = requireActor(ctx.actor);
  return deps.db.transaction(async (tx) => {
    const revoked = await revokeUserSessions(tx, {
      userId: actor.userId,
      exceptSessionId: actor.sessionId ?? null,
      now: ctx.now,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'auth.sessions_revoke_others',
      orgId: actor.orgId,
      targetType: 'user',
      targetId: actor.userId,
      summary: { revoked },
    });
    return { revoked };
  });
}
