import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES, type ContractDetail, type PolicyRules, type RiskAssessment } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { makeSystem } from '../../db/registry-factories.js';
import { queryRows } from '../../db/client.js';
import { policyVersions } from '../../db/schema/index.js';
import { taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type Headers = Record<string, string>;

describe('contract records: duty notice, risk assessments, systems and re-evaluation', () => {
  let t: TestApp;
  let w: World;
  let admin: Headers;
  let owner: Headers;
  let unitAdminA: Headers;
  let unitAdminB: Headers;
  let seq = 0;

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, headers: Headers, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
  const create = async (overrides: Record<string, unknown> = {}) => {
    const res = await call('POST', '/contracts', admin, {
      number: `REC-${(seq += 1)}`,
      name: '網站維護委辦案',
      type: 'subsidy',
      divisionId: w.orgs.division.id,
      ownerUserId: w.users.ministryOwner.id,
      unitId: w.orgs.unitA.id,
      periodStart: '2026-02-01',
      periodEnd: '2027-01-31',
      ...overrides,
    });
    expect(res.statusCode, res.body).toBe(201);
    return json<ContractDetail>(res);
  };
  const detail = async (id: string, headers: Headers = admin) =>
    json<ContractDetail>(await call('GET', `/contracts/${id}`, headers));

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
  });
  afterAll(async () => t.close());

  it('records the notice of duties and the unit’s acknowledgement (item 二)', async () => {
    const c = await create();
    expect((await detail(c.id, unitAdminA)).can.acknowledge).toBe(false);
    const early = await call('POST', `/contracts/${c.id}/duty-notice/acknowledge`, unitAdminA);
    expect(early.statusCode).toBe(409);
    expect(json(early)).toMatchObject({ error: { code: 'DUTY_NOTICE_MISSING' } });

    const future = new Date(Date.now() + 86_400_000).toISOString();
    const refused = await call('POST', `/contracts/${c.id}/duty-notice`, owner, { sentAt: future, method: 'written' });
    expect(json(refused)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const sent = await call('POST', `/contracts/${c.id}/duty-notice`, owner, {
      sentAt: '2026-01-20T09:30:00+08:00',
      method: 'written',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(json<ContractDetail>(sent).dutyNotice).toEqual({
      sentAt: '2026-01-20T01:30:00.000Z',
      method: 'written',
      acknowledgedAt: null,
      acknowledgedByName: null,
    });
    expect((await detail(c.id, unitAdminA)).can.acknowledge).toBe(true);

    expect((await call('POST', `/contracts/${c.id}/duty-notice/acknowledge`, unitAdminB)).statusCode).toBe(404);
    expect((await call('POST', `/contracts/${c.id}/duty-notice/acknowledge`, owner)).statusCode).toBe(403);
    const ack = await call('POST', `/contracts/${c.id}/duty-notice/acknowledge`, unitAdminA);
    expect(ack.statusCode, ack.body).toBe(200);
    const acknowledged = json<ContractDetail>(ack);
    expect(acknowledged.dutyNotice.acknowledgedByName).toBe(w.users.unitAdminA.name);
    expect(acknowledged.dutyNotice.acknowledgedAt).not.toBeNull();
    expect(acknowledged.can.acknowledge).toBe(false);
    const twice = await call('POST', `/contracts/${c.id}/duty-notice/acknowledge`, unitAdminA);
    expect(json(twice)).toMatchObject({ error: { code: 'CONFLICT' } });

    // A new notice needs a new acknowledgement.
    const resent = await call('POST', `/contracts/${c.id}/duty-notice`, admin, {
      sentAt: new Date().toISOString(),
      method: 'electronic',
    });
    expect(json<ContractDetail>(resent).dutyNotice).toMatchObject({ method: 'electronic', acknowledgedAt: null });
    const actions = await queryRows<{ action: string }>(
      t.db.db,
      sql`select action from audit_events where target_id = ${c.id} order by seq`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'contract.create',
      'contract.duty_notice_send',
      'contract.duty_notice_acknowledge',
      'contract.duty_notice_send',
    ]);
  });

  it('records and amends pre-commissioning risk assessments (item 三)', async () => {
    const c = await create();
    const other = await create({ unitId: w.orgs.unitB.id, ownerUserId: null });
    const payload = {
      assessedOn: '2026-01-10',
      assessor: '資科司資安小組',
      risks: ['password_cracking', 'personal_data_leak'],
      level: 'high',
      mitigation: '上線前弱點掃描及滲透測試；管理介面限制來源 IP。',
    };
    const res = await call('POST', `/contracts/${c.id}/risk-assessments`, unitAdminA, payload);
    expect(res.statusCode, res.body).toBe(201);
    const created = json<RiskAssessment>(res);
    expect(created).toMatchObject({ ...payload, contractId: c.id, conclusion: null });
    expect(created.createdByName).toBe(w.users.unitAdminA.name);

    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await call('POST', `/contracts/${c.id}/risk-assessments`, admin, {
      ...payload,
      assessedOn: tomorrow,
    });
    expect(json(future)).toMatchObject({ error: { code: 'RISK_ASSESSMENT_DATE_INVALID' } });
    const noRisks = await call('POST', `/contracts/${c.id}/risk-assessments`, admin, { ...payload, risks: [] });
    expect(json(noRisks)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const unknownRisk = await call('POST', `/contracts/${c.id}/risk-assessments`, admin, {
      ...payload,
      risks: ['alien_invasion'],
    });
    expect(unknownRisk.statusCode).toBe(400);

    const patched = await call('PATCH', `/contracts/${c.id}/risk-assessments/${created.id}`, owner, {
      level: 'medium',
      conclusion: '可委辦，並於契約納入改善措施。',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(json<RiskAssessment>(patched)).toMatchObject({ level: 'medium', risks: payload.risks });
    // The assessment belongs to contract c, not to the other one.
    const wrongContract = await call('PATCH', `/contracts/${other.id}/risk-assessments/${created.id}`, admin, {
      level: 'low',
    });
    expect(wrongContract.statusCode).toBe(404);
    expect((await detail(c.id, unitAdminA)).riskAssessments.map((r) => r.id)).toEqual([created.id]);
    const [event] = await queryRows<{ summary: { before: { level: string }; after: { level: string } } }>(
      t.db.db,
      sql`select summary from audit_events where target_id = ${created.id} and action = 'contract.risk_assessment_update'`,
    );
    expect(event?.summary).toMatchObject({ before: { level: 'high' }, after: { level: 'medium' } });
  });

  it('shows the systems that belong to a contract', async () => {
    const c = await create();
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, name: '招生網站', contractIds: [c.id] });
    expect((await detail(c.id)).systems).toEqual([{ id: system.id, name: '招生網站', status: 'planned' }]);
    const row = json<{ items: { id: string; systemCount: number }[] }>(
      await call('GET', `/contracts?q=${c.number}`, admin),
    ).items[0];
    expect(row).toMatchObject({ id: c.id, systemCount: 1 });
  });

  // Last: publishes a new policy version for the rest of this database.
  it('keeps a contract on its policy version until it is re-evaluated', async () => {
    const old = await create();
    const allPresent = INITIAL_POLICY_RULES.contractClauses.map((cl) => ({ code: cl.code, status: 'present' }));
    expect(
      json<ContractDetail>(await call('PUT', `/contracts/${old.id}/clauses`, admin, { items: allPresent }))
        .complianceStatus,
    ).toBe('compliant');

    const [first, ...rest] = INITIAL_POLICY_RULES.contractClauses;
    expect(first?.code).toBe('item12_1');
    const rules: PolicyRules = {
      ...INITIAL_POLICY_RULES,
      contractClauses: [
        ...rest,
        {
          code: 'item99_cloud',
          item: '九十九',
          title: { 'zh-TW': '雲端服務資安要求', en: 'Cloud service security' },
          description: { 'zh-TW': '契約應載明雲端服務之資安要求。', en: 'The contract states cloud security needs.' },
          required: true,
          allowNotApplicable: false,
        },
      ],
    };
    await t.db.db
      .insert(policyVersions)
      .values({ version: 2, effectiveFrom: taipeiToday(new Date()), rules, notes: '測試用第二版' });

    const stayed = await detail(old.id);
    expect(stayed).toMatchObject({ policyVersion: 1, currentPolicyVersion: 2, complianceStatus: 'compliant' });
    expect(stayed.clauses.map((cl) => cl.code)).toContain('item12_1');
    const unknown = await call('PUT', `/contracts/${old.id}/clauses/item99_cloud`, admin, { status: 'present' });
    expect(json(unknown)).toMatchObject({ error: { code: 'CLAUSE_UNKNOWN' } });

    const fresh = await create();
    expect(fresh.policyVersion).toBe(2);
    expect(fresh.missingClauses).toEqual(rules.contractClauses.map((cl) => cl.code));
    const retired = await call('PUT', `/contracts/${fresh.id}/clauses/item12_1`, admin, { status: 'present' });
    expect(json(retired)).toMatchObject({ error: { code: 'CLAUSE_UNKNOWN' } });

    expect((await call('POST', `/contracts/${old.id}/reevaluate`, owner)).statusCode).toBe(403);
    const moved = await call('POST', `/contracts/${old.id}/reevaluate`, admin);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(json<ContractDetail>(moved)).toMatchObject({
      policyVersion: 2,
      complianceStatus: 'non_compliant',
      missingClauses: ['item99_cloud'],
    });
    const [event] = await queryRows<{ summary: { before: object; after: object } }>(
      t.db.db,
      sql`select summary from audit_events where target_id = ${old.id} and action = 'contract.reevaluate'`,
    );
    expect(event?.summary).toMatchObject({
      before: { policyVersion: 1, complianceStatus: 'compliant', missingClauses: [] },
      after: { policyVersion: 2, complianceStatus: 'non_compliant', missingClauses: ['item99_cloud'] },
    });
  });
});
