import type { Role } from '@custodian/shared';

/** Sections of the app; the side menu shows only those the role may use. */
export type Section =
  | 'dashboard'
  | 'contracts'
  | 'systems'
  | 'hosts'
  | 'allocations'
  | 'vendors'
  | 'organisations'
  | 'users'
  | 'imports'
  | 'policy'
  | 'audit'
  | 'jobs'
  | 'outbox'
  | 'account';

const ALL: readonly Role[] = ['ministry_admin', 'ministry_owner', 'unit_admin', 'unit_member', 'auditor'];

/** Who sees each section. The server enforces the same rules; this only tidies the menu. */
export const SECTION_ROLES: Record<Section, readonly Role[]> = {
  dashboard: ALL,
  contracts: ALL,
  systems: ALL,
  hosts: ALL,
  allocations: ALL,
  vendors: ALL,
  imports: ['ministry_admin', 'unit_admin'],
  policy: ['ministry_admin'],
  organisations: ALL,
  users: ['ministry_admin', 'ministry_owner', 'unit_admin', 'auditor'],
  audit: ['ministry_admin', 'ministry_owner', 'unit_admin', 'auditor'],
  jobs: ['ministry_admin'],
  outbox: ['ministry_admin'],
  account: ALL,
};

/** Whether the role may open a section. */
export function canSee(role: Role, section: Section): boolean {
  return SECTION_ROLES[section].includes(role);
}

/** ministry_admin creates any organisation; unit_admin adds vendors under their unit. */
export function creatableOrgKinds(role: Role): ('division' | 'unit' | 'vendor')[] {
  if (role === 'ministry_admin') {
    return ['division', 'unit', 'vendor'];
  }
  return role === 'unit_admin' ? ['vendor'] : [];
}

/** Whether the role may create and edit accounts (the server checks scope). */
export function canManageUsers(role: Role): boolean {
  return role === 'ministry_admin' || role === 'unit_admin';
}

/** Whether the role may edit organisations (the server checks scope). */
export function canManageOrganisations(role: Role): boolean {
  return role === 'ministry_admin' || role === 'unit_admin';
}

/** Roles a manager may give: unit_admin only unit roles. */
export function assignableRoles(role: Role): Role[] {
  if (role === 'ministry_admin') {
    return [...ALL];
  }
  return role === 'unit_admin' ? ['unit_admin', 'unit_member'] : [];
}

/** Who may run the audit chain verification (item 三十七). */
export function canVerifyAudit(role: Role): boolean {
  return role === 'ministry_admin' || role === 'auditor';
}
