import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { CONTACT_KINDS, INITIAL_POLICY_RULES } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeAllocation, makeSystem } from '../../db/registry-factories.js';
import { createTestClock } from '../../lib/clock.js';
import { taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { uploadImport } from '../../test/matrix/imports.js';
import { buildImportWorkbook, sampleOnboardingSheets } from '../imports/imports.sample.js';

/*
 * The dashboard reads a snapshot (issue 12, ADR 0025) that the write paths keep current in
 * their transactions and a job rebuilds after midnight. Whatever changes, each card's number
 * must stay the total of the list it opens, as the caller sees that list: this file changes
 * records through every write path that moves a card, lets days pass, and after each step
 * compares every card of every role with its list. A write path that forgets to refresh the
 * snapshot, or a day that moves without it, fails here.
 */

type Card = { id: string; value: number; to: string; labelParams?: Record<string, number> };
type Headers = Record<string, string>;
type Role = 'admin' | 'owner' | 'auditor' | 'unitA' | 'unitB';

/** Where the web page a card opens reads its total: the list API, under the card's filter. */
function listUrl(to: string): string {
  const url = new URL(to, 'http://web');
  const api: Record<string, string> = {
    '/contracts': '/contracts',
    '/systems': '/systems',
    '/allocations': '/allocations',
    '/vendors': '/vendor-qualifications',
    '/agreements/commitments': '/agreement-commitments',
  };
  if (url.pathname === '/allocations' && url.searchParams.get('tab') === 'renewals') {
    // The renewals tab opens on the pending requests.
    return '/api/v1/allocation-renewals?status=pending';
  }
  const path = api[url.pathname];
  if (!path) {
    throw new Error(`no list known for ${to}`);
  }
  return `/api/v1${path}${url.search}`;
}

describe('the dashboard snapshot', () => {
  // 10:00 in Taipei on 2027-03-01.
  const clock = createTestClock('2027-03-01T02:00:00Z');
  const today = () => taipeiToday(clock.now());
  const day = (offset: number) =>
    new Date(Date.parse(`${today()}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  let t: TestApp;
  let w: World;
  let sessions: Record<Role, Headers>;
  let seq = 0;

  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    headers: Headers,
    payload?: object,
  ) => {
    const res = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.body ? json<{ id: string } & Record<string, unknown>>(res) : { id: '' };
  };

  const signIn = async () => {
    sessions = {
      admin: await loginAs(t, w.users.ministryAdmin.id),
      owner: await loginAs(t, w.users.ministryOwner.id),
      auditor: await loginAs(t, w.users.auditor.id),
      unitA: await loginAs(t, w.users.unitAdminA.id),
      unitB: await loginAs(t, w.users.unitAdminB.id),
    };
  };

  const cardsOf = async (role: Role) =>
    json<{ cards: Card[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: sessions[role] }))
      .cards;

  /** Every role's cards, each equal to its list's total as that role opens it; the cards by role. */
  async function expectCardsMatchLists(step: string): Promise<Record<Role, Record<string, number>>> {
    const byRole = {} as Record<Role, Record<string, number>>;
    for (const role of Object.keys(sessions) as Role[]) {
      const cards = await cardsOf(role);
      const totals: Record<string, number> = {};
      for (const card of cards) {
        const res = await t.app.inject({ method: 'GET', url: listUrl(card.to), headers: sessions[role] });
        expect(res.statusCode, `${step}: ${role} ${card.to}`).toBe(200);
        totals[card.id] = json<{ total: number }>(res).total;
      }
      const values = Object.fromEntries(cards.map((c) => [c.id, c.value]));
      expect(values, `${step}: ${role}'s dashboard against the lists`).toEqual(totals);
      byRole[role] = values;
    }
    return byRole;
  }

  // A system created online has never been scanned: only the Ministry's override lets it in
  // (the pre-launch gate, items 四十二, 四十三), so the Ministry records those.
  const createSystem = (role: Role, orgId: string, extra: { status?: string; contractIds?: string[] } = {}) =>
    call('POST', '/systems', extra.status === 'online' ? sessions.admin : sessions[role], {
      orgId,
      name: `系統 ${(seq += 1)}`,
      urls: [`https://s${seq}.example.edu.tw/`],
      ...extra,
      ...(extra.status === 'online' ? { launchOverride: { reason: '既有系統補登' } } : {}),
    });
  const createContract = (unitId: string, ownerUserId: string | null) =>
    call('POST', '/contracts', sessions.admin, {
      number: `MOE-116-${String((seq += 1)).padStart(4, '0')}`,
      name: '校務系統維護委辦案',
      type: 'commission',
      divisionId: w.orgs.division.id,
      ownerUserId,
      unitId,
      periodStart: '2027-01-01',
      periodEnd: '2027-12-31',
    });

  beforeAll(async () => {
    t = await createTestApp({ clock, jobs: true });
    w = await makeWorld(t.db.db);
    // Records written past the services (factories), as a restore or SQL would: the refresh
    // job counts them (a first read without a snapshot would too; dashboard.test.ts).
    // Contacts confirmed a year ago are due today (12 months) and overdue from tomorrow on.
    const confirmedAt = new Date('2026-03-01T02:00:00Z');
    const dueToday = await makeSystem(t.db.db, {
      orgId: w.orgs.unitA.id,
      status: 'online',
      contactsConfirmedAt: confirmedAt,
    });
    await makeSystem(t.db.db, { orgId: w.orgs.unitB.id, status: 'online', contactsConfirmedAt: confirmedAt });
    // An allocation ending today: expiring today, expired tomorrow.
    await makeAllocation(t.db.db, {
      systemId: dueToday.id,
      orgId: w.orgs.unitA.id,
      value: '198.51.100.1/32',
      network: '198.51.100.1/32',
      startsOn: '2024-03-02',
      expiresOn: '2027-03-01',
    });
    expect(await t.app.jobs.runNow('dashboard.refresh')).toMatchObject({ state: 'completed' });
    await signIn();
  });
  afterAll(async () => t.close());

  it('counts the records the job found, in every scope', async () => {
    const cards = await expectCardsMatchLists('first read');
    expect(cards.admin).toMatchObject({ 'systems.total': 2, 'systems.online': 2, 'allocations.expiringSoon': 1 });
    expect(cards.unitA).toMatchObject({ 'systems.total': 1, 'allocations.expiringSoon': 1 });
    expect(cards.unitB).toMatchObject({ 'systems.total': 1, 'allocations.expiringSoon': 0 });
  });

  it('refreshes the counts of the organisations each system change touches', async () => {
    const created = await createSystem('unitA', w.orgs.unitA.id, { status: 'pre_launch' });
    await expectCardsMatchLists('system created');
    // Never scanned, so through the pre-launch gate only by the Ministry's override (items 四十二, 四十三).
    await call('PATCH', `/systems/${created.id}`, sessions.admin, {
      status: 'online',
      launchOverride: { reason: '既有系統補登' },
    });
    await expectCardsMatchLists('system online');
    for (const kind of CONTACT_KINDS) {
      await call('PUT', `/systems/${created.id}/contacts/${kind}`, sessions.unitA, {
        name: '林工程師',
        phone: '02-2345-6789',
        email: `${kind}@a.edu.tw`,
      });
    }
    const before = await expectCardsMatchLists('contacts filled in');
    await call('POST', `/systems/${created.id}/contacts/confirm`, sessions.unitA);
    const after = await expectCardsMatchLists('contacts confirmed');
    expect(after.unitA['systems.contactsOverdue']).toBe((before.unitA['systems.contactsOverdue'] ?? 0) - 1);
  });

  it("follows a business owner's contracts and their systems outside the units they supervise", async () => {
    // The owner supervises unit A; this contract of unit B is theirs.
    const contract = await createContract(w.orgs.unitB.id, w.users.ministryOwner.id);
    const system = await createSystem('unitB', w.orgs.unitB.id, { status: 'online', contractIds: [contract.id] });
    const seen = await expectCardsMatchLists('owned contract in unit B');
    expect(seen.owner['contracts.total']).toBe(1);
    expect(seen.owner['systems.total']).toBe(3);
    await call('POST', '/allocations', sessions.unitB, {
      systemId: system.id,
      value: '198.51.100.20',
      startsOn: '2024-06-01',
      expiresOn: day(20),
    });
    await expectCardsMatchLists('allocation of an owned system');
    const clauses = INITIAL_POLICY_RULES.contractClauses.map((c) => ({
      code: c.code,
      status: c.allowNotApplicable ? 'not_applicable' : 'present',
    }));
    await call('PUT', `/contracts/${contract.id}/clauses`, sessions.admin, { items: clauses });
    await expectCardsMatchLists('contract compliant');
    await call('PATCH', `/contracts/${contract.id}`, sessions.admin, { ownerUserId: null });
    const gone = await expectCardsMatchLists('owner removed');
    expect(gone.owner['contracts.total']).toBe(0);
    await call('PATCH', `/contracts/${contract.id}`, sessions.admin, { ownerUserId: w.users.ministryOwner.id });
    await expectCardsMatchLists('owner back');
  });

  it('refreshes on allocations, renewals, releases and decommissioning', async () => {
    const system = await createSystem('unitA', w.orgs.unitA.id, { status: 'online' });
    const soon = await call('POST', '/allocations', sessions.unitA, {
      systemId: system.id,
      value: 'soon.a.edu.tw',
      startsOn: '2024-06-01',
      expiresOn: day(30),
    });
    const later = await call('POST', '/allocations', sessions.unitA, {
      systemId: system.id,
      value: '198.51.100.64/30',
      startsOn: '2024-06-01',
      expiresOn: day(60),
    });
    await expectCardsMatchLists('allocations created');
    const first = await call('POST', `/allocations/${soon.id}/renewals`, sessions.unitA, { reason: '續用' });
    const second = await call('POST', `/allocations/${later.id}/renewals`, sessions.unitA, { reason: '續用' });
    const pending = await expectCardsMatchLists('renewals requested');
    expect(pending.admin['allocations.renewalsPending']).toBe(2);
    await call('POST', `/allocation-renewals/${first.id}/approve`, sessions.admin, {});
    await expectCardsMatchLists('renewal approved');
    await call('POST', `/allocation-renewals/${second.id}/reject`, sessions.admin, { note: '請重新申請' });
    await expectCardsMatchLists('renewal rejected');
    await call('POST', `/allocations/${later.id}/release`, sessions.unitA, { reason: '改用新網段' });
    await expectCardsMatchLists('allocation released');
    await call('POST', `/systems/${system.id}/decommission`, sessions.unitA, { date: today(), reason: '系統停用' });
    await expectCardsMatchLists('system decommissioned');
  });

  it('refreshes on qualifications, and on a rule set that changes their warning period', async () => {
    const cert = await call('POST', '/vendor-qualifications', sessions.unitA, {
      orgId: w.orgs.vendorA.id,
      kind: 'iso27001',
      name: 'ISO/IEC 27001',
      expiresOn: day(70),
    });
    await expectCardsMatchLists('qualification recorded');
    await call('PATCH', `/vendor-qualifications/${cert.id}`, sessions.unitA, { expiresOn: day(10) });
    await expectCardsMatchLists('qualification expiring');
    await call('PATCH', `/vendor-qualifications/${cert.id}`, sessions.unitA, { expiresOn: day(-1) });
    await expectCardsMatchLists('qualification expired');
    await call('DELETE', `/vendor-qualifications/${cert.id}`, sessions.unitA);
    await expectCardsMatchLists('qualification deleted');
    await call('POST', '/vendor-qualifications', sessions.unitA, {
      orgId: w.orgs.vendorA.id,
      kind: 'iso27001',
      name: 'ISO/IEC 27001',
      expiresOn: day(80),
    });
    const before = await expectCardsMatchLists('qualification valid for 80 days');
    await call('POST', '/policy/versions', sessions.admin, {
      effectiveFrom: today(),
      rules: { ...INITIAL_POLICY_RULES, vendorQualifications: { expiryWarningDays: 90 } },
      notes: '提前 90 天提醒',
    });
    const after = await expectCardsMatchLists('warning period of 90 days');
    expect(after.unitA['vendors.qualificationsExpiring']).toBe(
      (before.unitA['vendors.qualificationsExpiring'] ?? 0) + 1,
    );
    expect((await cardsOf('unitA')).find((c) => c.id === 'vendors.qualificationsExpiring')?.labelParams).toEqual({
      days: 90,
    });
  });

  it('refreshes on personal commitments (item 六): confirmed, expiring within the reminder days, removed', async () => {
    const member = await loginAs(t, w.users.unitMemberA.id);
    const contract = await createContract(w.orgs.unitA.id, w.users.ministryOwner.id);
    // Signed three years less ten days ago: the agreement (and so its commitments) ends in nine days.
    const signed = new Date(`${day(10)}T00:00:00Z`);
    signed.setUTCFullYear(signed.getUTCFullYear() - 3);
    const agreement = await call('POST', '/agreements', sessions.unitA, {
      contractId: contract.id,
      partyAName: '教育部',
      purpose: '校務系統維護',
      signedOn: signed.toISOString().slice(0, 10),
    });
    const staff = await call('POST', `/agreements/${agreement.id}/staff`, sessions.unitA, {
      name: '王小明',
      title: '工程師',
      work: '維護',
      userId: w.users.unitMemberA.id,
    });
    const confirmOnce = async () => {
      const commitment = await call('POST', `/agreements/${agreement.id}/commitments`, sessions.unitA, {
        staffId: staff.id,
        address: '臺北市',
        nationalId: 'A123456789',
      });
      await expectCardsMatchLists('commitment created (unsigned, no last day)');
      const text = await call('GET', '/agreements/commitment-text', member);
      const confirmed = await call('POST', `/agreement-commitments/${commitment.id}/confirm`, member, {
        accepted: [true, true, true, true, true, true],
        textVersion: text.version,
      });
      expect(confirmed.expiresOn).toBe(day(9));
      return commitment.id;
    };
    const before = await expectCardsMatchLists('before the commitment');
    const id = await confirmOnce();
    const after = await expectCardsMatchLists('commitment confirmed, nine days left');
    const rank = (cards: Record<string, number>, r: string) => cards[`agreements.commitmentsExpiring.${r}`] ?? 0;
    for (const role of ['unitA', 'admin', 'owner'] as const) {
      expect(rank(after[role], 'first') - rank(before[role], 'first'), role).toBe(1);
      expect(rank(after[role], 'second') - rank(before[role], 'second'), role).toBe(1);
      expect(rank(after[role], 'third') - rank(before[role], 'third'), role).toBe(0);
    }
    expect(rank(after.unitB, 'first')).toBe(rank(before.unitB, 'first'));
    expect(
      (await cardsOf('unitA'))
        .filter((c) => c.id.startsWith('agreements.commitmentsExpiring'))
        .map((c) => [c.labelParams?.days, c.to]),
    ).toEqual([
      [60, '/agreements/commitments?expiringWithinDays=60'],
      [30, '/agreements/commitments?expiringWithinDays=30'],
      [7, '/agreements/commitments?expiringWithinDays=7'],
    ]);
    await call('DELETE', `/agreement-commitments/${id}`, sessions.unitA);
    await expectCardsMatchLists('commitment removed');
    // Again, left in place for the days that pass below.
    await confirmOnce();
    await expectCardsMatchLists('commitment confirmed again');
  });

  it('refreshes the units an import writes to', async () => {
    const sheets = sampleOnboardingSheets({
      unitCodes: ['UNIT-A', 'UNIT-B'],
      rows: 40,
      divisionCode: 'MOE-DIT',
      prefix: 'IMP',
    });
    const upload = await uploadImport(t, sessions.admin, {
      content: await buildImportWorkbook(sheets),
      filename: 'onboarding.xlsx',
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const job = json<{ id: string; errorCount: number }>(upload);
    expect(job.errorCount).toBe(0);
    const before = await expectCardsMatchLists('import previewed');
    await call('POST', `/imports/${job.id}/commit`, sessions.admin);
    const after = await expectCardsMatchLists('import committed');
    expect(after.admin['systems.total']).toBeGreaterThan(before.admin['systems.total'] ?? 0);
  });

  it('keeps every number right when changes run at the same time', async () => {
    await Promise.all([
      ...[1, 2, 3].map(() => createSystem('unitA', w.orgs.unitA.id, { status: 'online' })),
      ...[1, 2, 3].map(() => createSystem('unitB', w.orgs.unitB.id)),
    ]);
    await expectCardsMatchLists('concurrent changes');
  });

  it('reads the snapshot, not the records: a row written past the services shows after the job', async () => {
    const before = await cardsOf('admin');
    const total = (cards: Card[]) => cards.find((c) => c.id === 'systems.total')?.value;
    await makeSystem(t.db.db, { orgId: w.orgs.unitB.id, status: 'online' });
    expect(total(await cardsOf('admin'))).toBe(total(before));
    expect(await t.app.jobs.runNow('dashboard.refresh')).toMatchObject({ state: 'completed' });
    expect(total(await cardsOf('admin'))).toBe((total(before) ?? 0) + 1);
    await expectCardsMatchLists('after the refresh job');
  });

  it('at start, rebuilds only a stale snapshot or one counted by other code', async () => {
    const refreshedAt = async () =>
      (await queryRows<{ at: string }>(t.db.db, sql`select refreshed_at::text as at from dashboard_snapshot`))[0]?.at;
    const atStart = () => t.app.jobs.runNow('dashboard.refresh', { atStart: true });
    const before = await refreshedAt();
    clock.advance(60_000);
    expect(await atStart()).toMatchObject({ state: 'completed' });
    expect(await refreshedAt()).toBe(before);
    // Counted by a version whose cards or filters differ.
    await t.db.db.execute(sql`update dashboard_snapshot set fingerprint = 'an older version'`);
    expect(await atStart()).toMatchObject({ state: 'completed' });
    expect(await refreshedAt()).not.toBe(before);
    await expectCardsMatchLists('rebuilt at start');
  });

  it('moves the counts that depend on the day at midnight, with or without the job', async () => {
    const before = await expectCardsMatchLists('the last day');
    // Past midnight in Taipei: the snapshot already holds the next day's numbers.
    clock.advance(16 * 3_600_000);
    await signIn();
    const next = await expectCardsMatchLists('the next day, before the job');
    expect(next.admin['systems.contactsOverdue']).toBe((before.admin['systems.contactsOverdue'] ?? 0) + 2);
    expect(next.admin['allocations.expired']).toBe((before.admin['allocations.expired'] ?? 0) + 1);
    // A day with no job at all: the first read rebuilds the snapshot.
    clock.advance(24 * 3_600_000);
    await signIn();
    await expectCardsMatchLists('a day later, no job run');
    // A change on that day, then the job.
    await createSystem('unitA', w.orgs.unitA.id, { status: 'online' });
    await expectCardsMatchLists('a change on the new day');
    clock.advance(24 * 3_600_000);
    await signIn();
    expect(await t.app.jobs.runNow('dashboard.refresh')).toMatchObject({ state: 'completed' });
    await expectCardsMatchLists('after the night job');
  });
});
