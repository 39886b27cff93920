import { can, type Permission } from '@custodian/shared';
import { AppError } from '../errors.js';
import type { Actor, RequestContext } from './context.js';
import type { Executor } from '../db/client.js';
import { isInScope, requireActor, resolveManageScope, type OrgScope } from './tenancy.js';

/**
 * The caller, if their role holds `permission` (packages/shared/src/permissions.ts);
 * FORBIDDEN otherwise. For services that check again what their route already declared,
 * or that are reached without a route (backups, restores).
 */
export function requirePermission(ctx: RequestContext, permission: Permission): Actor {
  const actor = requireActor(ctx.actor);
  if (!can(actor.role, permission)) {
    throw new AppError('FORBIDDEN');
  }
  return actor;
}

/** Who is looking at records, and which organisations' records they may change. */
export type Viewer = { actor: Actor; manage: OrgScope };

/** The viewer of a request: the actor and their manage scope, read once for a whole list. */
export async function viewerOf(db: Executor, actor: Actor): Promise<Viewer> {
  return { actor, manage: await resolveManageScope(db, actor) };
}

/**
 * Whether the viewer may act on a record of `orgId` under `permission`: WHAT (their role
 * holds the permission) and WHICH (the record lies in their manage scope). Presenters'
 * `can` is built from it.
 */
export function mayActOn(viewer: Viewer, permission: Permission, orgId: string | null): boolean {
  return can(viewer.actor.role, permission) && isInScope(viewer.manage, orgId);
}
