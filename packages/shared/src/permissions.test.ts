import { describe, expect, it } from 'vitest';
import { ROLES } from './roles.js';
import {
  assignableRoles,
  can,
  creatableOrgKinds,
  PERMISSION_NAMES,
  PERMISSIONS,
  PermissionSchema,
  permissionsOf,
  rolesWith,
} from './permissions.js';

describe('named permissions', () => {
  it('says which role holds which permission', () => {
    expect(can('unit_admin', 'system.manage')).toBe(true);
    expect(can('unit_member', 'system.manage')).toBe(false);
    expect(can('unit_member', 'contacts.manage')).toBe(false);
    expect(can('ministry_owner', 'contract.manage')).toBe(true);
    expect(can('ministry_owner', 'system.manage')).toBe(false);
    expect(can('auditor', 'audit.verify')).toBe(true);
    expect(can('unit_admin', 'audit.verify')).toBe(false);
    expect(can('unit_admin', 'contract.acknowledge')).toBe(true);
    expect(can('ministry_admin', 'contract.acknowledge')).toBe(false);
  });

  it('lists the holders of a permission in the order of ROLES', () => {
    expect(rolesWith('system.manage')).toEqual(['ministry_admin', 'unit_admin']);
    expect(rolesWith('contacts.oversee')).toEqual(['ministry_admin', 'ministry_owner', 'auditor']);
    expect(rolesWith('policy.publish')).toEqual(['ministry_admin']);
    expect(rolesWith('audit.read')).toEqual(['ministry_admin', 'ministry_owner', 'unit_admin', 'auditor']);
  });

  it('gives every permission at least one known role, and a unit_member no write but closing their unit’s obligations and confirming their own commitment', () => {
    for (const name of PERMISSION_NAMES) {
      expect(rolesWith(name).length, name).toBeGreaterThan(0);
      expect(
        PERMISSIONS[name].every((role) => (ROLES as readonly string[]).includes(role)),
        name,
      ).toBe(true);
    }
    expect(permissionsOf('unit_member')).toEqual(['commitment.confirm', 'obligations.complete']);
    // What only the unit or the person themself does: acknowledging duties, confirming one's own commitment (item 六).
    expect(permissionsOf('ministry_admin')).toEqual(
      PERMISSION_NAMES.filter((p) => p !== 'contract.acknowledge' && p !== 'commitment.confirm'),
    );
  });

  it('parses only known permission names', () => {
    expect(PermissionSchema.parse('contacts.confirm')).toBe('contacts.confirm');
    expect(PermissionSchema.safeParse('contacts.delete').success).toBe(false);
  });

  it('derives assignable roles and creatable organisations from the managing permissions', () => {
    expect(assignableRoles('ministry_admin')).toEqual([...ROLES]);
    expect(assignableRoles('unit_admin')).toEqual(['unit_admin', 'unit_member']);
    expect(assignableRoles('auditor')).toEqual([]);
    expect(creatableOrgKinds('ministry_admin')).toEqual(['division', 'unit', 'vendor']);
    expect(creatableOrgKinds('unit_admin')).toEqual(['vendor']);
    expect(creatableOrgKinds('unit_member')).toEqual([]);
  });
});
