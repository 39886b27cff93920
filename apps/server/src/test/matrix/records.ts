import { CONTACT_KINDS } from '@custodian/shared';
import { allocationRenewals, vendorQualifications } from '../../db/schema/index.js';
import { makeUser } from '../../db/factories.js';
import { makeAllocation, makeContact, makeSystem } from '../../db/registry-factories.js';
import { nextCounter, unique, type MatrixContext } from './common.js';

/**
 * Fresh records of unit A or unit B for probes that change or consume them (decommission,
 * release, approve, delete...), so that no probe alters the shared records others rely on.
 * They are written directly: no audit events, no rule checks.
 */
export type Side = 'a' | 'b';

/** Unit A's or unit B's organisation id. */
export const unitOf = (c: MatrixContext, side: Side) => (side === 'a' ? c.w.orgs.unitA.id : c.w.orgs.unitB.id);

/** A documentation range (2001:db8::/32) no other probe hands out: one /64 per call. */
export function freshRange(): string {
  return `2001:db8:${nextCounter().toString(16)}:a110::/64`;
}

/** A fresh active allocation on the side's matrix system. */
export async function freshAllocation(c: MatrixContext, side: Side): Promise<string> {
  const value = freshRange();
  const row = await makeAllocation(c.t.db.db, {
    systemId: c.registry[side].system.id,
    orgId: unitOf(c, side),
    kind: 'ipv6',
    value,
    network: value,
  });
  return row.id;
}

/** A pending renewal request on a fresh allocation of the side. */
export async function pendingRenewal(c: MatrixContext, side: Side): Promise<string> {
  const [row] = await c.t.db.db
    .insert(allocationRenewals)
    .values({
      allocationId: await freshAllocation(c, side),
      reason: 'matrix',
      requestedBy: side === 'a' ? c.w.users.unitAdminA.id : c.w.users.unitAdminB.id,
    })
    .returning({ id: allocationRenewals.id });
  return row?.id ?? 'missing';
}

/** A fresh online system of the side; with `contacts`, all three contacts are filled. */
export async function freshSystem(
  c: MatrixContext,
  side: Side,
  options: { contacts?: boolean; allocation?: boolean } = {},
): Promise<string> {
  const orgId = unitOf(c, side);
  const system = await makeSystem(c.t.db.db, {
    orgId,
    name: unique('矩陣系統'),
    status: 'online',
    launchDate: '2025-01-01',
  });
  if (options.contacts) {
    for (const kind of CONTACT_KINDS) {
      await makeContact(c.t.db.db, { systemId: system.id, kind });
    }
  }
  if (options.allocation) {
    const value = freshRange();
    await makeAllocation(c.t.db.db, { systemId: system.id, orgId, kind: 'ipv6', value, network: value });
  }
  return system.id;
}

/** A certificate held by an organisation. */
export async function makeQualification(c: MatrixContext, orgId: string): Promise<string> {
  const [row] = await c.t.db.db
    .insert(vendorQualifications)
    .values({ orgId, kind: 'iso27001', name: unique('ISO 27001'), expiresOn: '2030-12-31' })
    .returning({ id: vendorQualifications.id });
  return row?.id ?? 'missing';
}

/** A fresh unit_member of an organisation; `password: null` leaves the account waiting for an invitation. */
export async function freshUser(c: MatrixContext, orgId: string, options: { password?: null } = {}): Promise<string> {
  const user = await makeUser(c.t.db.db, { orgId, role: 'unit_member', ...options });
  return user.id;
}
