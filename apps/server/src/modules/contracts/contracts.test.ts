import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES, type ContractDetail, type ContractListItem } from '@custodian/shared';
import { makeOrganisation, makeUser, makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type Page = { items: ContractListItem[]; total: number };
type Headers = Record<string, string>;
const CODES = INITIAL_POLICY_RULES.contractClauses.map((c) => c.code);

describe('contracts', () => {
  let t: TestApp;
  let w: World;
  let admin: Headers;
  let owner: Headers;
  let unitAdminA: Headers;
  let memberA: Headers;
  let unitAdminB: Headers;
  let seq = 0;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const body = (overrides: Record<string, unknown> = {}) => ({
    number: `MOE-115-${String((seq += 1)).padStart(4, '0')}`,
    name: '校務系統維護委辦案',
    type: 'commission',
    divisionId: w.orgs.division.id,
    ownerUserId: w.users.ministryOwner.id,
    unitId: w.orgs.unitA.id,
    subcontractorIds: [w.orgs.vendorA.id],
    periodStart: '2026-01-01',
    periodEnd: '2026-12-31',
    amount: 1_200_000,
    slaAvailability: 99.5,
    rtoHours: 4,
    rpoHours: 24,
    ...overrides,
  });
  const create = async (headers: Headers, overrides: Record<string, unknown> = {}) => {
    const res = await call('POST', '/contracts', headers, body(overrides));
    expect(res.statusCode, res.body).toBe(201);
    return json<ContractDetail>(res);
  };
  const list = async (headers: Headers, query = '') =>
    json<Page>(await call('GET', `/contracts?pageSize=100${query}`, headers));

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    memberA = await loginAs(t, w.users.unitMemberA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
  });
  afterAll(async () => t.close());

  it('creates a contract judged by the policy in force, with every required clause missing', async () => {
    const c = await create(admin);
    expect(c).toMatchObject({
      unitName: '國立甲大學',
      divisionName: '資訊及科技教育司',
      ownerName: w.users.ministryOwner.name,
      subcontractors: [{ id: w.orgs.vendorA.id, name: '甲資訊股份有限公司' }],
      slaAvailability: 99.5,
      rtoHours: 4,
      rpoHours: 24,
      amount: 1_200_000,
      policyVersion: 1,
      complianceStatus: 'non_compliant',
      missingClauses: CODES,
      can: expect.objectContaining({ edit: true }),
      dutyNotice: { sentAt: null, method: null, acknowledgedAt: null, acknowledgedByName: null },
    });
    expect(c.clauses).toHaveLength(CODES.length);
    expect(c.clauses[0]).toMatchObject({ code: 'item12_1', item: '十二(一)', status: null, isMissing: true });
    const [event] = await queryRows<{ action: string; summary: { after: { missingClauses: string[] } } }>(
      t.db.db,
      sql`select action, summary from audit_events where target_id = ${c.id}`,
    );
    expect(event?.action).toBe('contract.create');
    expect(event?.summary.after.missingClauses).toEqual(CODES);
  });

  it('flips the compliance flag as the checklist is filled, naming exactly the missing clauses', async () => {
    const c = await create(admin);
    const allButExit = CODES.filter((code) => code !== 'item13_exit').map((code, i) => ({
      code,
      status: code === 'item9_personal_data' ? 'not_applicable' : 'present',
      articleRef: `第 ${i + 1} 條`,
    }));
    const res = await call('PUT', `/contracts/${c.id}/clauses`, unitAdminA, { items: allButExit });
    expect(res.statusCode, res.body).toBe(200);
    const partial = json<ContractDetail>(res);
    expect(partial.complianceStatus).toBe('non_compliant');
    expect(partial.missingClauses).toEqual(['item13_exit']);
    expect(partial.clauses.filter((cl) => cl.isMissing).map((cl) => cl.code)).toEqual(['item13_exit']);
    expect(partial.clauses.find((cl) => cl.code === 'item12_1')).toMatchObject({
      status: 'present',
      articleRef: '第 1 條',
      updatedByName: w.users.unitAdminA.name,
    });
    expect((await list(admin, '&complianceStatus=compliant')).items.map((i) => i.id)).not.toContain(c.id);
    const row = (await list(admin, `&q=${c.number}`)).items[0];
    expect(row).toMatchObject({ id: c.id, missingCount: 1, complianceStatus: 'non_compliant' });

    const absent = await call('PUT', `/contracts/${c.id}/clauses/item13_exit`, owner, { status: 'absent' });
    expect(json<ContractDetail>(absent).missingClauses).toEqual(['item13_exit']);
    const done = await call('PUT', `/contracts/${c.id}/clauses/item13_exit`, owner, {
      status: 'present',
      articleRef: '第 20 條',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(json<ContractDetail>(done)).toMatchObject({ complianceStatus: 'compliant', missingClauses: [] });
    expect((await list(admin, '&complianceStatus=compliant')).items.map((i) => i.id)).toContain(c.id);

    const events = await queryRows<{ summary: { before: { missingClauses: string[] }; after: object } }>(
      t.db.db,
      sql`select summary from audit_events where target_id = ${c.id} and action = 'contract.clauses_update' order by seq`,
    );
    expect(events).toHaveLength(3);
    expect(events[2]?.summary).toMatchObject({
      before: { clauses: { item13_exit: { status: 'absent' } }, complianceStatus: 'non_compliant' },
      after: { clauses: { item13_exit: { status: 'present', articleRef: '第 20 條' } }, complianceStatus: 'compliant' },
    });
  });

  it('refuses unknown clauses and "not applicable" where the rule does not allow it, saving nothing', async () => {
    const c = await create(admin);
    const unknown = await call('PUT', `/contracts/${c.id}/clauses/item99_made_up`, admin, { status: 'present' });
    expect(unknown.statusCode).toBe(400);
    expect(json(unknown)).toMatchObject({ error: { code: 'CLAUSE_UNKNOWN' } });
    const na = await call('PUT', `/contracts/${c.id}/clauses/item12_1`, admin, { status: 'not_applicable' });
    expect(json(na)).toMatchObject({ error: { code: 'CLAUSE_NOT_APPLICABLE_REFUSED' } });
    const bulk = await call('PUT', `/contracts/${c.id}/clauses`, admin, {
      items: [
        { code: 'item12_2', status: 'present' },
        { code: 'item7_sla', status: 'not_applicable' },
      ],
    });
    expect(json(bulk)).toMatchObject({ error: { code: 'CLAUSE_NOT_APPLICABLE_REFUSED' } });
    const detail = json<ContractDetail>(await call('GET', `/contracts/${c.id}`, admin));
    expect(detail.clauses.every((cl) => cl.status === null)).toBe(true);
    const duplicate = await call('PUT', `/contracts/${c.id}/clauses`, admin, {
      items: [
        { code: 'item12_2', status: 'present' },
        { code: 'item12_2', status: 'absent' },
      ],
    });
    expect(json(duplicate)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const allowed = await call('PUT', `/contracts/${c.id}/clauses/item9_personal_data`, admin, {
      status: 'not_applicable',
      note: '本案不涉及個人資料',
    });
    expect(json<ContractDetail>(allowed).missingClauses).not.toContain('item9_personal_data');
    // A mark without article reference or note keeps the stored ones; null clears them.
    await call('PUT', `/contracts/${c.id}/clauses/item9_personal_data`, admin, {
      status: 'present',
      articleRef: '第 9 條',
    });
    const kept = json<ContractDetail>(await call('GET', `/contracts/${c.id}`, admin)).clauses.find(
      (cl) => cl.code === 'item9_personal_data',
    );
    expect(kept).toMatchObject({ status: 'present', articleRef: '第 9 條', note: '本案不涉及個人資料' });
    const cleared = await call('PUT', `/contracts/${c.id}/clauses/item9_personal_data`, admin, {
      status: 'present',
      note: null,
    });
    expect(json<ContractDetail>(cleared).clauses.find((cl) => cl.code === 'item9_personal_data')).toMatchObject({
      articleRef: '第 9 條',
      note: null,
    });
  });

  it('validates the number, period, amount and parties', async () => {
    const first = await create(admin);
    const taken = await call('POST', '/contracts', admin, body({ number: first.number.toLowerCase() }));
    expect(taken.statusCode).toBe(409);
    expect(json(taken)).toMatchObject({ error: { code: 'CONTRACT_NUMBER_TAKEN' } });
    const period = await call('POST', '/contracts', admin, body({ periodEnd: '2025-12-31' }));
    expect(json(period)).toMatchObject({ error: { code: 'CONTRACT_PERIOD_INVALID' } });
    const amount = await call('POST', '/contracts', admin, body({ amount: -1 }));
    expect(json(amount)).toMatchObject({ error: { code: 'VALIDATION_FAILED', fields: [{ path: 'amount' }] } });
    const inactiveUnit = await makeOrganisation(t.db.db, { kind: 'unit', parentId: w.orgs.ministry.id });
    await t.db.db.execute(sql`update organisations set is_active = false where id = ${inactiveUnit.id}`);
    for (const bad of [
      { divisionId: w.orgs.unitA.id },
      { unitId: w.orgs.division.id },
      { unitId: inactiveUnit.id },
      { ownerUserId: w.users.unitAdminA.id },
      { subcontractorIds: [w.orgs.unitB.id] },
    ]) {
      const res = await call('POST', '/contracts', admin, body(bad));
      // The field at fault is named, so the form can mark it.
      expect(json(res), JSON.stringify(bad)).toMatchObject({
        error: { code: 'CONTRACT_PARTY_INVALID', fields: [{ path: Object.keys(bad)[0] }] },
      });
    }
    const noOwner = await create(admin, { ownerUserId: null, subcontractorIds: [], amount: null });
    expect(noOwner).toMatchObject({ ownerUserId: null, subcontractors: [], amount: null });
  });

  it('keeps each unit to its own contracts', async () => {
    const a = await create(unitAdminA);
    const b = await create(admin, { unitId: w.orgs.unitB.id, ownerUserId: null, subcontractorIds: [] });
    expect((await list(unitAdminB)).items.map((i) => i.id)).toEqual([b.id]);
    expect((await call('GET', `/contracts/${a.id}`, unitAdminB)).statusCode).toBe(404);
    expect((await call('PATCH', `/contracts/${a.id}`, unitAdminB, { name: 'x' })).statusCode).toBe(404);
    expect(
      (await call('PUT', `/contracts/${a.id}/clauses/item12_1`, unitAdminB, { status: 'present' })).statusCode,
    ).toBe(404);
    // Unit B is outside unit A's admin's scope: as missing as a unit that does not exist.
    const forB = await call('POST', '/contracts', unitAdminA, body({ unitId: w.orgs.unitB.id }));
    expect(json(forB)).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const forNobody = await call('POST', '/contracts', unitAdminA, body({ unitId: randomUUID() }));
    expect(json(forNobody)).toEqual(json(forB));
    expect((await list(unitAdminA)).items.every((i) => i.unitId === w.orgs.unitA.id)).toBe(true);
    const memberView = json<ContractDetail>(await call('GET', `/contracts/${a.id}`, memberA));
    expect(memberView.can.edit).toBe(false);
    expect((await call('PATCH', `/contracts/${a.id}`, memberA, { name: 'x' })).statusCode).toBe(403);
  });

  it('shows a business owner the contracts they own or supervise, and nothing else', async () => {
    const otherOwner = await makeUser(t.db.db, { orgId: w.orgs.division.id, role: 'ministry_owner' });
    const supervised = await create(admin, { ownerUserId: otherOwner.id });
    const owned = await create(admin, { unitId: w.orgs.unitB.id, subcontractorIds: [] });
    const neither = await create(admin, { unitId: w.orgs.unitB.id, ownerUserId: otherOwner.id, subcontractorIds: [] });
    const ids = (await list(owner)).items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([supervised.id, owned.id]));
    expect(ids).not.toContain(neither.id);
    expect((await call('GET', `/contracts/${neither.id}`, owner)).statusCode).toBe(404);
    expect(json<ContractDetail>(await call('GET', `/contracts/${owned.id}`, owner)).can.edit).toBe(true);
    // Handing the contract to a unit they do not supervise and another owner would lose it.
    const handOff = await call('PATCH', `/contracts/${owned.id}`, owner, { ownerUserId: otherOwner.id });
    expect(handOff.statusCode).toBe(403);
    const mine = await list(owner, `&ownerUserId=${w.users.ministryOwner.id}`);
    expect(mine.items.every((i) => i.ownerUserId === w.users.ministryOwner.id)).toBe(true);
  });

  it('lists with search, filters and pagination', async () => {
    const special = await create(admin, { name: '特殊搜尋用案件', type: 'procurement', unitId: w.orgs.unitB.id });
    const byName = await list(admin, `&q=${encodeURIComponent('特殊搜尋')}`);
    expect(byName.items.map((i) => i.id)).toEqual([special.id]);
    expect(byName.items[0]).toMatchObject({ unitName: '國立乙大學', systemCount: 0, missingCount: CODES.length });
    expect((await list(admin, '&type=procurement')).items.map((i) => i.id)).toEqual([special.id]);
    const unitB = await list(admin, `&unitId=${w.orgs.unitB.id}`);
    expect(unitB.items.every((i) => i.unitId === w.orgs.unitB.id)).toBe(true);
    const all = await list(admin);
    const paged = json<Page>(await call('GET', '/contracts?page=2&pageSize=2', admin));
    expect(paged.total).toBe(all.total);
    expect(paged.items.map((i) => i.id)).toEqual(all.items.slice(2, 4).map((i) => i.id));
    expect((await list(admin, '&q=%25')).total).toBe(0);
  });

  it('names the parties in both languages: their English names next to the official ones, null where none', async () => {
    const ntnu = await makeOrganisation(t.db.db, {
      kind: 'unit',
      name: '國立臺灣師範大學',
      nameEn: 'National Taiwan Normal University',
      parentId: w.orgs.ministry.id,
    });
    const division = await makeOrganisation(t.db.db, {
      kind: 'division',
      name: '高等教育司',
      nameEn: 'Department of Higher Education',
      parentId: w.orgs.ministry.id,
    });
    const vendor = await makeOrganisation(t.db.db, {
      kind: 'vendor',
      name: '精誠資訊股份有限公司',
      nameEn: 'SYSTEX Corporation',
      parentId: ntnu.id,
      unitType: 'company',
    });
    const named = await create(admin, { unitId: ntnu.id, divisionId: division.id, subcontractorIds: [vendor.id] });
    expect(named).toMatchObject({
      unitName: '國立臺灣師範大學',
      unitNameEn: 'National Taiwan Normal University',
      divisionName: '高等教育司',
      divisionNameEn: 'Department of Higher Education',
      subcontractors: [{ id: vendor.id, name: '精誠資訊股份有限公司', nameEn: 'SYSTEX Corporation' }],
    });
    expect((await list(admin, `&unitId=${ntnu.id}`)).items).toEqual([
      expect.objectContaining({
        id: named.id,
        unitNameEn: 'National Taiwan Normal University',
        divisionNameEn: 'Department of Higher Education',
      }),
    ]);
    const unnamed = await create(admin);
    expect(unnamed).toMatchObject({
      unitName: '國立甲大學',
      unitNameEn: null,
      divisionNameEn: null,
      subcontractors: [{ id: w.orgs.vendorA.id, nameEn: null }],
    });
    type Options = {
      divisions: { id: string; nameEn: string | null }[];
      owners: { id: string; orgNameEn: string | null }[];
    };
    const options = json<Options>(await call('GET', '/contracts/party-options', admin));
    expect(options.owners).toContainEqual(expect.objectContaining({ id: w.users.ministryOwner.id, orgNameEn: null }));
    expect(options.divisions).toContainEqual(
      expect.objectContaining({ id: division.id, nameEn: 'Department of Higher Education' }),
    );
    expect(options.divisions).toContainEqual(expect.objectContaining({ id: w.orgs.division.id, nameEn: null }));
  });

  it('updates details and subcontractors with an audited before/after', async () => {
    const c = await create(unitAdminA);
    const res = await call('PATCH', `/contracts/${c.id}`, unitAdminA, {
      name: '校務系統維護委辦案（第二期）',
      subcontractorIds: [],
      rtoHours: 8,
      slaAvailability: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<ContractDetail>(res)).toMatchObject({ subcontractors: [], rtoHours: 8, slaAvailability: null });
    const bad = await call('PATCH', `/contracts/${c.id}`, unitAdminA, { periodStart: '2027-01-01' });
    expect(json(bad)).toMatchObject({ error: { code: 'CONTRACT_PERIOD_INVALID' } });
    const [event] = await queryRows<{ summary: { before: Record<string, unknown>; after: Record<string, unknown> } }>(
      t.db.db,
      sql`select summary from audit_events where target_id = ${c.id} and action = 'contract.update'`,
    );
    expect(event?.summary.before).toMatchObject({ rtoHours: 4, subcontractorIds: [w.orgs.vendorA.id] });
    expect(event?.summary.after).toMatchObject({ rtoHours: 8, subcontractorIds: [] });
  });

  it('offers divisions and business owners to contract writers only', async () => {
    const res = await call('GET', '/contracts/party-options', unitAdminA);
    expect(res.statusCode).toBe(200);
    const options = json<{ divisions: { id: string }[]; owners: { id: string }[] }>(res);
    expect(options.divisions.map((d) => d.id)).toContain(w.orgs.division.id);
    expect(options.owners.map((o) => o.id)).toContain(w.users.ministryOwner.id);
    expect((await call('GET', '/contracts/party-options', memberA)).statusCode).toBe(403);
  });
});
