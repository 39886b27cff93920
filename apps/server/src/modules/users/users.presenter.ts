import type { User } from '@custodian/shared';
import type { UserWithOrg } from './users.repository.js';

/** Maps a row to the API shape at `now` (a past lock reads as none); never exposes hashes or MFA secrets. */
export function presentUser(row: UserWithOrg, now: Date): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    orgId: row.orgId,
    orgName: row.orgName,
    isActive: row.isActive,
    mfaEnabled: row.mfaEnabledAt !== null,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    hasPassword: row.passwordHash !== null,
    scopeOrgIds: row.scopeOrgIds,
    createdAt: row.createdAt.toISOString(),
  };
}
