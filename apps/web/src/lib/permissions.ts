import { useTranslation } from 'react-i18next';
import { can, rolesWith, type Permission, type Role } from '@custodian/shared';

/**
 * What the web offers follows the named permissions in packages/shared/src/permissions.ts,
 * the ones the server enforces: page-level actions ask `can(role, permission)`, actions on a
 * record ask the record's `can`, which the server computes with tenancy.
 */

/** Sections of the app; the side menu shows only those the role may use. */
export type Section =
  | 'todo'
  | 'calendar'
  | 'dashboard'
  | 'contracts'
  | 'systems'
  | 'hosts'
  | 'allocations'
  | 'scans'
  | 'vendors'
  | 'organisations'
  | 'users'
  | 'imports'
  | 'policy'
  | 'audit'
  | 'jobs'
  | 'outbox'
  | 'workingDays'
  | 'account'
  | 'agreements'
  | 'pentests';

/** The permission a section needs; null for every signed-in user. */
const SECTION_PERMISSION: Record<Section, Permission | null> = {
  todo: null,
  calendar: null,
  dashboard: null,
  contracts: null,
  systems: null,
  hosts: null,
  allocations: null,
  scans: null,
  vendors: null,
  organisations: null,
  account: null,
  imports: 'imports.run',
  policy: 'policy.publish',
  users: 'users.read',
  audit: 'audit.read',
  jobs: 'jobs.read',
  outbox: 'outbox.manage',
  workingDays: 'working-days.import',
  agreements: null,
  pentests: null,
};

/** Whether the role may open a section. */
export function canSee(role: Role, section: Section): boolean {
  const permission = SECTION_PERMISSION[section];
  return permission === null || can(role, permission);
}

/** Names the roles that hold a permission, e.g. 「部資安管理者或單位管理者」, to say who can do what the user may not. */
export function useWhoCan(): (permission: Permission) => string {
  const { t, i18n } = useTranslation();
  return (permission) =>
    new Intl.ListFormat(i18n.language, { type: 'disjunction' }).format(
      rolesWith(permission).map((role) => t(`roles.${role}`)),
    );
}
