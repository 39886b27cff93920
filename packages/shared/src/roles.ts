import { z } from 'zod';

/** Every role a user can hold. One role per account keeps the authorization matrix simple. */
export const ROLES = ['ministry_admin', 'ministry_owner', 'unit_admin', 'unit_member', 'auditor'] as const;
export const RoleSchema = z.enum(ROLES).describe('Role of the account');
export type Role = z.infer<typeof RoleSchema>;

/** Roles that belong to the Ministry side and therefore require MFA by default. */
export const MINISTRY_ROLES: readonly Role[] = ['ministry_admin', 'ministry_owner'];

/** Organisation kinds: the Ministry (one), its divisions, commissioned units, vendors under a unit. */
export const ORG_KINDS = ['ministry', 'division', 'unit', 'vendor'] as const;
export const OrgKindSchema = z.enum(ORG_KINDS).describe('Kind of organisation');
export type OrgKind = z.infer<typeof OrgKindSchema>;

/** Sub-kinds of a commissioned unit (受補助或委辦單位). */
export const UNIT_TYPES = ['school', 'agency', 'company', 'other'] as const;
export const UnitTypeSchema = z.enum(UNIT_TYPES).describe('Type of commissioned unit');
export type UnitType = z.infer<typeof UnitTypeSchema>;

/** Which organisation kinds each role may belong to. */
export const ROLE_ORG_KINDS: Record<Role, readonly OrgKind[]> = {
  ministry_admin: ['ministry'],
  ministry_owner: ['ministry', 'division'],
  auditor: ['ministry', 'division', 'unit', 'vendor'],
  unit_admin: ['unit', 'vendor'],
  unit_member: ['unit', 'vendor'],
};
