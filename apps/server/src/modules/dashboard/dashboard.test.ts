import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeWorld, type World } from '../../db/factories.js';
import { makeAllocation, makeContract, makeSystem } from '../../db/registry-factories.js';
import { allocationRenewals, allocations, users, vendorQualifications } from '../../db/schema/index.js';
import { taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type Card = { id: string; group: string; value: number; to: string; labelParams?: object; tone?: string };

/** The cards' counts by id. */
const valuesOf = (cards: Card[]) => Object.fromEntries(cards.map((c) => [c.id, c.value]));

/** A Taipei calendar day `days` from today. */
function dayFromToday(days: number): string {
  const [y, m, d] = taipeiToday(new Date()).split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

/**
 * Unit A: two contracts (one non-compliant); three systems (two online, one of them with
 * contacts never confirmed; one decommissioned, never confirmed, which is not overdue);
 * allocations ending in 30 days (renewal pending), yesterday, in two years, and a released
 * one ending in 10 days; its vendor's certificates expiring, expired and valid.
 * Unit B: one non-compliant contract, one online system never confirmed, allocations
 * expired and ending in 60 days (renewal pending), its own expired certificate.
 */
async function makeRegistry(t: TestApp, w: World) {
  const db = t.deps.db;
  const { unitA, unitB, vendorA, division } = w.orgs;
  const contract = (unitId: string, complianceStatus: 'compliant' | 'non_compliant') =>
    makeContract(db, { unitId, divisionId: division.id, complianceStatus });
  const [a1] = [await contract(unitA.id, 'compliant'), await contract(unitA.id, 'non_compliant')];
  const b1 = await contract(unitB.id, 'non_compliant');
  const online = { status: 'online' as const, launchDate: '2024-01-01' };
  const sA1 = await makeSystem(db, {
    orgId: unitA.id,
    ...online,
    contractIds: [a1.id],
    contactsConfirmedAt: new Date(),
  });
  await makeSystem(db, { orgId: unitA.id, ...online });
  await makeSystem(db, { orgId: unitA.id, status: 'decommissioned', launchDate: '2020-01-01' });
  const sB1 = await makeSystem(db, { orgId: unitB.id, ...online, contractIds: [b1.id] });

  const allocate = (systemId: string, orgId: string, octet: number, extra: { expiresOn: string }) =>
    makeAllocation(db, {
      systemId,
      orgId,
      value: `192.0.2.${octet}/32`,
      network: `192.0.2.${octet}/32`,
      startsOn: '2024-01-01',
      ...extra,
    });
  const aSoon = await allocate(sA1.id, unitA.id, 1, { expiresOn: dayFromToday(30) });
  await allocate(sA1.id, unitA.id, 2, { expiresOn: dayFromToday(-1) });
  const aFar = await allocate(sA1.id, unitA.id, 3, { expiresOn: dayFromToday(730) });
  const released = await allocate(sA1.id, unitA.id, 4, { expiresOn: dayFromToday(10) });
  await db
    .update(allocations)
    .set({ status: 'released', releasedAt: new Date(), releaseReason: '系統改版' })
    .where(eq(allocations.id, released.id));
  await allocate(sB1.id, unitB.id, 11, { expiresOn: dayFromToday(-20) });
  const bSoon = await allocate(sB1.id, unitB.id, 12, { expiresOn: dayFromToday(60) });
  await db.insert(allocationRenewals).values([
    { allocationId: aSoon.id, status: 'pending', reason: '續用' },
    { allocationId: aFar.id, status: 'rejected', reason: '續用', decidedAt: new Date() },
    { allocationId: bSoon.id, status: 'pending', reason: '續用' },
  ]);
  const cert = (orgId: string, expiresOn: string) => ({
    orgId,
    kind: 'iso27001' as const,
    name: 'ISO/IEC 27001',
    expiresOn,
  });
  await db
    .insert(vendorQualifications)
    .values([
      cert(vendorA.id, dayFromToday(10)),
      cert(vendorA.id, dayFromToday(-5)),
      cert(vendorA.id, dayFromToday(400)),
      cert(unitB.id, dayFromToday(-1)),
    ]);
}

describe('dashboard', () => {
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeWorld(t.deps.db);
    await t.deps.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 600_000), mfaEnabledAt: new Date() })
      .where(eq(users.id, world.users.unitMemberA.id));
    await t.deps.db.update(users).set({ isActive: false }).where(eq(users.id, world.users.unitMemberB.id));
    await makeRegistry(t, world);
  });
  afterAll(async () => t.close());

  it('counts everything for the Ministry admin', async () => {
    // Signing in marks the Ministry admin MFA-enrolled (their role requires it): withMfa is 2.
    const admin = await loginAs(t, world.users.ministryAdmin.id);
    // One audited mutation, in unit B.
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/organisations/${world.orgs.unitB.id}`,
      headers: admin,
      payload: { nameEn: 'National B University' },
    });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: admin });
    expect(res.statusCode).toBe(200);
    const { cards, ...foundation } = json<{ cards: Card[] }>(res);
    expect(foundation).toEqual({
      organisations: { division: 1, unit: 2, vendor: 1 },
      users: { total: 8, active: 7, withMfa: 2, locked: 1 },
      auditEventsLast24h: 1,
    });
    expect(valuesOf(cards)).toEqual({
      'contracts.total': 3,
      'contracts.nonCompliant': 2,
      'systems.total': 4,
      'systems.online': 3,
      'systems.contactsOverdue': 2,
      'allocations.expiringSoon': 2,
      'allocations.expired': 2,
      'allocations.renewalsPending': 2,
      'vendors.qualificationsExpiring': 1,
      'vendors.qualificationsExpired': 2,
      'agreements.commitmentsExpiring.first': 0,
      'agreements.commitmentsExpiring.second': 0,
      'agreements.commitmentsExpiring.third': 0,
      'agreements.commitmentsExpired': 0,
    });
  });

  it('gives each card, in module order, the list address it counted and its section', async () => {
    const admin = await loginAs(t, world.users.ministryAdmin.id);
    const { cards } = json<{ cards: Card[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: admin }),
    );
    expect(cards.map((c) => [c.id, c.group.split('.').at(-1), c.to, c.labelParams ?? null, c.tone ?? null])).toEqual([
      ['contracts.total', 'contractsAndSystems', '/contracts', null, null],
      ['contracts.nonCompliant', 'contractsAndSystems', '/contracts?complianceStatus=non_compliant', null, 'danger'],
      ['systems.total', 'contractsAndSystems', '/systems', null, null],
      ['systems.online', 'contractsAndSystems', '/systems?status=online', null, null],
      ['systems.contactsOverdue', 'contractsAndSystems', '/systems?contactsOverdue=true', null, 'danger'],
      ['allocations.expiringSoon', 'expiries', '/allocations?expiringWithinDays=90', { days: 90 }, 'warning'],
      ['allocations.expired', 'expiries', '/allocations?expired=true', null, 'danger'],
      ['allocations.renewalsPending', 'expiries', '/allocations?tab=renewals', null, 'warning'],
      ['vendors.qualificationsExpiring', 'expiries', '/vendors?status=expiring', { days: 60 }, 'warning'],
      ['vendors.qualificationsExpired', 'expiries', '/vendors?status=expired', null, 'danger'],
      // Item 六: the agreements section's reminder days (the seed form's 60, 30 and 7 without one).
      [
        'agreements.commitmentsExpiring.first',
        'expiries',
        '/agreements/commitments?expiringWithinDays=60',
        { days: 60 },
        'warning',
      ],
      [
        'agreements.commitmentsExpiring.second',
        'expiries',
        '/agreements/commitments?expiringWithinDays=30',
        { days: 30 },
        'warning',
      ],
      [
        'agreements.commitmentsExpiring.third',
        'expiries',
        '/agreements/commitments?expiringWithinDays=7',
        { days: 7 },
        'warning',
      ],
      ['agreements.commitmentsExpired', 'expiries', '/agreements/commitments?expired=true', null, 'danger'],
    ]);
  });

  it("counts only a unit admin's own unit and its vendors", async () => {
    const unitAdmin = await loginAs(t, world.users.unitAdminA.id);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: unitAdmin });
    const { cards, ...foundation } = json<{ cards: Card[] }>(res);
    expect(foundation).toEqual({
      organisations: { division: 0, unit: 1, vendor: 1 },
      users: { total: 3, active: 3, withMfa: 1, locked: 1 },
      auditEventsLast24h: 0,
    });
    expect(valuesOf(cards)).toEqual({
      'contracts.total': 2,
      'contracts.nonCompliant': 1,
      'systems.total': 3,
      'systems.online': 2,
      'systems.contactsOverdue': 1,
      'allocations.expiringSoon': 1,
      'allocations.expired': 1,
      'allocations.renewalsPending': 1,
      'vendors.qualificationsExpiring': 1,
      'vendors.qualificationsExpired': 1,
      'agreements.commitmentsExpiring.first': 0,
      'agreements.commitmentsExpiring.second': 0,
      'agreements.commitmentsExpiring.third': 0,
      'agreements.commitmentsExpired': 0,
    });
  });

  it("gives unit B none of unit A's numbers, each equal to its list's total", async () => {
    const unitAdminB = await loginAs(t, world.users.unitAdminB.id);
    const get = async (url: string) =>
      json<{ total: number }>(await t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: unitAdminB }));
    const { cards } = json<{ cards: Card[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: unitAdminB }),
    );
    expect(valuesOf(cards)).toEqual({
      'contracts.total': 1,
      'contracts.nonCompliant': 1,
      'systems.total': 1,
      'systems.online': 1,
      'systems.contactsOverdue': 1,
      'allocations.expiringSoon': 1,
      'allocations.expired': 1,
      'allocations.renewalsPending': 1,
      'vendors.qualificationsExpiring': 0,
      'vendors.qualificationsExpired': 1,
      'agreements.commitmentsExpiring.first': 0,
      'agreements.commitmentsExpiring.second': 0,
      'agreements.commitmentsExpiring.third': 0,
      'agreements.commitmentsExpired': 0,
    });
    expect((await get('/contracts')).total).toBe(1);
    expect((await get('/contracts?complianceStatus=non_compliant')).total).toBe(1);
    expect((await get('/systems?contactsOverdue=true')).total).toBe(1);
    expect((await get('/allocations?expiringWithinDays=90')).total).toBe(1);
    expect((await get('/allocations?expired=true')).total).toBe(1);
    expect((await get('/allocation-renewals?status=pending')).total).toBe(1);
    expect((await get('/vendor-qualifications?status=expired')).total).toBe(1);
  });

  it("shows a business owner the contracts they supervise, not other units'", async () => {
    const owner = await loginAs(t, world.users.ministryOwner.id);
    const { cards } = json<{ cards: Card[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: owner }),
    );
    expect(valuesOf(cards)).toMatchObject({
      'contracts.total': 2,
      'contracts.nonCompliant': 1,
      'systems.total': 3,
      'systems.online': 2,
      'systems.contactsOverdue': 1,
    });
  });

  it('requires a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard' });
    expect(res.statusCode).toBe(401);
  });
});
