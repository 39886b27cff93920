import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql } from 'drizzle-orm';
import {
  AllocationListQuerySchema,
  AllocationRenewalListQuerySchema,
  ContractListQuerySchema,
  HostListQuerySchema,
  INITIAL_POLICY_RULES,
  ROLES,
  SystemListQuerySchema,
  VendorQualificationListQuerySchema,
} from '@custodian/shared';
import { auditEvents, organisations, policyVersions, userScopes, users } from '../../db/schema/index.js';
import { systemContext } from '../../lib/context.js';
import { login } from '../auth/login.service.js';
import { verifyAuditChain } from '../audit/audit.verify.js';
import { listAllocations } from '../allocations/allocations.service.js';
import { listRenewalQueue } from '../allocations/allocations.renewals.service.js';
import { getContract, listContracts } from '../contracts/contracts.service.js';
import { listHosts } from '../hosts/hosts.service.js';
import { getSystemContacts } from '../systems/contacts.service.js';
import { listSystems } from '../systems/systems.service.js';
import { listVendorQualifications } from '../vendors/vendors.service.js';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { DEMO_ORGS, DEMO_USERS } from './seed.data.js';
import { seedDemo, type DemoSeedResult } from './seed.service.js';

const ctx = systemContext('test', new Date());

describe('demo seed', () => {
  let t: TestApp;
  let result: DemoSeedResult;

  beforeAll(async () => {
    t = await createTestApp();
    result = await seedDemo(t.deps);
  });
  afterAll(async () => t.close());

  it('creates the Ministry, divisions, three units with vendors, and every role', async () => {
    const orgs = await t.deps.db.select().from(organisations);
    const kinds = orgs.map((o) => o.kind).sort();
    expect(kinds.filter((k) => k === 'ministry')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'division')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'unit')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'vendor').length).toBeGreaterThanOrEqual(2);
    for (const vendor of orgs.filter((o) => o.kind === 'vendor')) {
      expect(orgs.find((o) => o.id === vendor.parentId)?.kind).toBe('unit');
    }
    const roles = new Set((await t.deps.db.select().from(users)).map((u) => u.role));
    expect([...roles].sort()).toEqual([...ROLES].sort());
    expect(result.accounts).toHaveLength(DEMO_USERS.length);
    expect(result.organisations).toBe(DEMO_ORGS.length);
    expect(result.password.length).toBeGreaterThanOrEqual(12);
  });

  it('gives owners and the auditor their scopes', async () => {
    const [auditor] = await t.deps.db.select().from(users).where(eq(users.role, 'auditor'));
    const scopes = await t.deps.db
      .select({ code: organisations.code })
      .from(userScopes)
      .innerJoin(organisations, eq(organisations.id, userScopes.orgId))
      .where(eq(userScopes.userId, auditor?.id ?? ''));
    expect(scopes.map((s) => s.code)).toEqual(['NTNU']);
  });

  it('fills the registry, as the lists count it', async () => {
    expect(result.registry).toEqual({
      contracts: 3,
      riskAssessments: 3,
      systems: 6,
      hosts: 8,
      contacts: 18,
      allocations: 12,
      renewalRequests: 1,
      qualifications: 2,
    });
    const total = async (p: Promise<{ total: number }>) => (await p).total;
    const contracts = (q: object) => listContracts(t.deps, ctx, ContractListQuerySchema.parse(q));
    const systems = (q: object) => listSystems(t.deps, ctx, SystemListQuerySchema.parse(q));
    const allocations = (q: object) => listAllocations(t.deps, ctx, AllocationListQuerySchema.parse(q));
    const qualifications = (q: object) =>
      listVendorQualifications(t.deps, ctx, VendorQualificationListQuerySchema.parse(q));
    expect(await total(contracts({}))).toBe(3);
    expect(await total(contracts({ complianceStatus: 'non_compliant' }))).toBe(1);
    expect(await total(systems({}))).toBe(6);
    expect(await total(systems({ status: 'online' }))).toBe(5);
    expect(await total(listHosts(t.deps, ctx, HostListQuerySchema.parse({})))).toBe(8);
    expect(await total(allocations({ status: 'active' }))).toBe(12);
    expect(await total(allocations({ expiringWithinDays: 90 }))).toBe(1);
    expect(await total(allocations({ expired: 'true' }))).toBe(0);
    expect(await total(qualifications({ kind: 'iso27001' }))).toBe(2);
    expect(await total(qualifications({ status: 'expiring' }))).toBe(1);
    expect(await total(qualifications({ status: 'valid' }))).toBe(1);

    const all = await systems({ pageSize: 100 });
    expect(new Set(all.items.map((s) => s.protectionLevel))).toEqual(new Set(['normal', 'medium', 'high']));
    expect(new Set(all.items.map((s) => s.kind))).toEqual(new Set(['website', 'application']));
    const personal = all.items.filter((s) => s.handlesPersonalData);
    expect(personal).toHaveLength(1);
    expect(personal[0]).toMatchObject({
      personalDataCategories: expect.stringContaining('姓名'),
      personalDataPurpose: expect.any(String),
      personalDataLegalBasis: expect.stringContaining('個人資料保護法'),
    });
    expect(all.items.every((s) => s.contactCount === 3 && s.hostCount >= 1 && s.contractCount === 1)).toBe(true);
  });

  it('leaves exactly one system with overdue contacts', async () => {
    const overdue = await listSystems(t.deps, ctx, SystemListQuerySchema.parse({ contactsOverdue: 'true' }));
    expect(overdue.items.map((s) => s.name)).toEqual(['雙語詞彙學術名詞資訊網']);
    const contacts = await getSystemContacts(t.deps, ctx, overdue.items[0]?.id ?? '');
    expect(contacts).toMatchObject({ confirmedAt: null, isOverdue: true, missingKinds: [] });
  });

  it('puts the allocation that ends within 90 days up for renewal', async () => {
    const expiring = await listAllocations(t.deps, ctx, AllocationListQuerySchema.parse({ expiringWithinDays: 90 }));
    expect(expiring.items).toHaveLength(1);
    expect(expiring.items[0]).toMatchObject({ value: 'www.ck.example', kind: 'domain', hasPendingRenewal: true });
    expect(expiring.items[0]?.daysToExpiry).toBeGreaterThan(0);
    const queue = await listRenewalQueue(t.deps, ctx, AllocationRenewalListQuerySchema.parse({}));
    expect(queue.total).toBe(1);
    expect(queue.items[0]?.requestedByName).toBeNull();
  });

  it('gives each contract its designed checklist verdict, risk assessment and notice of duties', async () => {
    const list = await listContracts(t.deps, ctx, ContractListQuerySchema.parse({}));
    const byUnit = async (code: string) => {
      const item = list.items.find((c) => c.unitName === DEMO_ORGS.find((o) => o.code === code)?.name);
      return getContract(t.deps, ctx, item?.id ?? '');
    };
    const ntnu = await byUnit('NTNU');
    expect(ntnu).toMatchObject({ complianceStatus: 'compliant', missingClauses: [] });
    expect(ntnu.clauses.every((c) => c.status === 'present' && c.articleRef !== null)).toBe(true);
    expect(ntnu.clauses).toHaveLength(INITIAL_POLICY_RULES.contractClauses.length);
    expect(ntnu.dutyNotice).toMatchObject({ method: 'electronic', acknowledgedByName: '黃怡君' });
    expect(ntnu.ownerName).toBe('王建宏');

    const naer = await byUnit('NAER');
    expect(naer).toMatchObject({
      complianceStatus: 'non_compliant',
      missingClauses: ['item9_testing', 'item42_scanning'],
    });
    expect(naer.clauses.filter((c) => c.status === 'absent').map((c) => c.code)).toEqual([
      'item9_testing',
      'item42_scanning',
    ]);
    expect(naer.dutyNotice).toMatchObject({ method: 'written', acknowledgedAt: null });

    const ck = await byUnit('TPCKHS');
    expect(ck).toMatchObject({ complianceStatus: 'compliant', missingClauses: [] });
    const notApplicable = ck.clauses.filter((c) => c.status === 'not_applicable');
    expect(notApplicable.map((c) => c.code)).toEqual(['item9_personal_data']);
    expect(notApplicable[0]?.allowNotApplicable).toBe(true);
    expect(ck.clauses.filter((c) => c.status !== 'not_applicable').every((c) => c.status === 'present')).toBe(true);

    for (const contract of [ntnu, naer, ck]) {
      expect(contract.riskAssessments).toHaveLength(1);
      expect((contract.riskAssessments[0]?.assessedOn ?? '') < contract.periodStart).toBe(true);
      expect(contract.dutyNotice.sentAt).not.toBeNull();
      expect(contract.subcontractors).toHaveLength(1);
      expect(contract.systems).toHaveLength(2);
    }
  });

  it('records an audit event for every record on a valid chain', async () => {
    const [events] = await t.deps.db.select({ n: count() }).from(auditEvents);
    const tally = async (action: string) =>
      Number((await t.deps.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.action, action)))[0]?.n);
    expect(await tally('contract.create')).toBe(3);
    expect(await tally('contract.clauses_update')).toBe(3);
    expect(await tally('contract.duty_notice_acknowledge')).toBe(1);
    expect(await tally('system.create')).toBe(6);
    expect(await tally('host.create')).toBe(8);
    expect(await tally('system.contact_create')).toBe(18);
    expect(await tally('system.contacts_confirm')).toBe(5);
    expect(await tally('allocation.create')).toBe(12);
    expect(await tally('allocation.renewal_request')).toBe(1);
    expect(await tally('vendor_qualification.create')).toBe(2);
    // The units' own acts name the seed, not a sign-in that never happened.
    const [ack] = await t.deps.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'contract.duty_notice_acknowledge'));
    expect(ack).toMatchObject({ actorUserId: null, actorLabel: 'seed@system as yichun.huang@ntnu.example' });
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({ ok: true, checked: Number(events?.n) });
  });

  it('lets a demo account sign in with the printed password', async () => {
    const anonymous = { ...systemContext('test', new Date()), actor: null };
    const signedIn = await login(t.deps, anonymous, { email: 'yichun.huang@ntnu.example', password: result.password });
    expect(signedIn.info).toMatchObject({ stage: 'active', user: { email: 'yichun.huang@ntnu.example' } });
  });

  it('refuses to run on a database that has data', async () => {
    await expect(seedDemo(t.deps)).rejects.toMatchObject({ code: 'DATABASE_NOT_EMPTY' });
    expect(await t.deps.db.select().from(users)).toHaveLength(DEMO_USERS.length);
  });
});

describe('demo seed failing half-way', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('leaves the database empty: organisations, accounts, registry and audit events', async () => {
    // A rule set where no clause accepts "not applicable": the third contract cannot be
    // marked as designed, after two contracts and their systems were written.
    const rules = {
      ...INITIAL_POLICY_RULES,
      contractClauses: INITIAL_POLICY_RULES.contractClauses.map((c) => ({ ...c, allowNotApplicable: false })),
    };
    await t.deps.db.update(policyVersions).set({ rules }).where(eq(policyVersions.version, 1));
    await expect(seedDemo(t.deps)).rejects.toThrow(/not applicable/);
    const rowsOf = async (table: string) =>
      (
        (await t.deps.db.execute(sql.raw(`select count(*)::int as n from ${table}`))) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]?.n;
    for (const table of ['organisations', 'users', 'contracts', 'systems', 'hosts', 'allocations', 'audit_events']) {
      expect(await rowsOf(table), table).toBe(0);
    }
  });
});
