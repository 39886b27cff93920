import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import {
  CONTACT_KINDS,
  SUGGESTED_OBLIGATION_RULES,
  type ObligationDetail,
  type ObligationTodo,
} from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeAllocation, makeContact, makeSystem } from '../../db/registry-factories.js';
import { createTestClock, type TestClock } from '../../lib/clock.js';
import { multipartBody } from '../../test/attachments-samples.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { recompute } from './obligations.service.js';

type ErrorBody = { error: { code: string } };
type Page = { items: ObligationDetail[]; total: number };

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('compliance calendar (issue 13)', () => {
  let t: TestApp;
  let w: World;
  let clock: TestClock;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let unitAdminB: Record<string, string>;
  let owner: Record<string, string>;
  let systemA: { id: string };

  const get = async <T>(url: string, headers: Record<string, string>) =>
    json<T>(await t.app.inject({ method: 'GET', url, headers }));
  const count = async () =>
    (await queryRows<{ n: number }>(t.db.db, sql`SELECT count(*)::int AS n FROM obligation_instances`))[0]?.n;
  const publish = async (obligations: unknown, effectiveFrom: string) => {
    const current = await get<{ rules: Record<string, unknown> }>('/api/v1/policy/current', admin);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/policy/versions',
      headers: admin,
      payload: { effectiveFrom, notes: '義務行事曆', rules: { ...current.rules, obligations } },
    });
  };
  const byRule = async (ruleId: string, headers = admin) =>
    (await get<Page>(`/api/v1/obligations?ruleId=${ruleId}&pageSize=100`, headers)).items;

  beforeAll(async () => {
    clock = createTestClock('2027-01-04T02:00:00Z');
    t = await createTestApp({ clock });
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
    // Confirmed on 20 January 2026 (Taipei): due on 20 January 2027, a Wednesday.
    systemA = await makeSystem(t.db.db, {
      orgId: w.orgs.unitA.id,
      name: '甲校首頁',
      status: 'online',
      contactsConfirmedAt: new Date('2026-01-20T03:00:00Z'),
      contactsConfirmedBy: w.users.unitAdminA.id,
    });
    await makeSystem(t.db.db, {
      orgId: w.orgs.unitB.id,
      name: '乙校首頁',
      status: 'online',
      contactsConfirmedAt: new Date('2026-06-01T03:00:00Z'),
    });
    await makeAllocation(t.db.db, {
      systemId: systemA.id,
      orgId: w.orgs.unitA.id,
      kind: 'domain',
      value: 'www.a.edu.tw',
      network: null,
      startsOn: '2024-02-07',
      expiresOn: '2027-02-06',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('computes nothing while no version holds obligation rules (not in force)', async () => {
    expect(await recompute(t.deps, clock.now())).toEqual({ inserted: 0, updated: 0, superseded: 0, cancelled: 0 });
    expect(await count()).toBe(0);
  });

  it('refuses an unknown rule field and a negative period, storing nothing', async () => {
    const contacts = SUGGESTED_OBLIGATION_RULES.find((r) => r.id === 'contacts.reconfirm');
    for (const bad of [[{ ...contacts, colour: 'red' }], [{ ...contacts, period: '-P1Y' }]]) {
      const res = await publish(bad, '2027-01-04');
      expect(res.statusCode).toBe(400);
    }
    const versions = await get<{ total: number }>('/api/v1/policy/versions', admin);
    expect(versions.total).toBe(1);
  });

  it('recomputes idempotently once the rules are published', async () => {
    expect((await publish(SUGGESTED_OBLIGATION_RULES, '2027-01-04')).statusCode).toBe(201);
    const first = await recompute(t.deps, clock.now());
    expect(first.inserted).toBeGreaterThan(0);
    const total = await count();
    expect(await recompute(t.deps, clock.now())).toEqual({ inserted: 0, updated: 0, superseded: 0, cancelled: 0 });
    expect(await count()).toBe(total);
  });

  it('explains an instance: rule, version, item and how the day was computed', async () => {
    const [contacts] = await byRule('contacts.reconfirm', unitAdminA);
    expect(contacts).toMatchObject({ dueOn: '2027-01-20', state: 'due', orgId: w.orgs.unitA.id });
    expect(contacts?.link).toBe(`/systems/${systemA.id}?tab=contacts`);
    const detail = await get<ObligationDetail>(`/api/v1/obligations/${contacts?.id}`, unitAdminA);
    expect(detail.explanation).toMatchObject({
      ruleId: 'contacts.reconfirm',
      ruleVersion: 2,
      item: '十',
      anchorOn: '2026-01-20',
      period: 'P1Y',
      computedOn: '2027-01-20',
      shiftedFrom: null,
      calendarImported: false,
    });
    const [allocation] = await byRule('allocations.expiry', unitAdminA);
    // P0D on the record's last day, which does not shift (the rule says so).
    expect(allocation).toMatchObject({ dueOn: '2027-02-06', state: 'due' });
  });

  it('keeps each unit to its own obligations; the business owner sees supervised units', async () => {
    const mine = await byRule('contacts.reconfirm', unitAdminA);
    expect(mine.map((i) => i.subject.name)).toEqual(['甲校首頁']);
    const theirs = await byRule('contacts.reconfirm', unitAdminB);
    expect(theirs.map((i) => i.subject.name)).toEqual(['乙校首頁']);
    const supervised = await byRule('contacts.reconfirm', owner);
    expect(supervised.map((i) => i.subject.name)).toEqual(['甲校首頁']);
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/obligations/${mine[0]?.id}`, headers: unitAdminB });
    expect(res.statusCode).toBe(404);
  });

  it('groups the to-do list: this month, later', async () => {
    const todo = await get<ObligationTodo>('/api/v1/obligations/todo', unitAdminA);
    expect(todo.today).toBe('2027-01-04');
    expect(todo.thisMonth.map((i) => i.ruleId)).toContain('contacts.reconfirm');
    expect(todo.later.map((i) => i.ruleId)).toContain('allocations.expiry');
    expect(todo.overdue.every((i) => i.state === 'overdue')).toBe(true);
  });

  it('applies a new rule version to new periods only', async () => {
    const faster = SUGGESTED_OBLIGATION_RULES.map((r) => (r.id === 'contacts.reconfirm' ? { ...r, period: 'P6M' } : r));
    expect((await publish(faster, '2027-01-04')).statusCode).toBe(201);
    const newer = await makeSystem(t.db.db, {
      orgId: w.orgs.unitA.id,
      name: '甲校選課',
      status: 'online',
      contactsConfirmedAt: new Date('2026-01-20T03:00:00Z'),
    });
    await recompute(t.deps, clock.now());
    const items = await byRule('contacts.reconfirm', unitAdminA);
    const old = items.find((i) => i.subject.id === systemA.id);
    const fresh = items.find((i) => i.subject.id === newer.id);
    expect(old?.dueOn).toBe('2027-01-20');
    expect(fresh?.dueOn).toBe('2026-07-20');
    expect(fresh?.state).toBe('overdue');
    const detail = await get<ObligationDetail>(`/api/v1/obligations/${fresh?.id}`, unitAdminA);
    expect(detail.explanation).toMatchObject({ ruleVersion: 3, period: 'P6M' });
  });

  it('closes an open period when the record starts a new one', async () => {
    await t.db.db.execute(
      sql`UPDATE systems SET contacts_confirmed_at = ${'2027-01-04T01:00:00Z'} WHERE id = ${systemA.id}`,
    );
    const result = await recompute(t.deps, clock.now());
    expect(result.superseded).toBe(1);
    const items = await get<Page>(`/api/v1/obligations?ruleId=contacts.reconfirm&state=done`, unitAdminA);
    expect(items.items.map((i) => i.subject.id)).toContain(systemA.id);
  });

  it('marks done with evidence once, and audits it', async () => {
    const [scan] = await byRule('periodic.logReview', unitAdminA);
    expect(scan).toBeDefined();
    // The unit closes its own duties; the business owner follows them but does not close them.
    expect(scan?.can).toEqual({ complete: true, waive: false });
    expect((await get<ObligationDetail>(`/api/v1/obligations/${scan?.id}`, owner)).can.complete).toBe(false);
    const url = `/api/v1/obligations/${scan?.id}/done`;
    const refused = await t.app.inject({ method: 'POST', url, headers: owner, payload: { note: '代為完成' } });
    expect(json<ErrorBody>(refused).error.code).toBe('FORBIDDEN');
    const res = await t.app.inject({ method: 'POST', url, headers: unitAdminA, payload: { note: '已完成日誌審查' } });
    expect(res.statusCode).toBe(200);
    expect(json<ObligationDetail>(res)).toMatchObject({
      state: 'done',
      evidence: { note: '已完成日誌審查' },
      can: { complete: false, waive: false },
    });
    const again = await t.app.inject({ method: 'POST', url, headers: unitAdminA, payload: { note: '再一次' } });
    expect(json<ErrorBody>(again).error.code).toBe('OBLIGATION_CLOSED');
    const audit = await queryRows<{ n: number }>(
      t.db.db,
      sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'obligation.done' AND target_id = ${scan?.id}`,
    );
    expect(audit[0]?.n).toBe(1);
    // The next period counts from today and is open.
    const next = (await byRule('periodic.logReview', unitAdminA)).filter((i) => i.state !== 'done');
    expect(next.map((i) => i.dueOn)).toEqual(['2028-01-04']);
  });

  it('waives with a reason, an approver and an expiry (Ministry only)', async () => {
    const [item] = await byRule('periodic.accessReview', unitAdminA);
    const url = `/api/v1/obligations/${item?.id}/waive`;
    const payload = { reason: '系統改版中', expiresOn: '2027-03-31' };
    expect(item?.can.waive).toBe(false);
    expect((await get<ObligationDetail>(`/api/v1/obligations/${item?.id}`, owner)).can).toEqual({
      complete: false,
      waive: true,
    });
    expect((await t.app.inject({ method: 'POST', url, headers: unitAdminA, payload })).statusCode).toBe(403);
    const past = await t.app.inject({
      method: 'POST',
      url,
      headers: admin,
      payload: { ...payload, expiresOn: '2027-01-01' },
    });
    expect(json<ErrorBody>(past).error.code).toBe('OBLIGATION_WAIVER_EXPIRY_INVALID');
    const ok = await t.app.inject({ method: 'POST', url, headers: admin, payload });
    expect(json<ObligationDetail>(ok)).toMatchObject({
      state: 'waived',
      waiver: { reason: '系統改版中', expiresOn: '2027-03-31', approvedBy: w.users.ministryAdmin.id },
      can: { complete: false, waive: false },
    });
  });

  it('counts by state, unit and item', async () => {
    const counts = await get<{ totals: { overdue: number }; byItem: { item: string }[]; monthEnd: string }>(
      '/api/v1/obligations/counts',
      unitAdminA,
    );
    expect(counts.monthEnd).toBe('2027-01-31');
    expect(counts.totals.overdue).toBeGreaterThan(0);
    expect(counts.byItem.map((i) => i.item)).toContain('十');
  });

  it('names the unit in English too where it has an English name: by unit, in lists, as the subject and in the title of its duties', async () => {
    const unitA = w.orgs.unitA.id;
    await t.db.db.execute(sql`UPDATE organisations SET name_en = 'University A' WHERE id = ${unitA}`);
    try {
      type Row = { orgId: string; orgName: string; orgNameEn: string | null };
      const counts = await get<{ byOrg: Row[] }>('/api/v1/obligations/counts', admin);
      expect(counts.byOrg.find((r) => r.orgId === unitA)).toMatchObject({
        orgName: '國立甲大學',
        orgNameEn: 'University A',
      });
      expect(counts.byOrg.find((r) => r.orgId === w.orgs.unitB.id)).toMatchObject({ orgNameEn: null });
      const systems = await byRule('contacts.reconfirm');
      expect(systems.find((o) => o.orgId === unitA)).toMatchObject({
        orgNameEn: 'University A',
        subject: { type: 'system', nameEn: null },
      });
      expect(systems.find((o) => o.orgId === w.orgs.unitB.id)).toMatchObject({ orgNameEn: null });
      const duty = async () => (await byRule('periodic.firewallReview')).find((o) => o.orgId === unitA);
      expect(await duty()).toMatchObject({
        orgNameEn: 'University A',
        subject: { type: 'organisation', name: '國立甲大學', nameEn: 'University A' },
      });
      // The title names the unit as stored by the last recompute (nightly): the English name
      // joins the official one there, and the zh-TW text stays as it was.
      const before = (await duty())?.title;
      expect(before?.params).toEqual({ unit: '國立甲大學' });
      const result = await recompute(t.deps, clock.now());
      expect(result.updated).toBeGreaterThan(0);
      expect((await duty())?.title).toEqual({ ...before, params: { unit: '國立甲大學', unitEn: 'University A' } });
      expect(await recompute(t.deps, clock.now())).toEqual({ inserted: 0, updated: 0, superseded: 0, cancelled: 0 });
    } finally {
      await t.db.db.execute(sql`UPDATE organisations SET name_en = NULL WHERE id = ${unitA}`);
      await recompute(t.deps, clock.now());
    }
  });

  it('imports the office calendar all or nothing (ministry_admin)', async () => {
    const good = multipartBody([{ name: 'file', filename: '116.csv', content: fixture('office-calendar-2027.csv') }]);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/working-days/import',
      headers: { ...unitAdminA, ...good.headers },
      payload: good.payload,
    });
    expect(refused.statusCode).toBe(403);
    const text = fixture('office-calendar-2027.csv').toString('utf8').replace('20270105,二,0,', '20270105,二,9,');
    const bad = multipartBody([{ name: 'file', filename: '116.csv', content: Buffer.from(text) }]);
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/working-days/import',
      headers: { ...admin, ...bad.headers },
      payload: bad.payload,
    });
    expect(malformed.statusCode).toBe(400);
    expect(json<ErrorBody & { error: { details: unknown } }>(malformed).error).toMatchObject({
      code: 'WORKING_DAYS_CSV_INVALID',
    });
    expect((await get<{ items: unknown[] }>('/api/v1/working-days/years', admin)).items).toEqual([]);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/working-days/import',
      headers: { ...admin, ...good.headers },
      payload: good.payload,
    });
    // 104 weekend days and 16 holidays on weekdays.
    expect(json(ok)).toEqual({ years: [2027], days: 365, holidays: 120, makeUpWorkdays: 0 });
    const year = await get<{ imported: boolean; days: { date: string; note: string | null }[] }>(
      '/api/v1/working-days?year=2027',
      unitAdminA,
    );
    expect(year.imported).toBe(true);
    expect(year.days.find((d) => d.date === '2027-02-05')?.note).toBe('農曆除夕');
  });

  it('serves a personal iCalendar feed that parses back, and refuses revoked and malformed tokens', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/account/calendar-feed', headers: unitAdminA });
    expect(created.statusCode).toBe(201);
    const { url } = json<{ url: string }>(created);
    const path = new URL(url).pathname;
    const feed = await t.app.inject({ method: 'GET', url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(feed.body) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    const allocation = events.find((e) => e.summary.includes('www.a.edu.tw'));
    expect(allocation?.startDate.toString()).toBe('2027-02-06');
    expect(events.every((e) => e.summary.startsWith('【第'))).toBe(true);
    expect((await get<{ active: boolean }>('/api/v1/account/calendar-feed', unitAdminA)).active).toBe(true);

    const revoked = await t.app.inject({ method: 'DELETE', url: '/api/v1/account/calendar-feed', headers: unitAdminA });
    expect(revoked.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: path });
    expect(json<ErrorBody>(after).error.code).toBe('CALENDAR_FEED_TOKEN_INVALID');
    for (const bad of ['not-a-token.ics', 'ocf_short.ics', `${path.split('/').pop()?.replace('.ics', '')}`]) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/calendar/${bad}` });
      expect(res.statusCode).toBe(404);
    }
  });

  it('closes the contacts obligation as soon as the contacts are confirmed, without the nightly job', async () => {
    const system = await makeSystem(t.db.db, {
      orgId: w.orgs.unitA.id,
      name: '甲校圖書館',
      status: 'online',
      contactsConfirmedAt: new Date('2025-12-01T03:00:00Z'),
    });
    for (const kind of CONTACT_KINDS) {
      await makeContact(t.db.db, { systemId: system.id, kind });
    }
    await recompute(t.deps, clock.now());
    const before = (await byRule('contacts.reconfirm', unitAdminA)).filter((i) => i.subject.id === system.id);
    expect(before.map((i) => i.state)).toEqual(['overdue']);

    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/systems/${system.id}/contacts/confirm`,
      headers: unitAdminA,
    });
    expect(res.statusCode).toBe(200);
    const after = (await byRule('contacts.reconfirm', unitAdminA)).filter((i) => i.subject.id === system.id);
    // The overdue period is done; the next counts from the confirmation at the clock's instant
    // (P6M under version 3: 4 July 2027 is a Sunday, so Monday 5 July).
    expect(after.map((i) => [i.state, i.dueOn]).sort()).toEqual([
      ['done', before[0]?.dueOn],
      ['upcoming', '2027-07-05'],
    ]);
  });

  it('counts contacts never confirmed as overdue from registration, as the registry does', async () => {
    const system = await makeSystem(t.db.db, {
      orgId: w.orgs.unitA.id,
      name: '甲校新系統',
      status: 'online',
      createdAt: new Date('2027-01-04T01:00:00Z'),
    });
    await recompute(t.deps, clock.now());
    const registry = await get<{ items: { id: string }[] }>(
      '/api/v1/systems?contactsOverdue=true&pageSize=100',
      unitAdminA,
    );
    expect(registry.items.map((s) => s.id)).toContain(system.id);
    const [item] = (await byRule('contacts.reconfirm', unitAdminA)).filter((i) => i.subject.id === system.id);
    expect(item).toMatchObject({ state: 'overdue', dueOn: '2027-01-03' });
    const detail = await get<ObligationDetail>(`/api/v1/obligations/${item?.id}`, unitAdminA);
    expect(detail.explanation).toMatchObject({ anchorOn: '2027-01-04', period: 'P0D', computedOn: '2027-01-03' });
  });

  it('links every obligation to a web route of the record and action (apps/web app-routes)', async () => {
    const routes = [
      /^\/systems\/[0-9a-f-]{36}\?tab=contacts$/,
      /^\/allocations\/[0-9a-f-]{36}$/,
      /^\/allocations\?tab=renewals$/,
      /^\/contracts\/[0-9a-f-]{36}\?tab=(overview|clauses|risk)$/,
      /^\/vendors\/[0-9a-f-]{36}$/,
      /^\/calendar\?tab=list&item=[^&]+$/,
    ];
    const rows = await queryRows<{ link: string; item: string; ruleId: string }>(
      t.db.db,
      sql`SELECT DISTINCT link, item, rule_id AS "ruleId" FROM obligation_instances`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => !routes.some((re) => re.test(r.link)))).toEqual([]);
    // A periodic duty's list is filtered to the rule's own item, e.g. 三十五(七).
    const list = rows.find((r) => r.ruleId === 'periodic.distributionListReview');
    expect(list && new URLSearchParams(list.link.split('?')[1]).get('item')).toBe(list?.item);
  });
});
