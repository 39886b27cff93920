import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeAllocation, makeSystem } from '../../db/registry-factories.js';
import { systemContext } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { latestAllowedExpiry } from './allocations.period.js';
import { releaseSystemAllocations } from './allocations.release.js';

type Renewal = {
  id: string;
  allocationId: string;
  status: string;
  reason: string | null;
  requestedByName: string | null;
  decidedByName: string | null;
  decisionNote: string | null;
  newStartsOn: string | null;
  newExpiresOn: string | null;
};
type Detail = {
  id: string;
  startsOn: string;
  expiresOn: string;
  status: string;
  hasPendingRenewal: boolean;
  renewals: Renewal[];
};
type QueueItem = Renewal & {
  allocation: { id: string; orgId: string; value: string };
  proposedStartsOn: string | null;
  proposedExpiresOn: string | null;
};
type ErrorBody = { error: { code: string } };

describe('allocation renewals (item 十一)', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let unitAdminB: Record<string, string>;
  let memberA: Record<string, string>;
  let systemA: { id: string };
  let systemB: { id: string };

  const request = (headers: Record<string, string>, allocationId: string, reason = '系統持續營運') =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/allocations/${allocationId}/renewals`,
      headers,
      payload: { reason },
    });
  const decide = (headers: Record<string, string>, id: string, action: 'approve' | 'reject', payload = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1/allocation-renewals/${id}/${action}`, headers, payload });
  const detail = async (id: string, headers = admin) =>
    json<Detail>(await t.app.inject({ method: 'GET', url: `/api/v1/allocations/${id}`, headers }));
  const allocate = async (value: string, startsOn: string, systemId = systemA.id) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/allocations',
      headers: systemId === systemA.id ? unitAdminA : unitAdminB,
      payload: { systemId, value, startsOn },
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<{ id: string; expiresOn: string }>(res);
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    memberA = await loginAs(t, w.users.unitMemberA.id);
    systemA = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '甲系統' });
    systemB = await makeSystem(t.db.db, { orgId: w.orgs.unitB.id, name: '乙系統' });
  });
  afterAll(async () => t.close());

  it('extends the allocation on approval: the new period starts the day after the expiry', async () => {
    // 2030-03-01 + 3 years ends 2033-02-28; the next period 2033-03-01 ends on leap day 2036-02-29.
    const allocation = await allocate('renew.jia.edu.tw', '2030-03-01');
    expect(allocation.expiresOn).toBe('2033-02-28');

    const asked = await request(unitAdminA, allocation.id);
    expect(asked.statusCode).toBe(201);
    const renewal = json<Renewal>(asked);
    expect(renewal).toMatchObject({ status: 'pending', reason: '系統持續營運', newStartsOn: null });
    expect((await detail(allocation.id)).hasPendingRenewal).toBe(true);

    const twice = await request(unitAdminA, allocation.id);
    expect(twice.statusCode).toBe(409);
    expect(json<ErrorBody>(twice).error.code).toBe('RENEWAL_PENDING');

    const queue = json<{ items: QueueItem[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/allocation-renewals', headers: admin }),
    );
    expect(queue.items.find((i) => i.id === renewal.id)).toMatchObject({
      allocation: { value: 'renew.jia.edu.tw' },
      proposedStartsOn: '2033-03-01',
      proposedExpiresOn: '2036-02-29',
    });

    const byUnit = await decide(unitAdminA, renewal.id, 'approve');
    expect(byUnit.statusCode).toBe(403);

    const approved = await decide(admin, renewal.id, 'approve', { note: '同意續用' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(json<Renewal>(approved)).toMatchObject({
      status: 'approved',
      decisionNote: '同意續用',
      newStartsOn: '2033-03-01',
      newExpiresOn: '2036-02-29',
    });
    const after = await detail(allocation.id, unitAdminA);
    expect(after).toMatchObject({ startsOn: '2033-03-01', expiresOn: '2036-02-29', hasPendingRenewal: false });
    expect(after.renewals).toHaveLength(1);
    expect(after.renewals[0]).toMatchObject({ status: 'approved', decidedByName: w.users.ministryAdmin.name });

    const [event] = await queryRows<{ summary: Record<string, unknown> }>(
      t.db.db,
      sql`select summary from audit_events where action = 'allocation.renewal_approve' and target_id = ${allocation.id}`,
    );
    expect(event?.summary).toMatchObject({
      renewalId: renewal.id,
      before: { startsOn: '2030-03-01', expiresOn: '2033-02-28' },
      after: { startsOn: '2033-03-01', expiresOn: '2036-02-29' },
    });

    const again = await decide(admin, renewal.id, 'approve');
    expect(json<ErrorBody>(again).error.code).toBe('RENEWAL_DECIDED');
    const rejectDecided = await decide(admin, renewal.id, 'reject', { note: 'x' });
    expect(json<ErrorBody>(rejectDecided).error.code).toBe('RENEWAL_DECIDED');
  });

  it('starts a lapsed allocation’s new period today', async () => {
    const lapsed = await allocate('lapsed.jia.edu.tw', '2020-01-01');
    expect(lapsed.expiresOn).toBe('2022-12-31');
    const renewal = json<Renewal>(await request(unitAdminA, lapsed.id));
    const today = taipeiToday(new Date());
    const approved = json<Renewal>(await decide(admin, renewal.id, 'approve', {}));
    expect(approved).toMatchObject({ newStartsOn: today, newExpiresOn: latestAllowedExpiry(today, 3) });
    expect(await detail(lapsed.id)).toMatchObject({ startsOn: today, expiresOn: latestAllowedExpiry(today, 3) });
  });

  it('leaves the allocation as it was when the renewal is rejected', async () => {
    const allocation = await allocate('203.0.113.0/28', '2026-01-01');
    const renewal = json<Renewal>(await request(unitAdminA, allocation.id));
    const noNote = await decide(admin, renewal.id, 'reject', {});
    expect(noNote.statusCode).toBe(400);
    const rejected = await decide(admin, renewal.id, 'reject', { note: '系統即將下線，不予續用' });
    expect(rejected.statusCode).toBe(200);
    expect(json<Renewal>(rejected)).toMatchObject({ status: 'rejected', newExpiresOn: null });
    const after = await detail(allocation.id);
    expect(after).toMatchObject({ startsOn: '2026-01-01', expiresOn: '2028-12-31', hasPendingRenewal: false });
    expect(after.renewals[0]).toMatchObject({ status: 'rejected', decisionNote: '系統即將下線，不予續用' });
    // A new request may follow a rejection.
    expect((await request(unitAdminA, allocation.id, '補充說明')).statusCode).toBe(201);
  });

  it('keeps renewals within tenancy: unit B can neither see nor renew unit A’s allocations', async () => {
    const a = await allocate('tenant.jia.edu.tw', '2026-01-01');
    const b = await allocate('tenant.yi.edu.tw', '2026-01-01', systemB.id);
    expect((await request(unitAdminB, a.id)).statusCode).toBe(404);
    expect((await request(memberA, a.id)).statusCode).toBe(403);
    const pendingB = json<Renewal>(await request(unitAdminB, b.id));
    const pendingA = json<Renewal>(await request(unitAdminA, a.id));

    const seenByB = json<{ items: QueueItem[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/allocation-renewals?pageSize=100', headers: unitAdminB }),
    );
    expect(seenByB.items.map((i) => i.id)).toEqual([pendingB.id]);
    const seenByA = json<{ items: QueueItem[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/allocation-renewals?pageSize=100', headers: unitAdminA }),
    );
    expect(seenByA.items.every((i) => i.allocation.orgId === w.orgs.unitA.id)).toBe(true);
    expect(seenByA.items.map((i) => i.id)).toContain(pendingA.id);
    const all = json<{ items: QueueItem[]; total: number }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/allocation-renewals?pageSize=100', headers: admin }),
    );
    expect(all.items.map((i) => i.id)).toEqual(expect.arrayContaining([pendingA.id, pendingB.id]));
    const ofB = json<{ items: QueueItem[] }>(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/allocation-renewals?orgId=${w.orgs.unitB.id}`,
        headers: admin,
      }),
    );
    expect(ofB.items.map((i) => i.id)).toEqual([pendingB.id]);
    const decided = json<{ items: QueueItem[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/allocation-renewals?status=approved', headers: admin }),
    );
    expect(decided.items.length).toBeGreaterThan(0);
    expect(decided.items.every((i) => i.status === 'approved' && i.proposedStartsOn === null)).toBe(true);
  });

  it('refuses renewals of released allocations and closes pending ones on release', async () => {
    const allocation = await allocate('release.jia.edu.tw', '2026-01-01');
    const renewal = json<Renewal>(await request(unitAdminA, allocation.id));
    const released = await t.app.inject({
      method: 'POST',
      url: `/api/v1/allocations/${allocation.id}/release`,
      headers: unitAdminA,
      payload: { reason: '改用新網域' },
    });
    expect(released.statusCode).toBe(200);
    const after = await detail(allocation.id);
    expect(after.renewals[0]).toMatchObject({ id: renewal.id, status: 'rejected', decisionNote: '改用新網域' });
    const refused = await request(unitAdminA, allocation.id);
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorBody>(refused).error.code).toBe('ALLOCATION_NOT_ACTIVE');
    expect(json<ErrorBody>(await decide(admin, renewal.id, 'approve')).error.code).toBe('RENEWAL_DECIDED');
  });

  it('releases a decommissioned system’s allocations with their pending renewals in one go', async () => {
    const retiring = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '甲退場系統' });
    const first = await makeAllocation(t.db.db, {
      systemId: retiring.id,
      orgId: w.orgs.unitA.id,
      value: '198.51.100.64/27',
      network: '198.51.100.64/27',
    });
    await makeAllocation(t.db.db, {
      systemId: retiring.id,
      orgId: w.orgs.unitA.id,
      kind: 'domain',
      value: 'retiring.jia.edu.tw',
      network: null,
    });
    const renewal = json<Renewal>(await request(unitAdminA, first.id));
    const released = await t.db.db.transaction((tx) =>
      releaseSystemAllocations(tx, t.deps, systemContext('test', new Date()), {
        systemId: retiring.id,
        reason: '系統下線',
      }),
    );
    expect(released.map((r) => r.value).sort()).toEqual(['198.51.100.64/27', 'retiring.jia.edu.tw']);
    expect((await detail(first.id)).renewals[0]).toMatchObject({ id: renewal.id, status: 'rejected' });
    const events = await queryRows<{ n: number }>(
      t.db.db,
      sql`select count(*)::int as n from audit_events where action = 'allocation.release'
        and target_id = any(${sql.param(released.map((r) => r.id))}::text[])`,
    );
    expect(events[0]?.n).toBe(2);
    // The range is free again for another system.
    await allocate('198.51.100.64/27', '2026-01-01', systemB.id);
  });
});
