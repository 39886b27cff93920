import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { CONTACT_KINDS, SUGGESTED_OBLIGATION_RULES, type ObligationDetail } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeUser, makeWorld, type World } from '../../db/factories.js';
import { makeAllocation, makeContact, makeContract, makeSystem } from '../../db/registry-factories.js';
import { createTestClock } from '../../lib/clock.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp.js';

/*
 * Issue 13 §4 end to end: the rules published, the clock advanced day by day, the jobs run
 * through the job runner, and the mails counted at a real SMTP server on 127.0.0.1.
 */

const PUBLIC_URL = 'https://custodian.example.gov.tw';
const SYSTEM = '甲校聯絡人測試系統';
const to = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? mail.to.text : '');

describe('obligation reminders and escalations by mail', () => {
  // 08:00 in Taipei, 20 February 2027.
  const clock = createTestClock('2027-02-20T00:00:00Z');
  let smtp: TestSmtpServer;
  let t: TestApp;
  let w: World;
  let contractOwner: { id: string; email: string };
  let systemId: string;
  let seen = 0;

  /** Runs the day's jobs at `day` 08:00 Taipei and returns the new mails about the system. */
  async function day(date: string): Promise<ParsedMail[]> {
    clock.set(`${date}T00:00:00Z`);
    for (const job of ['obligations.recompute', 'obligations.remind', 'notifications.send']) {
      expect(await t.app.jobs.runNow(job)).toMatchObject({ state: 'completed', error: null });
    }
    const mails = smtp.messages.slice(seen).filter((m) => (m.subject ?? '').includes(SYSTEM));
    seen = smtp.messages.length;
    return mails;
  }

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({ clock, jobs: true, config: { SMTP_URL: smtp.url, PUBLIC_URL } });
    w = await makeWorld(t.db.db);
    contractOwner = await makeUser(t.db.db, {
      orgId: w.orgs.division.id,
      role: 'ministry_owner',
      email: 'contract-owner@moe.gov.tw',
    });
    const contract = await makeContract(t.db.db, {
      unitId: w.orgs.unitA.id,
      divisionId: w.orgs.division.id,
      ownerUserId: contractOwner.id,
    });
    // Confirmed on 17 March 2026 (Taipei): the next confirmation is due on Wednesday 17 March 2027.
    const system = await makeSystem(t.db.db, {
      orgId: w.orgs.unitA.id,
      name: SYSTEM,
      status: 'online',
      contactsConfirmedAt: new Date('2026-03-17T02:00:00Z'),
      contactsConfirmedBy: w.users.unitAdminA.id,
      contractIds: [contract.id],
    });
    systemId = system.id;
    for (const kind of CONTACT_KINDS) {
      await makeContact(t.db.db, { systemId, kind });
    }
    await makeAllocation(t.db.db, {
      systemId,
      orgId: w.orgs.unitA.id,
      kind: 'domain',
      value: 'contacts.a.edu.tw',
      network: null,
      startsOn: '2025-01-01',
      expiresOn: '2027-12-31',
    });
    const admin = await loginAs(t, w.users.ministryAdmin.id);
    const current = json<{ rules: Record<string, unknown> }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/policy/current', headers: admin }),
    );
    const published = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policy/versions',
      headers: admin,
      payload: {
        effectiveFrom: '2027-02-20',
        notes: '義務行事曆',
        rules: { ...current.rules, obligations: SUGGESTED_OBLIGATION_RULES },
      },
    });
    expect(published.statusCode).toBe(201);
  });

  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('reminds, then tells of the due day, then of the overdue, then escalates — once each', async () => {
    // 25 days before: the 30-day reminder to the person who last confirmed; a second run sends nothing.
    const reminder = await day('2027-02-20');
    expect(reminder.map((m) => [to(m), m.subject])).toEqual([
      ['admin@a.edu.tw', `【提醒】確認系統聯絡人：${SYSTEM}（25 日後到期）`],
    ]);
    expect(reminder[0]?.text).toContain('民國116年3月17日');
    expect(reminder[0]?.text).toContain(`${PUBLIC_URL}/systems/${systemId}?tab=contacts`);
    expect(await day('2027-02-20')).toEqual([]);
    expect(await day('2027-02-21')).toEqual([]);

    const sevenDays = await day('2027-03-12');
    expect(sevenDays.map((m) => m.subject)).toEqual([`【提醒】確認系統聯絡人：${SYSTEM}（5 日後到期）`]);

    const due = await day('2027-03-17');
    expect(due.map((m) => [to(m), m.subject])).toEqual([['admin@a.edu.tw', `【今日到期】確認系統聯絡人：${SYSTEM}`]]);

    const overdue = await day('2027-03-18');
    expect(overdue.map((m) => [to(m), m.subject])).toEqual([['admin@a.edu.tw', `【逾期】確認系統聯絡人：${SYSTEM}`]]);
    expect(await day('2027-03-19')).toEqual([]);

    // Seven days overdue: the business owners who supervise the unit and the contract.
    const owners = await day('2027-03-24');
    expect(owners.map((m) => to(m)).sort()).toEqual(['contract-owner@moe.gov.tw', 'owner@moe.gov.tw']);
    expect(owners.every((m) => m.subject === `【逾期通報】國立甲大學：確認系統聯絡人：${SYSTEM}`)).toBe(true);
    expect(owners[0]?.text).toContain('業務主管機關承辦人');
    expect(await day('2027-03-25')).toEqual([]);

    // Thirty days overdue: the Ministry's security office.
    const ministry = await day('2027-04-16');
    expect(ministry.map((m) => to(m))).toEqual(['admin@moe.gov.tw']);
    expect(ministry[0]?.text).toContain('本部資安業務單位');
    expect(await day('2027-04-17')).toEqual([]);
  });

  it('sends nothing more once the obligation is done with evidence', async () => {
    const unitAdmin = await loginAs(t, w.users.unitAdminA.id);
    const list = json<{ items: ObligationDetail[] }>(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/obligations?ruleId=contacts.reconfirm&state=overdue',
        headers: unitAdmin,
      }),
    );
    const item = list.items.find((i) => i.subject.id === systemId);
    expect(item?.state).toBe('overdue');
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/v1/obligations/${item?.id}/done`,
      headers: unitAdmin,
      payload: { note: '已於電話確認三位聯絡人' },
    });
    expect(json<ObligationDetail>(done)).toMatchObject({ state: 'done', evidence: { note: '已於電話確認三位聯絡人' } });
    for (const date of ['2027-04-18', '2027-05-20', '2027-06-30']) {
      expect(await day(date)).toEqual([]);
    }
    // Every notification about the system went out exactly once.
    const counts = await queryRows<{ kind: string; n: number }>(
      t.db.db,
      sql`SELECT kind, count(*)::int AS n FROM outbox WHERE subject LIKE ${`%${SYSTEM}%`} GROUP BY kind ORDER BY kind`,
    );
    expect(counts).toEqual([
      { kind: 'obligation.due', n: 1 },
      { kind: 'obligation.escalation', n: 3 },
      { kind: 'obligation.overdue', n: 1 },
      { kind: 'obligation.reminder', n: 2 },
    ]);
  });
});
