import type { Role } from '@custodian/shared';

/**
 * Which contract actions a role is offered. The server decides per contract (the detail's
 * `canManage`); these only keep buttons away from roles that can never use them.
 */
export function canWriteContracts(role: Role): boolean {
  return role === 'ministry_admin' || role === 'ministry_owner' || role === 'unit_admin';
}

/** The Ministry gives the notice of duties (item 二). */
export function canSendDutyNotice(role: Role): boolean {
  return role === 'ministry_admin' || role === 'ministry_owner';
}

/** Moving a contract to the policy version in force is the security office's call. */
export function canReevaluate(role: Role): boolean {
  return role === 'ministry_admin';
}
