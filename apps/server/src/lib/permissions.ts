import { can, type Permission } from '@custodian/shared';
import { AppError } from '../errors.js';
import type { Actor, RequestContext } from './context.js';
import { isInScope, requireActor, type OrgScope } from './tenancy.js';

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

/**
 * Whether the actor may act on a record of `orgId` under `permission`: WHAT (their role
 * holds the permission) and WHICH (the record lies in their manage scope). Presenters'
 * `can` is built from it.
 */
export function mayActOn(actor: Actor, permission: Permission, manageScope: OrgScope, orgId: string | null): boolean {
  return can(actor.role, permission) && isInScope(manageScope, orgId);
}
