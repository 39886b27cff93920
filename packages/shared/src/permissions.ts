import { z } from 'zod';
import { ROLES, type Role } from './roles.js';

/**
 * Named permissions: WHAT a role may do. The one place that maps roles to abilities; the
 * server's routes (`config.access.permission`), the web app and the authorization matrix
 * all read it. WHICH records a holder may act on is tenancy's business
 * (apps/server/src/lib/tenancy.ts), and a record's `can` combines the two.
 *
 * To add one: a line here (name, holders, what it allows), `config: { access: { permission } }`
 * on its routes, the matrix entry's `permission`, and `can` on the records it acts on.
 */
export const PERMISSIONS = {
  /** Create, edit and decommission information systems (items 四, 十三). */
  'system.manage': ['ministry_admin', 'unit_admin'],
  /** Fill in a system's contacts (item 十). */
  'contacts.manage': ['ministry_admin', 'unit_admin'],
  /** Confirm that a system's contacts are still correct (item 十). */
  'contacts.confirm': ['ministry_admin', 'unit_admin'],
  /** Follow units whose contacts are overdue for confirmation (item 十). */
  'contacts.oversee': ['ministry_admin', 'ministry_owner', 'auditor'],
  /** Create and edit hosts. */
  'host.manage': ['ministry_admin', 'unit_admin'],
  /** Record, edit and assess contracts and their clauses (items 三, 五 to 九). */
  'contract.manage': ['ministry_admin', 'ministry_owner', 'unit_admin'],
  /** Send a unit the notice of its duties (item 五). */
  'contract.notify': ['ministry_admin', 'ministry_owner'],
  /** Acknowledge the notice of duties for the unit (item 五). */
  'contract.acknowledge': ['unit_admin'],
  /** Re-evaluate a contract against the rule set in force. */
  'contract.reevaluate': ['ministry_admin'],
  /** Allocate, release and ask to renew a system's classification slot. */
  'allocation.manage': ['ministry_admin', 'unit_admin'],
  /** Approve or reject renewal requests. */
  'allocation.approve': ['ministry_admin'],
  /** Upload and delete attachments on records the holder may change. */
  'attachments.manage': ['ministry_admin', 'ministry_owner', 'unit_admin'],
  /** Record and edit vendor qualifications (item 三十九). */
  'vendors.manage': ['ministry_admin', 'unit_admin'],
  /** Create and edit organisations (a unit_admin: vendors under their unit). */
  'organisations.manage': ['ministry_admin', 'unit_admin'],
  /** See the accounts page. */
  'users.read': ['ministry_admin', 'ministry_owner', 'unit_admin', 'auditor'],
  /** Create accounts, change them and send new invitations. */
  'users.manage': ['ministry_admin', 'unit_admin'],
  /** Search and export the audit trail (item 三十一). */
  'audit.read': ['ministry_admin', 'ministry_owner', 'unit_admin', 'auditor'],
  /** Verify the audit hash chain (item 三十七). */
  'audit.verify': ['ministry_admin', 'auditor'],
  /** Publish a new version of the rule set. */
  'policy.publish': ['ministry_admin'],
  /** Import spreadsheets and download their templates. */
  'imports.run': ['ministry_admin', 'unit_admin'],
  /** See failed background jobs. */
  'jobs.read': ['ministry_admin'],
  /** Take and restore backups. */
  'backup.run': ['ministry_admin'],
  /** Confidentiality agreements (item 六): create and edit them, their staff lists and commitments, generate, record signatures. */
  'agreement.manage': ['ministry_admin', 'unit_admin'],
  /** See the full national ID number of a commitment; each reveal is audited (item 六). */
  'commitment.reveal': ['ministry_admin', 'unit_admin'],
  /** Accept one's own confidentiality commitment electronically (item 六). */
  'commitment.confirm': ['unit_admin', 'unit_member'],
  /** Mark an obligation of the compliance calendar done, with a note and evidence (issue 13). */
  'obligations.complete': ['ministry_admin', 'unit_admin', 'unit_member'],
  /** Waive an obligation until a day, with a reason; the holder is recorded as the approver. */
  'obligations.waive': ['ministry_admin', 'ministry_owner'],
  /** Import the national office calendar (working days and make-up days) for a year. */
  'working-days.import': ['ministry_admin'],
  /** See the mail outbox and queue a failed message again. */
  'outbox.manage': ['ministry_admin'],
  /** Import a vulnerability scan into a system (items 九, 十七, 四十二). */
  'scans.import': ['ministry_admin', 'unit_admin'],
  /** Mark a finding a false positive or an accepted risk, or reopen it. */
  'findings.dispose': ['ministry_admin', 'unit_admin'],
  /** Approve a risk acceptance for the Ministry (it then counts as closed for the pre-launch gate). */
  'findings.approve': ['ministry_admin', 'ministry_owner'],
  /** Record penetration tests of a system: the engagement, its report, findings and retest (item 四十二). */
  'pentests.manage': ['ministry_admin', 'unit_admin'],
  /** Let a system go online despite the pre-launch gate, with a reason (items 四十二, 四十三). */
  'system.launch-override': ['ministry_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export const PERMISSION_NAMES = Object.keys(PERMISSIONS) as Permission[];
export const PermissionSchema = z.enum(PERMISSION_NAMES as [Permission, ...Permission[]]).describe('Named permission');

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** The roles that hold a permission, in the order of ROLES. */
export function rolesWith(permission: Permission): Role[] {
  return ROLES.filter((role) => can(role, permission));
}

/** Every permission a role holds. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSION_NAMES.filter((permission) => can(role, permission));
}

/** A record's abilities for its caller, e.g. `{ edit: true, delete: false }` (per record type). */
export const abilities = <K extends string>(verbs: readonly K[]) =>
  z
    .object(Object.fromEntries(verbs.map((v) => [v, z.boolean()])) as Record<K, z.ZodBoolean>)
    .describe('What the caller may do with this record: their role’s permission and their manage scope');

/** Roles a holder of `users.manage` may give: the Ministry's admin any, a unit_admin unit roles only. */
export function assignableRoles(role: Role): Role[] {
  if (!can(role, 'users.manage')) {
    return [];
  }
  return role === 'ministry_admin' ? [...ROLES] : ['unit_admin', 'unit_member'];
}

/** Kinds of organisation a role may create: the Ministry's admin any, a unit_admin vendors under their unit. */
export function creatableOrgKinds(role: Role): ('division' | 'unit' | 'vendor')[] {
  if (!can(role, 'organisations.manage')) {
    return [];
  }
  return role === 'ministry_admin' ? ['division', 'unit', 'vendor'] : ['vendor'];
}
