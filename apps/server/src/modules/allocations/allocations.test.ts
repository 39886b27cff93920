import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeContract, makeSystem } from '../../db/registry-factories.js';
import { policyVersions } from '../../db/schema/index.js';
import { taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, TEST_PG_URL, type TestApp } from '../../test/helpers.js';

type Allocation = {
  id: string;
  systemId: string;
  systemName: string;
  orgId: string;
  orgName: string;
  kind: string;
  value: string;
  startsOn: string;
  expiresOn: string;
  status: string;
  isExpired: boolean;
  daysToExpiry: number;
  hasPendingRenewal: boolean;
  policyVersion: number;
  maxYears: number;
};
type Page = { items: Allocation[]; total: number };
type ErrorBody = { error: { code: string; message: string } };

describe(`allocations (item 十一) on ${TEST_PG_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let unitAdminB: Record<string, string>;
  let memberA: Record<string, string>;
  let owner: Record<string, string>;
  let systemA: { id: string; name: string };
  let systemA2: { id: string; name: string };
  let systemB: { id: string; name: string };
  let retiredA: { id: string };

  const post = (headers: Record<string, string>, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/allocations', headers, payload });
  const list = async (headers: Record<string, string>, query = '') =>
    json<Page>(await t.app.inject({ method: 'GET', url: `/api/v1/allocations${query}`, headers }));

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    memberA = await loginAs(t, w.users.unitMemberA.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
    const contractA = await makeContract(t.db.db, {
      unitId: w.orgs.unitA.id,
      divisionId: w.orgs.division.id,
      ownerUserId: w.users.ministryOwner.id,
    });
    systemA = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '甲校務系統', contractIds: [contractA.id] });
    systemA2 = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '甲招生網站' });
    systemB = await makeSystem(t.db.db, { orgId: w.orgs.unitB.id, name: '乙秘密系統' });
    retiredA = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '甲舊網站', status: 'decommissioned' });
  });
  afterAll(async () => t.close());

  describe('period', () => {
    it('defaults the expiry to the latest the rules allow, across leap years (民法第121條)', async () => {
      const cases = [
        ['2024-02-29', '2027-02-28', '192.0.2.1'],
        ['2024-03-01', '2027-02-28', '192.0.2.2'],
        ['2025-02-28', '2028-02-27', '192.0.2.3'],
        ['2023-03-01', '2026-02-28', '192.0.2.4'],
        ['2026-01-01', '2028-12-31', '192.0.2.5'],
      ] as const;
      for (const [startsOn, expected, value] of cases) {
        const res = await post(unitAdminA, { systemId: systemA.id, value, startsOn });
        expect(res.statusCode, `${startsOn}: ${res.body}`).toBe(201);
        expect(json<Allocation>(res), startsOn).toMatchObject({
          kind: 'ipv4',
          value: `${value}/32`,
          startsOn,
          expiresOn: expected,
          policyVersion: 1,
          maxYears: 3,
          systemName: '甲校務系統',
          orgName: '國立甲大學',
        });
      }
    });

    it('answers the latest expiry for a start date', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/allocations/period?startsOn=2024-02-29',
        headers: memberA,
      });
      expect(json(res)).toMatchObject({ startsOn: '2024-02-29', latestExpiresOn: '2027-02-28', maxYears: 3 });
      const bad = await t.app.inject({
        method: 'GET',
        url: '/api/v1/allocations/period?startsOn=2025-02-29',
        headers: memberA,
      });
      expect(bad.statusCode).toBe(400);
    });

    it('accepts the last allowed day and refuses one day more, or an expiry before the start', async () => {
      const exact = await post(unitAdminA, {
        systemId: systemA.id,
        value: '192.0.2.16/30',
        startsOn: '2024-02-29',
        expiresOn: '2027-02-28',
      });
      expect(exact.statusCode).toBe(201);
      const tooLong = await post(unitAdminA, {
        systemId: systemA.id,
        value: '192.0.2.20/30',
        startsOn: '2024-02-29',
        expiresOn: '2027-03-01',
      });
      expect(tooLong.statusCode).toBe(400);
      expect(json<ErrorBody>(tooLong).error.code).toBe('ALLOCATION_PERIOD_TOO_LONG');
      const backwards = await post(unitAdminA, {
        systemId: systemA.id,
        value: '192.0.2.20/30',
        startsOn: '2026-05-01',
        expiresOn: '2026-04-30',
      });
      expect(json<ErrorBody>(backwards).error.code).toBe('ALLOCATION_PERIOD_INVALID');
      const shorter = await post(unitAdminA, {
        systemId: systemA.id,
        value: '192.0.2.20/30',
        startsOn: '2026-05-01',
        expiresOn: '2026-05-01',
      });
      expect(shorter.statusCode).toBe(201);
    });

    it('takes the maximum from the policy version in force on the start date and records it', async () => {
      await t.db.db.insert(policyVersions).values({
        version: 2,
        effectiveFrom: '2030-01-01',
        rules: { ...INITIAL_POLICY_RULES, allocations: { maxYears: 1 } },
        notes: 'test: one-year allocations from 2030',
      });
      const before = await post(unitAdminA, {
        systemId: systemA.id,
        value: 'v1.example.edu.tw',
        startsOn: '2029-12-31',
      });
      expect(json<Allocation>(before)).toMatchObject({ expiresOn: '2032-12-30', policyVersion: 1, maxYears: 3 });
      const after = await post(unitAdminA, {
        systemId: systemA.id,
        value: 'v2.example.edu.tw',
        startsOn: '2031-03-01',
      });
      expect(json<Allocation>(after)).toMatchObject({ expiresOn: '2032-02-29', policyVersion: 2, maxYears: 1 });
      const tooLong = await post(unitAdminA, {
        systemId: systemA.id,
        value: 'v3.example.edu.tw',
        startsOn: '2031-03-01',
        expiresOn: '2033-02-28',
      });
      expect(json<ErrorBody>(tooLong).error.code).toBe('ALLOCATION_PERIOD_TOO_LONG');
    });
  });

  describe('validation', () => {
    it.each([
      ['10.1.2.300', 'INVALID_IP'],
      ['2001:db8::g', 'INVALID_IP'],
      ['fe80::1%eth0', 'INVALID_IP'],
      ['10.1.2.5/24', 'INVALID_CIDR'],
      ['10.1.2.0/33', 'INVALID_CIDR'],
      ['2001:db8::/129', 'INVALID_CIDR'],
      ['not a domain', 'INVALID_FQDN'],
      ['localhost', 'INVALID_FQDN'],
      ['-bad.example.tw', 'INVALID_FQDN'],
    ])('refuses %s with %s and stores nothing', async (value, code) => {
      const res = await post(unitAdminA, { systemId: systemA2.id, value, startsOn: '2026-01-01' });
      expect(res.statusCode).toBe(400);
      expect(json<ErrorBody>(res).error.code).toBe(code);
    });

    it('refuses a decommissioned system', async () => {
      const res = await post(unitAdminA, { systemId: retiredA.id, value: '198.18.0.1', startsOn: '2026-01-01' });
      expect(res.statusCode).toBe(409);
      expect(json<ErrorBody>(res).error.code).toBe('SYSTEM_DECOMMISSIONED');
    });

    it('normalises IDNs and letter case', async () => {
      const res = await post(unitAdminA, { systemId: systemA2.id, value: ' 測試.Example.TW ', startsOn: '2026-01-01' });
      expect(json<Allocation>(res)).toMatchObject({ kind: 'domain', value: 'xn--g6w251d.example.tw' });
    });
  });

  describe('overlaps', () => {
    it('refuses a range containing another system’s range, without naming that system', async () => {
      expect(
        (await post(unitAdminA, { systemId: systemA.id, value: '10.1.2.0/24', startsOn: '2026-01-01' })).statusCode,
      ).toBe(201);
      const countBefore = await list(admin, '?q=10.1.');
      const res = await post(unitAdminB, { systemId: systemB.id, value: '10.1.0.0/16', startsOn: '2026-01-01' });
      expect(res.statusCode).toBe(409);
      expect(json<ErrorBody>(res).error.code).toBe('ALLOCATION_OVERLAP');
      expect(res.body).not.toContain(systemA.name);
      expect(res.body).not.toContain('10.1.2.0');
      expect((await list(admin, '?q=10.1.')).total).toBe(countBefore.total);
    });

    it('refuses a single address inside a range, a range inside it, and a duplicate on the same system', async () => {
      for (const [systemId, headers, value] of [
        [systemB.id, unitAdminB, '10.1.2.77'],
        [systemB.id, unitAdminB, '10.1.2.128/25'],
        [systemA.id, unitAdminA, '10.1.2.0/24'],
        [systemA2.id, unitAdminA, '10.1.2.0/23'],
      ] as const) {
        const res = await post(headers, { systemId, value, startsOn: '2026-01-01' });
        expect(json<ErrorBody>(res).error?.code, value).toBe('ALLOCATION_OVERLAP');
      }
      const adjacent = await post(unitAdminB, { systemId: systemB.id, value: '10.1.3.0/24', startsOn: '2026-01-01' });
      expect(adjacent.statusCode).toBe(201);
    });

    it('refuses overlapping IPv6 ranges and keeps the families apart', async () => {
      expect(
        (await post(unitAdminA, { systemId: systemA.id, value: '2001:db8:100::/48', startsOn: '2026-01-01' }))
          .statusCode,
      ).toBe(201);
      const wider = await post(unitAdminB, { systemId: systemB.id, value: '2001:DB8::/32', startsOn: '2026-01-01' });
      expect(json<ErrorBody>(wider).error.code).toBe('ALLOCATION_OVERLAP');
      const inside = await post(unitAdminB, {
        systemId: systemB.id,
        value: '2001:db8:100:1::5',
        startsOn: '2026-01-01',
      });
      expect(json<ErrorBody>(inside).error.code).toBe('ALLOCATION_OVERLAP');
      const elsewhere = await post(unitAdminB, {
        systemId: systemB.id,
        value: '2001:db8:200::/48',
        startsOn: '2026-01-01',
      });
      expect(elsewhere.statusCode).toBe(201);
      // ::/0 covers every IPv6 address, but no IPv4 one.
      const all6 = await post(unitAdminB, { systemId: systemB.id, value: '::/0', startsOn: '2026-01-01' });
      expect(json<ErrorBody>(all6).error.code).toBe('ALLOCATION_OVERLAP');
    });

    it('refuses the same domain in any letter case', async () => {
      expect(
        (await post(unitAdminA, { systemId: systemA.id, value: 'www.jia.edu.tw', startsOn: '2026-01-01' })).statusCode,
      ).toBe(201);
      const res = await post(unitAdminB, { systemId: systemB.id, value: 'WWW.Jia.EDU.tw', startsOn: '2026-01-01' });
      expect(res.statusCode).toBe(409);
      expect(json<ErrorBody>(res).error.code).toBe('ALLOCATION_OVERLAP');
      const sub = await post(unitAdminB, { systemId: systemB.id, value: 'lib.jia.edu.tw', startsOn: '2026-01-01' });
      expect(sub.statusCode).toBe(201);
    });

    it('lets only one of two concurrent overlapping requests through', async () => {
      const [first, second] = await Promise.all([
        post(unitAdminA, { systemId: systemA2.id, value: '172.16.0.0/16', startsOn: '2026-01-01' }),
        post(unitAdminB, { systemId: systemB.id, value: '172.16.8.0/24', startsOn: '2026-01-01' }),
      ]);
      expect([first?.statusCode, second?.statusCode].sort()).toEqual([201, 409]);
      const rows = await queryRows<{ n: number }>(
        t.db.db,
        sql`select count(*)::int as n from allocations where network && '172.16.0.0/12'::cidr`,
      );
      expect(rows[0]?.n).toBe(1);
    });

    it('shows a caller the overlapping allocations they may see, and nothing of other units', async () => {
      const mine = await list(unitAdminA, `?overlaps=${encodeURIComponent('10.1.0.0/16')}`);
      expect(mine.items.map((a) => a.value)).toEqual(['10.1.2.0/24']);
      const theirs = await list(unitAdminB, `?overlaps=${encodeURIComponent('10.1.0.0/16')}`);
      expect(theirs.items.map((a) => a.value)).toEqual(['10.1.3.0/24']);
      const invalid = await list(unitAdminA, '?overlaps=10.1.2.999');
      expect(invalid.total).toBe(0);
    });
  });

  describe('release', () => {
    it('releases with a reason and audit trail; a released allocation no longer blocks', async () => {
      const [target] = (await list(unitAdminA, `?q=${encodeURIComponent('10.1.2.0/24')}`)).items;
      expect(target).toBeDefined();
      const id = target?.id ?? '';
      const byB = await t.app.inject({
        method: 'POST',
        url: `/api/v1/allocations/${id}/release`,
        headers: unitAdminB,
        payload: { reason: 'x' },
      });
      expect(byB.statusCode).toBe(404);
      const byMember = await t.app.inject({
        method: 'POST',
        url: `/api/v1/allocations/${id}/release`,
        headers: memberA,
        payload: { reason: 'x' },
      });
      expect(byMember.statusCode).toBe(403);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/allocations/${id}/release`,
        headers: unitAdminA,
        payload: { reason: '網段整併' },
      });
      expect(res.statusCode).toBe(200);
      expect(json(res)).toMatchObject({ status: 'released', releaseReason: '網段整併' });
      const [event] = await queryRows<{ summary: Record<string, unknown> }>(
        t.db.db,
        sql`select summary from audit_events where action = 'allocation.release' and target_id = ${id}`,
      );
      expect(event?.summary).toMatchObject({
        before: { status: 'active', value: '10.1.2.0/24' },
        after: { status: 'released', reason: '網段整併' },
      });
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/allocations/${id}/release`,
        headers: unitAdminA,
        payload: { reason: 'again' },
      });
      expect(json<ErrorBody>(again).error.code).toBe('ALLOCATION_NOT_ACTIVE');
      // Unit B can now take the range unit A gave up.
      const freed = await post(unitAdminB, { systemId: systemB.id, value: '10.1.2.0/24', startsOn: '2026-01-01' });
      expect(freed.statusCode).toBe(201);
    });
  });

  describe('list and tenancy', () => {
    it('shows each unit only its own allocations, with system and unit names', async () => {
      const a = await list(unitAdminA);
      expect(a.total).toBeGreaterThan(0);
      expect(new Set(a.items.map((i) => i.orgId))).toEqual(new Set([w.orgs.unitA.id]));
      const b = await list(unitAdminB, '?pageSize=100');
      expect(new Set(b.items.map((i) => i.orgName))).toEqual(new Set(['國立乙大學']));
      const fromB = await t.app.inject({
        method: 'GET',
        url: `/api/v1/allocations/${a.items[0]?.id}`,
        headers: unitAdminB,
      });
      expect(fromB.statusCode).toBe(404);
      const byFilter = await list(unitAdminB, `?orgId=${w.orgs.unitA.id}`);
      expect(byFilter.total).toBe(0);
    });

    it('shows a business owner their supervised unit and the systems of their contracts elsewhere', async () => {
      const contractB = await makeContract(t.db.db, {
        unitId: w.orgs.unitB.id,
        divisionId: w.orgs.division.id,
        ownerUserId: w.users.ministryOwner.id,
      });
      const supervisedB = await makeSystem(t.db.db, {
        orgId: w.orgs.unitB.id,
        name: '乙委辦系統',
        contractIds: [contractB.id],
      });
      expect(
        (await post(unitAdminB, { systemId: supervisedB.id, value: 'moe-b.yi.edu.tw', startsOn: '2026-01-01' }))
          .statusCode,
      ).toBe(201);
      const seen = await list(owner, '?pageSize=100');
      const systemsSeen = new Set(seen.items.map((i) => i.systemId));
      expect(systemsSeen.has(systemA.id) && systemsSeen.has(systemA2.id)).toBe(true);
      expect(systemsSeen.has(supervisedB.id)).toBe(true);
      expect(systemsSeen.has(systemB.id)).toBe(false);
      // Reading is not managing: the owner cannot allocate.
      expect(
        (await post(owner, { systemId: systemA.id, value: '198.18.2.1', startsOn: '2026-01-01' })).statusCode,
      ).toBe(403);
    });

    it('lets a unit member read but not allocate', async () => {
      expect((await list(memberA)).total).toBeGreaterThan(0);
      const res = await post(memberA, { systemId: systemA.id, value: '198.18.1.1', startsOn: '2026-01-01' });
      expect(res.statusCode).toBe(403);
      const other = await post(unitAdminA, { systemId: systemB.id, value: '198.18.1.1', startsOn: '2026-01-01' });
      expect(other.statusCode).toBe(404);
    });

    it('filters by kind, status, system, search, expiring and expired, with days to expiry', async () => {
      const today = taipeiToday(new Date());
      const expiring = await post(unitAdminA, {
        systemId: systemA2.id,
        value: 'soon.jia.edu.tw',
        startsOn: '2024-01-01',
        expiresOn: today,
      });
      expect(json<Allocation>(expiring)).toMatchObject({ daysToExpiry: 0, isExpired: false });
      const domains = await list(unitAdminA, '?kind=domain&pageSize=100');
      expect(domains.items.every((i) => i.kind === 'domain')).toBe(true);
      const v6 = await list(unitAdminA, '?kind=ipv6');
      expect(v6.items.map((i) => i.value)).toEqual(['2001:db8:100::/48']);
      const released = await list(unitAdminA, '?status=released');
      expect(released.items.map((i) => i.value)).toEqual(['10.1.2.0/24']);
      const ofSystem = await list(unitAdminA, `?systemId=${systemA2.id}&pageSize=100`);
      expect(ofSystem.items.every((i) => i.systemName === '甲招生網站')).toBe(true);
      const search = await list(unitAdminA, '?q=JIA.edu');
      expect(search.items.map((i) => i.value).sort()).toEqual(['soon.jia.edu.tw', 'www.jia.edu.tw']);
      const within = await list(unitAdminA, '?expiringWithinDays=1');
      expect(within.items.map((i) => i.value)).toEqual(['soon.jia.edu.tw']);
      const expired = await list(unitAdminA, '?expired=true&pageSize=100');
      expect(expired.items.length).toBeGreaterThan(0);
      expect(expired.items.every((i) => i.isExpired && i.daysToExpiry < 0 && i.expiresOn < today)).toBe(true);
      expect(expired.items.map((i) => i.value)).toContain('192.0.2.4/32');
      const tooFar = await t.app.inject({
        method: 'GET',
        url: '/api/v1/allocations?expiringWithinDays=366',
        headers: unitAdminA,
      });
      expect(tooFar.statusCode).toBe(400);
      const paged = await list(unitAdminA, '?pageSize=2&page=2');
      expect(paged.items).toHaveLength(2);
    });

    it('audits a creation with its period and rule version', async () => {
      const res = await post(unitAdminA, { systemId: systemA2.id, value: 'audit.jia.edu.tw', startsOn: '2026-02-01' });
      const created = json<Allocation>(res);
      const [event] = await queryRows<{ summary: Record<string, unknown>; org_id: string }>(
        t.db.db,
        sql`select summary, org_id from audit_events where action = 'allocation.create' and target_id = ${created.id}`,
      );
      expect(event).toEqual({
        org_id: w.orgs.unitA.id,
        summary: {
          after: {
            systemId: systemA2.id,
            kind: 'domain',
            value: 'audit.jia.edu.tw',
            startsOn: '2026-02-01',
            expiresOn: '2029-01-31',
            policyVersion: 1,
          },
        },
      });
    });
  });
});
