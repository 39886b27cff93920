import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns/addDays';
import { addMonths } from 'date-fns/addMonths';
import { addYears } from 'date-fns/addYears';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { CONTACT_KINDS } from '@custodian/shared';
import { makeWorld, type World } from '../db/factories.js';
import { taipeiToday } from '../lib/policy.js';
import { createTestApp, json, loginAs, TEST_PG_URL, type TestApp } from './helpers.js';

/**
 * The registry's whole flow through the real routes (issue 3, first acceptance criterion):
 * a unit records a contract, fills its security clause checklist until it is compliant,
 * adds a system under it with two hosts, its three item 十 contacts and a domain and an
 * IPv4 range (item 十一), and finally takes the system offline. Each step is checked where
 * a user would see it: the detail records, the list filters, the Ministry's views and the
 * audit trail.
 */

type Headers = Record<string, string>;
type ErrorBody = { error: { code: string; message: string; problems?: unknown[] } };
type Page<T> = { items: T[]; total: number };

type Clause = {
  code: string;
  required: boolean;
  allowNotApplicable: boolean;
  status: string | null;
  isMissing: boolean;
};
type ContractDetail = {
  id: string;
  number: string;
  unitId: string;
  complianceStatus: 'compliant' | 'non_compliant';
  missingClauses: string[];
  clauses: Clause[];
  policyVersion: number;
  systems: { id: string; name: string; status: string }[];
  can: { edit: boolean };
};
type ContractListItem = { id: string; complianceStatus: string; missingCount: number; systemCount: number };
type SystemDetail = {
  id: string;
  name: string;
  status: string;
  decommissionDate: string | null;
  contracts: { id: string; number: string; name: string }[];
  hosts: { id: string; hostname: string; ips: string[]; location: string }[];
  contractCount: number;
  hostCount: number;
  contactCount: number;
  contactsConfirmedAt: string | null;
  contactsDueOn: string | null;
  isContactsOverdue: boolean;
  can: { edit: boolean };
};
type Host = { id: string; hostname: string; ips: string[]; systemCount: number; systems: { id: string }[] };
type Contacts = {
  contacts: { kind: string; name: string }[];
  missingKinds: string[];
  confirmedAt: string | null;
  dueOn: string | null;
  isOverdue: boolean;
  intervalMonths: number;
};
type OverdueSummary = {
  items: { orgId: string; systemCount: number; overdueCount: number; neverConfirmedCount: number }[];
  overdueSystems: number;
};
type Allocation = {
  id: string;
  systemId: string;
  kind: string;
  value: string;
  startsOn: string;
  expiresOn: string;
  status: string;
  maxYears: number;
  policyVersion: number;
  releaseReason: string | null;
};
type AuditEvent = { action: string; targetType: string; targetId: string | null; summary: Record<string, unknown> };

describe(`registry flow: contract → checklist → system, hosts, contacts, allocations → decommission on ${
  TEST_PG_URL ? 'PostgreSQL' : 'PGlite'
}`, () => {
  let t: TestApp;
  let w: World;
  let unitAdminA: Headers;
  let unitAdminB: Headers;
  let ministryAdmin: Headers;
  let ministryOwner: Headers;
  let today: string;

  // Filled in as the flow goes on; each step builds on the previous one.
  let contract: ContractDetail;
  let system: SystemDetail;
  let hostIds: string[] = [];
  let domain: Allocation;
  let range: Allocation;

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const ok = async <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Headers, payload?: unknown) => {
    const res = await call(method, url, headers, payload);
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return json<T>(res);
  };
  const errorOf = async (
    method: 'GET' | 'POST' | 'PUT' | 'PATCH',
    url: string,
    headers: Headers,
    payload?: unknown,
  ): Promise<{ status: number; code: string; body: string }> => {
    const res = await call(method, url, headers, payload);
    return { status: res.statusCode, code: json<ErrorBody>(res).error?.code, body: res.body };
  };
  const ids = (page: Page<{ id: string }>) => page.items.map((i) => i.id);
  const systemCount = async () =>
    (await ok<Page<{ id: string }>>('GET', '/systems?page=1&pageSize=1', ministryAdmin)).total;
  const auditOf = async (targetId: string) =>
    (await ok<Page<AuditEvent>>('GET', `/audit-events?targetId=${targetId}&pageSize=100`, ministryAdmin)).items;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    ministryAdmin = await loginAs(t, w.users.ministryAdmin.id);
    ministryOwner = await loginAs(t, w.users.ministryOwner.id);
    today = taipeiToday(new Date());
  });
  afterAll(async () => t.close());

  it('1. a unit records a contract: non-compliant, with every required clause missing', async () => {
    // The unit names the supervising division and business owner from the Ministry's lists.
    const parties = await ok<{ divisions: { id: string }[]; owners: { id: string }[] }>(
      'GET',
      '/contracts/party-options',
      unitAdminA,
    );
    expect(parties.divisions.map((d) => d.id)).toContain(w.orgs.division.id);
    expect(parties.owners.map((o) => o.id)).toContain(w.users.ministryOwner.id);

    const res = await call('POST', '/contracts', unitAdminA, {
      number: 'FLOW-115-001',
      name: '校務行政系統維護委辦案',
      type: 'commission',
      divisionId: w.orgs.division.id,
      ownerUserId: w.users.ministryOwner.id,
      unitId: w.orgs.unitA.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      amount: 1_200_000,
      slaAvailability: 99.5,
      rtoHours: 4,
      rpoHours: 24,
    });
    expect(res.statusCode, res.body).toBe(201);
    contract = json<ContractDetail>(res);

    const policy = await ok<{ version: number; rules: { contractClauses: { code: string; required: boolean }[] } }>(
      'GET',
      '/policy/current',
      unitAdminA,
    );
    const required = policy.rules.contractClauses.filter((c) => c.required).map((c) => c.code);
    expect(required.length).toBeGreaterThan(1);
    expect(contract.policyVersion).toBe(policy.version);
    expect(contract.complianceStatus).toBe('non_compliant');
    expect(contract.missingClauses).toEqual(required);
    expect(contract.clauses.map((c) => c.code)).toEqual(policy.rules.contractClauses.map((c) => c.code));
    expect(contract.clauses.filter((c) => c.isMissing).map((c) => c.code)).toEqual(required);
    expect(contract.clauses.every((c) => c.status === null)).toBe(true);
    expect(contract.can.edit).toBe(true);

    const nonCompliant = await ok<Page<ContractListItem>>(
      'GET',
      '/contracts?complianceStatus=non_compliant',
      unitAdminA,
    );
    expect(nonCompliant.items.find((c) => c.id === contract.id)).toMatchObject({
      complianceStatus: 'non_compliant',
      missingCount: required.length,
      systemCount: 0,
    });
    expect(ids(await ok('GET', '/contracts?complianceStatus=compliant', unitAdminA))).not.toContain(contract.id);

    // The business owner sees the contract they supervise; another unit does not.
    expect((await ok<ContractDetail>('GET', `/contracts/${contract.id}`, ministryOwner)).id).toBe(contract.id);
    expect((await call('GET', `/contracts/${contract.id}`, unitAdminB)).statusCode).toBe(404);
    expect(ids(await ok('GET', '/contracts', unitAdminB))).not.toContain(contract.id);
  });

  it('2. marking all but one required clause leaves exactly that one missing', async () => {
    const required = contract.clauses.filter((c) => c.required);
    const last = required.at(-1);
    if (!last) {
      throw new Error('the checklist has no required clause');
    }
    const items = contract.clauses
      .filter((c) => c.code !== last.code)
      .map((c, i) => ({ code: c.code, status: 'present', articleRef: `第 ${i + 1} 條` }));
    contract = await ok<ContractDetail>('PUT', `/contracts/${contract.id}/clauses`, unitAdminA, { items });
    expect(contract.complianceStatus).toBe('non_compliant');
    expect(contract.missingClauses).toEqual([last.code]);
    expect(contract.clauses.filter((c) => c.isMissing).map((c) => c.code)).toEqual([last.code]);

    // Saying the clause is absent keeps it missing; "not applicable" is refused where the
    // rule does not accept it, and the whole request changes nothing.
    contract = await ok<ContractDetail>('PUT', `/contracts/${contract.id}/clauses/${last.code}`, unitAdminA, {
      status: 'absent',
    });
    expect(contract.missingClauses).toEqual([last.code]);
    const strict = contract.clauses.find((c) => c.required && !c.allowNotApplicable && c.code !== last.code);
    expect(strict, 'a clause that "not applicable" does not satisfy').toBeDefined();
    if (strict) {
      const refused = await errorOf('PUT', `/contracts/${contract.id}/clauses`, unitAdminA, {
        items: [
          { code: last.code, status: 'present' },
          { code: strict.code, status: 'not_applicable' },
        ],
      });
      expect(refused).toMatchObject({ status: 400, code: 'CLAUSE_NOT_APPLICABLE_REFUSED' });
      expect((await ok<ContractDetail>('GET', `/contracts/${contract.id}`, unitAdminA)).missingClauses).toEqual([
        last.code,
      ]);
    }
    const page = await ok<Page<ContractListItem>>('GET', '/contracts?complianceStatus=non_compliant', unitAdminA);
    expect(page.items.find((c) => c.id === contract.id)?.missingCount).toBe(1);
  });

  it('3. marking the last clause makes the contract compliant, in the detail and the list filters', async () => {
    const last = contract.missingClauses[0] ?? '';
    contract = await ok<ContractDetail>('PUT', `/contracts/${contract.id}/clauses/${last}`, unitAdminA, {
      status: 'present',
      articleRef: '第 20 條',
    });
    expect(contract.complianceStatus).toBe('compliant');
    expect(contract.missingClauses).toEqual([]);
    expect(contract.clauses.some((c) => c.isMissing)).toBe(false);

    const compliant = await ok<Page<ContractListItem>>('GET', '/contracts?complianceStatus=compliant', ministryAdmin);
    expect(compliant.items.find((c) => c.id === contract.id)).toMatchObject({
      complianceStatus: 'compliant',
      missingCount: 0,
    });
    expect(ids(await ok('GET', '/contracts?complianceStatus=non_compliant', ministryAdmin))).not.toContain(contract.id);
  });

  it('4. a system is recorded under the contract; its contacts are overdue until confirmed', async () => {
    // Already online when registered, but never scanned: the pre-launch gate (items 四十二,
    // 四十三) refuses it and stores nothing; the Ministry registers it with its override.
    const before = await systemCount();
    const refused = await call('POST', '/systems', unitAdminA, {
      orgId: w.orgs.unitA.id,
      name: '甲大學校務行政系統',
      status: 'online',
      contractIds: [contract.id],
    });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(json<ErrorBody>(refused).error).toMatchObject({
      code: 'SYSTEM_LAUNCH_BLOCKED',
      problems: [{ kind: 'no_scan' }],
    });
    expect(await systemCount()).toBe(before);
    const res = await call('POST', '/systems', ministryAdmin, {
      launchOverride: { reason: '既有上線系統補登' },
      orgId: w.orgs.unitA.id,
      name: '甲大學校務行政系統',
      kind: 'application',
      urls: ['https://portal.flow-a.edu.tw/'],
      environment: 'production',
      status: 'online',
      launchDate: '2026-02-01',
      protectionLevel: 'medium',
      handlesPersonalData: true,
      personalDataCategories: '學生姓名、學號、成績',
      personalDataPurpose: '學籍及成績管理',
      personalDataLegalBasis: '個人資料保護法第15條',
      exitPlan: '契約終止時移交原始碼及資料，並於三十日內銷毀廠商端副本',
      contractIds: [contract.id],
    });
    expect(res.statusCode, res.body).toBe(201);
    system = json<SystemDetail>(res);
    expect(system).toMatchObject({
      status: 'online',
      contractCount: 1,
      hostCount: 0,
      contactCount: 0,
      contactsConfirmedAt: null,
      contactsDueOn: null,
      isContactsOverdue: true,
    });
    expect(system.contracts).toEqual([{ id: contract.id, number: contract.number, name: '校務行政系統維護委辦案' }]);

    // Another unit cannot link its system to this contract.
    const foreign = await call('POST', '/systems', unitAdminB, {
      orgId: w.orgs.unitB.id,
      name: '乙大學網站',
      contractIds: [contract.id],
    });
    expect(foreign.statusCode).toBe(404);

    // The contract now lists the system, and counts it.
    const detail = await ok<ContractDetail>('GET', `/contracts/${contract.id}`, unitAdminA);
    expect(detail.systems).toEqual([{ id: system.id, name: system.name, status: 'online' }]);
    const listed = await ok<Page<ContractListItem>>('GET', '/contracts', unitAdminA);
    expect(listed.items.find((c) => c.id === contract.id)?.systemCount).toBe(1);
    expect(ids(await ok('GET', `/systems?contractId=${contract.id}`, unitAdminA))).toEqual([system.id]);
    expect(ids(await ok('GET', '/systems?contactsOverdue=true', unitAdminA))).toContain(system.id);
    expect(ids(await ok('GET', '/systems?contactsOverdue=false', unitAdminA))).not.toContain(system.id);
  });

  it('5. two hosts serve the system', async () => {
    const web = await call('POST', '/hosts', unitAdminA, {
      orgId: w.orgs.unitA.id,
      hostname: 'portal-web01',
      ips: ['192.0.2.10', '2001:db8:a::10'],
      os: 'Ubuntu 24.04 LTS',
      role: 'web',
      location: 'on_premise',
      site: '計網中心機房',
      systemIds: [system.id],
    });
    expect(web.statusCode, web.body).toBe(201);
    const db = await call('POST', '/hosts', unitAdminA, {
      orgId: w.orgs.unitA.id,
      hostname: 'portal-db01',
      ips: ['192.0.2.11'],
      os: 'Rocky Linux 9',
      role: 'database',
      location: 'cloud',
      site: 'GCP asia-east1',
      systemIds: [system.id],
    });
    expect(db.statusCode, db.body).toBe(201);
    const hosts = [json<Host>(web), json<Host>(db)];
    hostIds = hosts.map((h) => h.id);
    for (const host of hosts) {
      expect(host.systemCount).toBe(1);
      expect(host.systems.map((s) => s.id)).toEqual([system.id]);
    }
    // The same hostname twice in one unit is refused.
    expect(
      await errorOf('POST', '/hosts', unitAdminA, { orgId: w.orgs.unitA.id, hostname: 'PORTAL-WEB01', ips: [] }),
    ).toMatchObject({ status: 409, code: 'HOSTNAME_TAKEN' });

    system = await ok<SystemDetail>('GET', `/systems/${system.id}`, unitAdminA);
    expect(system.hostCount).toBe(2);
    expect(system.hosts.map((h) => h.hostname).sort()).toEqual(['portal-db01', 'portal-web01']);
    expect(system.hosts.find((h) => h.hostname === 'portal-web01')).toMatchObject({
      ips: ['192.0.2.10', '2001:db8:a::10'],
      location: 'on_premise',
    });
    expect(ids(await ok('GET', `/hosts?systemId=${system.id}`, unitAdminA)).sort()).toEqual([...hostIds].sort());
    expect(ids(await ok('GET', `/systems?hostId=${hostIds[0] ?? ''}`, unitAdminA))).toEqual([system.id]);
  });

  it('6. the three item 十 contacts: confirmation needs all three, then the overdue flag clears', async () => {
    const empty = await ok<Contacts>('GET', `/systems/${system.id}/contacts`, unitAdminA);
    expect(empty).toMatchObject({ contacts: [], missingKinds: [...CONTACT_KINDS], isOverdue: true, confirmedAt: null });
    expect(await errorOf('POST', `/systems/${system.id}/contacts/confirm`, unitAdminA)).toMatchObject({
      status: 409,
      code: 'CONTACTS_INCOMPLETE',
    });

    const people = {
      business_owner: { name: '王業務', title: '教務長', phone: '02-2345-6789', email: 'wang@flow-a.edu.tw' },
      system_owner: { name: '林系統', title: '組長', phone: '02-2345-6789 #301', email: 'lin@flow-a.edu.tw' },
      maintenance_unit: {
        name: '陳工程師',
        organisation: '甲資訊股份有限公司',
        phone: '0912-345-678',
        email: 'chen@vendor-a.com.tw',
      },
    } as const;
    let contacts = empty;
    for (const kind of CONTACT_KINDS) {
      contacts = await ok<Contacts>('PUT', `/systems/${system.id}/contacts/${kind}`, unitAdminA, people[kind]);
    }
    expect(contacts.contacts.map((c) => c.kind)).toEqual([...CONTACT_KINDS]);
    expect(contacts.missingKinds).toEqual([]);
    // Recorded is not confirmed: still overdue, for the unit and for the Ministry.
    expect(contacts.isOverdue).toBe(true);
    expect(ids(await ok('GET', '/systems?contactsOverdue=true', unitAdminA))).toContain(system.id);
    const before = await ok<OverdueSummary>('GET', '/systems/contacts/overdue-summary', ministryAdmin);
    expect(before.items.find((u) => u.orgId === w.orgs.unitA.id)).toMatchObject({
      overdueCount: 1,
      neverConfirmedCount: 1,
    });

    const confirmed = await ok<Contacts>('POST', `/systems/${system.id}/contacts/confirm`, unitAdminA);
    expect(confirmed.isOverdue).toBe(false);
    expect(confirmed.confirmedAt).not.toBeNull();
    // Due again one policy interval after today (Asia/Taipei).
    expect(confirmed.dueOn).toBe(
      formatISO(addMonths(parseISO(today), confirmed.intervalMonths), { representation: 'date' }),
    );

    system = await ok<SystemDetail>('GET', `/systems/${system.id}`, unitAdminA);
    expect(system).toMatchObject({ contactCount: 3, isContactsOverdue: false, contactsDueOn: confirmed.dueOn });
    expect(ids(await ok('GET', '/systems?contactsOverdue=true', unitAdminA))).not.toContain(system.id);
    expect(ids(await ok('GET', '/systems?contactsOverdue=false', unitAdminA))).toContain(system.id);
    const after = await ok<OverdueSummary>('GET', '/systems/contacts/overdue-summary', ministryAdmin);
    expect(after.items.find((u) => u.orgId === w.orgs.unitA.id)).toBeUndefined();
    expect(after.overdueSystems).toBe(before.overdueSystems - 1);
  });

  it('7. a domain and an IPv4 range are allocated for the period the policy allows (民法第121條)', async () => {
    const policy = await ok<{ rules: { allocations: { maxYears: number } } }>('GET', '/policy/current', unitAdminA);
    const { maxYears } = policy.rules.allocations;
    expect(maxYears).toBe(3);

    // 3 years from 1 March 2025 end on the day before 1 March 2028: 29 February, a leap day.
    const res = await call('POST', '/allocations', unitAdminA, {
      systemId: system.id,
      value: 'Portal.Flow-A.edu.tw',
      startsOn: '2025-03-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    domain = json<Allocation>(res);
    expect(domain).toMatchObject({
      systemId: system.id,
      kind: 'domain',
      value: 'portal.flow-a.edu.tw',
      startsOn: '2025-03-01',
      expiresOn: '2028-02-29',
      status: 'active',
      maxYears,
    });

    // A range starting today: the default expiry is what the period endpoint announces.
    const period = await ok<{ latestExpiresOn: string; maxYears: number }>(
      'GET',
      `/allocations/period?startsOn=${today}`,
      unitAdminA,
    );
    expect(period.maxYears).toBe(maxYears);
    const tooLong = await errorOf('POST', '/allocations', unitAdminA, {
      systemId: system.id,
      value: '198.51.100.0/24',
      startsOn: today,
      expiresOn: formatISO(addMonths(parseISO(period.latestExpiresOn), 1), { representation: 'date' }),
    });
    expect(tooLong).toMatchObject({ status: 400, code: 'ALLOCATION_PERIOD_TOO_LONG' });
    const cidr = await call('POST', '/allocations', unitAdminA, {
      systemId: system.id,
      value: '198.51.100.0/24',
      startsOn: today,
    });
    expect(cidr.statusCode, cidr.body).toBe(201);
    range = json<Allocation>(cidr);
    expect(range).toMatchObject({ kind: 'ipv4', value: '198.51.100.0/24', expiresOn: period.latestExpiresOn });
    if (!today.endsWith('-02-29')) {
      // Not starting on a leap day: the day before the same date maxYears later.
      expect(range.expiresOn).toBe(
        formatISO(addDays(addYears(parseISO(today), maxYears), -1), { representation: 'date' }),
      );
    }

    const active = await ok<Page<Allocation>>('GET', `/allocations?systemId=${system.id}&status=active`, unitAdminA);
    expect(active.items.map((a) => a.value).sort()).toEqual(['198.51.100.0/24', 'portal.flow-a.edu.tw']);
    expect(ids(await ok('GET', '/allocations?overlaps=198.51.100.77', unitAdminA))).toEqual([range.id]);
  });

  it('8. an overlapping range on another system is refused without naming it', async () => {
    const other = await call('POST', '/systems', unitAdminB, { orgId: w.orgs.unitB.id, name: '乙大學招生網站' });
    expect(other.statusCode, other.body).toBe(201);
    const otherId = json<SystemDetail>(other).id;
    for (const value of ['198.51.100.128/25', '198.51.0.0/16', '198.51.100.200', 'PORTAL.flow-a.edu.tw']) {
      const refused = await errorOf('POST', '/allocations', unitAdminB, { systemId: otherId, value, startsOn: today });
      expect(refused, value).toMatchObject({ status: 409, code: 'ALLOCATION_OVERLAP' });
      expect(refused.body).not.toContain(system.name);
    }
    // Adjacent space is free.
    const adjacent = await call('POST', '/allocations', unitAdminB, {
      systemId: otherId,
      value: '198.51.101.0/24',
      startsOn: today,
    });
    expect(adjacent.statusCode, adjacent.body).toBe(201);
    // Unit B cannot see unit A's allocations.
    expect(ids(await ok('GET', '/allocations?q=198.51.100', unitAdminB))).toEqual([]);
  });

  it('9. the audit trail holds every step', async () => {
    const contractEvents = await auditOf(contract.id);
    expect(contractEvents.map((e) => e.action).sort()).toEqual([
      'contract.clauses_update',
      'contract.clauses_update',
      'contract.clauses_update',
      'contract.create',
    ]);
    const compliantEvent = contractEvents.find(
      (e) => (e.summary.after as { complianceStatus?: string } | undefined)?.complianceStatus === 'compliant',
    );
    expect(compliantEvent?.summary).toMatchObject({ before: { complianceStatus: 'non_compliant' } });

    const systemActions = (await auditOf(system.id)).map((e) => e.action).sort();
    expect(systemActions).toEqual([
      'system.contact_create',
      'system.contact_create',
      'system.contact_create',
      'system.contacts_confirm',
      'system.create',
      'system.launch_override',
    ]);
    for (const id of hostIds) {
      expect((await auditOf(id)).map((e) => e.action)).toEqual(['host.create']);
    }
    for (const allocation of [domain, range]) {
      const events = await auditOf(allocation.id);
      expect(events.map((e) => e.action)).toEqual(['allocation.create']);
      expect(events[0]?.summary).toMatchObject({
        after: { value: allocation.value, expiresOn: allocation.expiresOn },
      });
    }
    // The unit reads its own trail too, and only its own.
    const unitTrail = await ok<Page<AuditEvent>>('GET', '/audit-events?action=allocation.&pageSize=100', unitAdminA);
    expect(unitTrail.items.map((e) => e.targetId).sort()).toEqual([domain.id, range.id].sort());
  });

  it('10. decommissioning the system releases its allocations', async () => {
    const res = await call('POST', `/systems/${system.id}/decommission`, unitAdminA, {
      date: today,
      reason: '系統整併至新平台',
    });
    expect(res.statusCode, res.body).toBe(200);
    const result = json<{ system: SystemDetail; releasedAllocations: { id: string; value: string }[] }>(res);
    expect(result.system).toMatchObject({
      status: 'decommissioned',
      decommissionDate: today,
      can: expect.objectContaining({ edit: false }),
    });
    expect(result.releasedAllocations.map((a) => a.value).sort()).toEqual(['198.51.100.0/24', 'portal.flow-a.edu.tw']);

    const active = await ok<Page<Allocation>>('GET', `/allocations?systemId=${system.id}&status=active`, unitAdminA);
    expect(active.total).toBe(0);
    const released = await ok<Page<Allocation>>(
      'GET',
      `/allocations?systemId=${system.id}&status=released`,
      unitAdminA,
    );
    expect(released.items.map((a) => a.id).sort()).toEqual([domain.id, range.id].sort());
    expect(released.items.every((a) => a.releaseReason === '系統整併至新平台')).toBe(true);

    // Released space no longer blocks another system.
    const otherB = await ok<Page<{ id: string }>>('GET', '/systems?q=乙大學招生網站', unitAdminB);
    const reuse = await call('POST', '/allocations', unitAdminB, {
      systemId: otherB.items[0]?.id,
      value: '198.51.100.0/25',
      startsOn: today,
    });
    expect(reuse.statusCode, reuse.body).toBe(201);

    // The offline system takes no more allocations or contact confirmations, and drops out of the overdue view.
    expect(
      await errorOf('POST', '/allocations', unitAdminA, {
        systemId: system.id,
        value: 'new.flow-a.edu.tw',
        startsOn: today,
      }),
    ).toMatchObject({ status: 409, code: 'SYSTEM_DECOMMISSIONED' });
    expect(await errorOf('POST', `/systems/${system.id}/contacts/confirm`, unitAdminA)).toMatchObject({
      status: 409,
      code: 'SYSTEM_DECOMMISSIONED',
    });
    expect(ids(await ok('GET', '/systems?status=decommissioned', unitAdminA))).toEqual([system.id]);
    expect(ids(await ok('GET', '/systems?contactsOverdue=true', unitAdminA))).not.toContain(system.id);

    // The contract still lists it, now offline, and the trail records the release.
    const detail = await ok<ContractDetail>('GET', `/contracts/${contract.id}`, unitAdminA);
    expect(detail.systems).toEqual([{ id: system.id, name: system.name, status: 'decommissioned' }]);
    expect(detail.complianceStatus).toBe('compliant');
    expect((await auditOf(system.id)).map((e) => e.action)).toContain('system.decommission');
    for (const allocation of [domain, range]) {
      expect((await auditOf(allocation.id)).map((e) => e.action).sort()).toEqual([
        'allocation.create',
        'allocation.release',
      ]);
    }
  });
});
