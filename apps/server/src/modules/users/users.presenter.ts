import { assignableRoles, type User } from '@custodian/shared';
import { mayActOn, type Viewer } from '../../lib/permissions.js';
import type { UserWithOrg } from './users.repository.js';

/** Maps a row to the API shape at `now` (a past lock reads as none); never exposes hashes or MFA secrets. */
export function presentUser(row: UserWithOrg, viewer: Viewer, now: Date): User {
  // A manager changes accounts of their scope holding a role they may give.
  const manages = mayActOn(viewer, 'users.manage', row.orgId) && assignableRoles(viewer.actor.role).includes(row.role);
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    orgId: row.orgId,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    isActive: row.isActive,
    mfaEnabled: row.mfaEnabledAt !== null,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    hasPassword: row.passwordHash !== null,
    scopeOrgIds: row.scopeOrgIds,
    createdAt: row.createdAt.toISOString(),
    can: { edit: manages, reinvite: manages },
  };
}
