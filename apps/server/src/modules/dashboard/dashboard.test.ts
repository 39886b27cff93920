import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeWorld, type World } from '../../db/factories.js';
import { users } from '../../db/schema/index.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

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
    expect(json(res)).toEqual({
      organisations: { division: 1, unit: 2, vendor: 1 },
      users: { total: 8, active: 7, withMfa: 2, locked: 1 },
      auditEventsLast24h: 1,
    });
  });

  it("counts only a unit admin's own unit and its vendors", async () => {
    const unitAdmin = await loginAs(t, world.users.unitAdminA.id);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: unitAdmin });
    expect(json(res)).toEqual({
      organisations: { division: 0, unit: 1, vendor: 1 },
      users: { total: 3, active: 3, withMfa: 1, locked: 1 },
      auditEventsLast24h: 0,
    });
  });

  it('requires a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/dashboard' });
    expect(res.statusCode).toBe(401);
  });
});
