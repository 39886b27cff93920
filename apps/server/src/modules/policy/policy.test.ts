import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns/addDays';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { eq, sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES, type PolicyRules } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { makeRegistryWorld, type RegistryWorld } from '../../db/registry-factories.js';
import { queryRows } from '../../db/client.js';
import { contracts, policyVersions } from '../../db/schema/index.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type Version = {
  id: string;
  version: number;
  effectiveFrom: string;
  rules: PolicyRules;
  notes: string;
  publishedByName: string | null;
  isCurrent: boolean;
  status: 'current' | 'scheduled' | 'superseded';
  usage: { contracts: number; systems: number; allocations: number };
};
type ErrorBody = { error: { code: string; fields?: { path: string; message: string }[] } };

const shiftDay = (day: string, days: number) => formatISO(addDays(parseISO(day), days), { representation: 'date' });

/** Version 1's rules with a five-year allocation period, one clause dropped and one added. */
function amendedRules(): PolicyRules {
  return {
    ...INITIAL_POLICY_RULES,
    allocations: { maxYears: 5 },
    contractClauses: [
      ...INITIAL_POLICY_RULES.contractClauses.filter((c) => c.code !== 'item13_retention'),
      {
        code: 'item9_sbom',
        item: '九',
        title: { 'zh-TW': '軟體物料清單', en: 'Software bill of materials' },
        description: { 'zh-TW': '契約應要求交付軟體物料清單。', en: 'The contract requires an SBOM.' },
        required: true,
        allowNotApplicable: false,
      },
    ],
  };
}

describe('versioned policy', () => {
  let t: TestApp;
  let w: World;
  let reg: RegistryWorld;
  let admin: Record<string, string>;
  const today = taipeiToday(new Date());

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    reg = await makeRegistryWorld(t.db.db, w);
    admin = await loginAs(t, w.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  const get = async <T>(url: string, headers: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, res.body).toBe(200);
    return json<T>(res);
  };
  const publish = (payload: Record<string, unknown>, headers = admin) =>
    t.app.inject({ method: 'POST', url: '/api/v1/policy/versions', headers, payload });

  it('ships version 1 from the regulation text and shows it to every role', async () => {
    const member = await loginAs(t, w.users.unitMemberB.id);
    const current = await get<Version & { scheduled: unknown[] }>('/api/v1/policy/current', member);
    expect(current.version).toBe(1);
    expect(current.isCurrent).toBe(true);
    expect(current.rules).toEqual(INITIAL_POLICY_RULES);
    expect(current.rules.allocations.maxYears).toBe(3);
    expect(current.scheduled).toEqual([]);
  });

  it('lets only the Ministry security office publish', async () => {
    for (const user of [w.users.unitAdminA, w.users.ministryOwner, w.users.auditor, w.users.unitMemberA]) {
      const res = await publish(
        { effectiveFrom: today, rules: INITIAL_POLICY_RULES, notes: 'x' },
        await loginAs(t, user.id),
      );
      expect(res.statusCode, user.email).toBe(403);
    }
    const [row] = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from policy_versions`);
    expect(row?.n).toBe(1);
  });

  it('refuses invalid rule sets with the paths of the offending fields', async () => {
    const [first] = INITIAL_POLICY_RULES.contractClauses;
    if (!first) {
      throw new Error('no clause');
    }
    const cases: { rules: unknown; path: string }[] = [
      { rules: { ...INITIAL_POLICY_RULES, allocations: { maxYears: 0 } }, path: 'rules.allocations.maxYears' },
      {
        rules: { ...INITIAL_POLICY_RULES, contractClauses: [first, { ...first, item: '十二(二)' }] },
        path: 'rules.contractClauses.1.code',
      },
      {
        rules: { ...INITIAL_POLICY_RULES, contractClauses: [{ ...first, code: 'Not A Code' }] },
        path: 'rules.contractClauses.0.code',
      },
      {
        rules: { ...INITIAL_POLICY_RULES, contractClauses: [{ ...first, title: { 'zh-TW': '標題', en: ' ' } }] },
        path: 'rules.contractClauses.0.title.en',
      },
      { rules: { ...INITIAL_POLICY_RULES, contractClauses: [] }, path: 'rules.contractClauses' },
      {
        rules: { ...INITIAL_POLICY_RULES, vendorQualifications: { expiryWarningDays: 400 } },
        path: 'rules.vendorQualifications.expiryWarningDays',
      },
    ];
    for (const { rules, path } of cases) {
      const res = await publish({ effectiveFrom: today, rules, notes: '錯誤測試' });
      expect(res.statusCode, path).toBe(400);
      const body = json<ErrorBody>(res);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(
        body.error.fields?.map((f) => f.path),
        path,
      ).toContain(path);
    }
    const badDate = await publish({ effectiveFrom: '2026-02-30', rules: INITIAL_POLICY_RULES, notes: 'x' });
    expect(json<ErrorBody>(badDate).error.fields?.map((f) => f.path)).toEqual(['effectiveFrom']);
    const noNotes = await publish({ effectiveFrom: today, rules: INITIAL_POLICY_RULES, notes: '  ' });
    expect(json<ErrorBody>(noNotes).error.fields?.map((f) => f.path)).toEqual(['notes']);
  });

  it('publishes version 2 in force today, records the changes and keeps older records on version 1', async () => {
    const v1 = await policyInForce(t.db.db, taipeiToday(new Date()));
    const res = await publish({ effectiveFrom: today, rules: amendedRules(), notes: '依 115 年修正' });
    expect(res.statusCode, res.body).toBe(201);
    const v2 = json<Version>(res);
    expect(v2).toMatchObject({ version: 2, effectiveFrom: today, status: 'current', isCurrent: true });
    expect(v2.publishedByName).toBe(w.users.ministryAdmin.name);
    expect(v2.usage).toEqual({ contracts: 0, systems: 0, allocations: 0, agreements: 0, scans: 0 });

    const current = await get<Version>('/api/v1/policy/current', admin);
    expect(current.id).toBe(v2.id);
    expect(current.rules.allocations.maxYears).toBe(5);
    expect((await policyInForce(t.db.db, taipeiToday(new Date()))).id).toBe(v2.id);

    // Records judged before keep pointing at version 1.
    const [contract] = await t.db.db.select().from(contracts).where(eq(contracts.id, reg.a.contract.id));
    expect(contract?.policyVersionId).toBe(v1.id);
    const list = await get<{ items: Version[]; total: number }>('/api/v1/policy/versions', admin);
    expect(list.total).toBe(2);
    expect(list.items.map((v) => [v.version, v.status])).toEqual([
      [2, 'current'],
      [1, 'superseded'],
    ]);
    expect(list.items[1]?.usage).toEqual({ contracts: 2, systems: 2, allocations: 2, agreements: 0, scans: 0 });

    const [event] = await queryRows<{ summary: Record<string, unknown>; target_id: string }>(
      t.db.db,
      sql`select summary, target_id from audit_events where action = 'policy.publish'`,
    );
    expect(event?.target_id).toBe(v2.id);
    expect(event?.summary).toEqual({
      version: 2,
      previousVersion: 1,
      effectiveFrom: today,
      changes: {
        sectionsAdded: [],
        sectionsRemoved: [],
        clausesAdded: ['item9_sbom'],
        clausesRemoved: ['item13_retention'],
        clausesChanged: [],
        valuesChanged: [{ path: 'allocations.maxYears', from: 3, to: 5 }],
      },
    });
  });

  it('counts only the records the caller may read', async () => {
    const v1 = (await t.db.db.select().from(policyVersions).where(eq(policyVersions.version, 1)))[0];
    const unitB = await loginAs(t, w.users.unitAdminB.id);
    const seen = await get<Version>(`/api/v1/policy/versions/${v1?.id}`, unitB);
    expect(seen.usage).toEqual({ contracts: 1, systems: 1, allocations: 1, agreements: 0, scans: 0 });
    expect(seen.status).toBe('superseded');
  });

  it('keeps a future-dated version out of force until its day', async () => {
    const day = shiftDay(today, 30);
    const res = await publish({
      effectiveFrom: day,
      rules: { ...amendedRules(), contacts: { reconfirmIntervalMonths: 6 } },
      notes: '下個月起每半年確認聯絡人',
    });
    expect(res.statusCode, res.body).toBe(201);
    const v3 = json<Version>(res);
    expect(v3).toMatchObject({ version: 3, status: 'scheduled', isCurrent: false });

    const current = await get<Version & { scheduled: { id: string; effectiveFrom: string }[] }>(
      '/api/v1/policy/current',
      admin,
    );
    expect(current.version).toBe(2);
    expect(current.scheduled).toEqual([{ id: v3.id, version: 3, effectiveFrom: day }]);
    expect((await policyInForce(t.db.db, shiftDay(day, -1))).version).toBe(2);
    expect((await policyInForce(t.db.db, day)).version).toBe(3);
    expect((await policyInForce(t.db.db, day)).rules.contacts.reconfirmIntervalMonths).toBe(6);
    expect((await policyInForce(t.db.db, '2019-06-01')).version).toBe(1);
  });

  it('refuses an effective date before the latest version, without publishing anything', async () => {
    const res = await publish({ effectiveFrom: today, rules: amendedRules(), notes: '倒填日期' });
    expect(res.statusCode).toBe(400);
    expect(json<ErrorBody>(res).error.code).toBe('POLICY_EFFECTIVE_DATE_INVALID');
    const [row] = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from policy_versions`);
    expect(row?.n).toBe(3);
  });

  it('accepts a version on the same day as the latest, which then takes precedence', async () => {
    const day = shiftDay(today, 30);
    const res = await publish({ effectiveFrom: day, rules: INITIAL_POLICY_RULES, notes: '同日更正' });
    expect(res.statusCode, res.body).toBe(201);
    expect((await policyInForce(t.db.db, day)).version).toBe(4);
  });

  it('keeps versions immutable and answers 404 for unknown ones', async () => {
    const list = await get<{ items: Version[] }>('/api/v1/policy/versions?pageSize=1', admin);
    expect(list.items.map((v) => v.version)).toEqual([4]);
    const id = list.items[0]?.id ?? '';
    for (const method of ['PATCH', 'DELETE'] as const) {
      const res = await t.app.inject({
        method,
        url: `/api/v1/policy/versions/${id}`,
        headers: admin,
        payload: { notes: 'x' },
      });
      expect(res.statusCode, method).toBe(404);
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/policy/versions/00000000-0000-4000-8000-000000000000',
      headers: admin,
    });
    expect(missing.statusCode).toBe(404);
  });
});
