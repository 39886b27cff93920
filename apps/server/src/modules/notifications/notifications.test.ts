import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import type { ParsedMail } from 'mailparser';
import { makeUser, makeWorld, type World } from '../../db/factories.js';
import { auditEvents, notifications, outbox, users } from '../../db/schema/index.js';
import { createTestClock } from '../../lib/clock.js';
import { createMailer } from '../../lib/mailer.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { startTestSmtpServer, type TestSmtpServer } from '../../test/smtp.js';
import { composeDigests } from './notifications.digest.js';
import { html } from './notifications.html.js';
import { SENDER_SETTINGS, retryDelayMs, sendDueMessages } from './notifications.sender.js';
import { enqueueNotifications, type NotificationInput } from './notifications.service.js';
import { MODULES, type AppModule } from '../index.js';
import { renderNotification, type NotificationTemplates } from './notifications.templates.js';

/** A notification kind of the tests' own. */
const testTemplates: NotificationTemplates = {
  'test.notice': {
    'zh-TW': {
      subject: (p) => `測試通知：${p.name}`,
      text: (p) => `${p.name} 的期限為 ${p.dueOn}。`,
      html: (p) => html`<p><strong>${p.name}</strong> 的期限為 ${p.dueOn}。</p>`,
    },
    en: {
      subject: (p) => `Test notice: ${p.name}`,
      text: (p) => `${p.name} is due on ${p.dueOn}.`,
      html: (p) => html`<p><strong>${p.name}</strong> is due on ${p.dueOn}.</p>`,
    },
  },
};

/** The app's modules with a module-shaped fixture that registers the tests' kind, as a module would. */
const TEST_MODULES: readonly AppModule[] = [...MODULES, { name: 'test-notices', notificationTemplates: testTemplates }];

const PUBLIC_URL = 'https://custodian.example.gov.tw';
let counter = 0;

function notice(userId: string, overrides: Partial<NotificationInput> = {}): NotificationInput {
  counter += 1;
  return {
    userId,
    kind: 'test.notice',
    dedupeKey: `test:${counter}`,
    params: { name: `系統 ${counter}`, dueOn: '2027-03-31' },
    link: `/systems/${counter}?tab=contacts`,
    ...overrides,
  };
}

async function enqueue(t: TestApp, items: NotificationInput[]): Promise<number> {
  return t.deps.db.transaction((tx) => enqueueNotifications(tx, t.deps, items, t.deps.clock.now()));
}

async function outboxOf(t: TestApp, userId: string) {
  return t.db.db.select().from(outbox).where(eq(outbox.userId, userId));
}

const htmlOf = (mail: ParsedMail) => (typeof mail.html === 'string' ? mail.html : '');

describe('notification templates', () => {
  it('are the app modules’ own: a kind renders only with the module list that registers it', () => {
    const params = { name: '系統 A', dueOn: '2027-03-31' };
    expect(renderNotification(TEST_MODULES, 'test.notice', 'en', params).subject).toBe('Test notice: 系統 A');
    expect(renderNotification(MODULES, 'test.notice', 'en', params).subject).toBe('test.notice');
  });
});

describe('notifications: outbox, SMTP sender and digests', () => {
  const clock = createTestClock('2027-03-01T00:00:00Z');
  let smtp: TestSmtpServer;
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({ clock, modules: TEST_MODULES, config: { SMTP_URL: smtp.url, PUBLIC_URL } });
    w = await makeWorld(t.db.db);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  beforeEach(async () => {
    // Every test starts from an empty outbox and mailbox.
    await sendDueMessages(t.deps, clock.now());
    smtp.messages.length = 0;
    smtp.rejectNext(0);
  });

  it('writes the notification and its message in the caller’s transaction, or neither', async () => {
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member' });
    await expect(
      t.deps.db.transaction(async (tx) => {
        await enqueueNotifications(tx, t.deps, [notice(user.id)], t.deps.clock.now());
        throw new Error('the change that caused it failed');
      }),
    ).rejects.toThrow('the change that caused it failed');
    expect(await t.db.db.select().from(notifications).where(eq(notifications.userId, user.id))).toEqual([]);
    expect(await outboxOf(t, user.id)).toEqual([]);

    expect(await enqueue(t, [notice(user.id)])).toBe(1);
    expect(await t.db.db.select().from(notifications).where(eq(notifications.userId, user.id))).toHaveLength(1);
    expect(await outboxOf(t, user.id)).toMatchObject([{ status: 'pending', attempts: 0, to: user.email }]);
  });

  it('treats an enqueued dedupe key as done: enqueueing it again writes nothing', async () => {
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member' });
    const item = notice(user.id);
    expect(await enqueue(t, [item, { ...item }])).toBe(1);
    expect(await enqueue(t, [{ ...item, params: { name: '改過的參數', dueOn: '2027-04-01' } }])).toBe(0);
    expect(await t.db.db.select().from(notifications).where(eq(notifications.userId, user.id))).toHaveLength(1);
    expect(await outboxOf(t, user.id)).toHaveLength(1);
    await sendDueMessages(t.deps, clock.now());
    expect(smtp.messages).toHaveLength(1);
  });

  it('refuses a kind no module registered and a link that leaves the app', async () => {
    const id = w.users.unitMemberA.id;
    await expect(enqueue(t, [notice(id, { kind: 'nobody.registered' })])).rejects.toThrow(/no registered templates/);
    await expect(enqueue(t, [notice(id, { link: '//evil.example.com/x' })])).rejects.toThrow(/not an in-app path/);
    await expect(enqueue(t, [notice(id, { link: 'https://evil.example.com/' })])).rejects.toThrow(/in-app path/);
  });

  it('sends a zh-TW mail with text and HTML parts, parameters escaped, linking to the record', async () => {
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_admin', email: 'zh@a.edu.tw' });
    await enqueue(t, [
      notice(user.id, {
        params: { name: '<script>alert(1)</script>校務系統', dueOn: '2027-03-31' },
        link: '/systems/abc?tab=contacts',
      }),
    ]);
    const result = await sendDueMessages(t.deps, clock.now());
    expect(result).toMatchObject({ sent: 1, retrying: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    if (!mail) {
      throw new Error('no mail');
    }
    expect(mail.subject).toBe('測試通知：<script>alert(1)</script>校務系統');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('zh@a.edu.tw');
    expect(mail.text).toContain('<script>alert(1)</script>校務系統 的期限為 2027-03-31。');
    expect(mail.text).toContain(`開啟紀錄：${PUBLIC_URL}/systems/abc?tab=contacts`);
    expect(mail.text).toContain('Custodian 資安管理平台');
    const body = htmlOf(mail);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;校務系統');
    expect(body).not.toContain('<script>');
    expect(body).toContain(`href="${PUBLIC_URL}/systems/abc?tab=contacts"`);
    expect(body).toContain('Custodian 資安管理平台');
    const [row] = await outboxOf(t, user.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(mail.messageId).toBe(`<outbox-${row?.id}@custodian.example.gov.tw>`);
  });

  it('writes mail in the recipient’s language', async () => {
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member' });
    await t.db.db.update(users).set({ locale: 'en' }).where(eq(users.id, user.id));
    await enqueue(t, [notice(user.id, { params: { name: 'Library system', dueOn: '2027-03-31' } })]);
    await sendDueMessages(t.deps, clock.now());
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Test notice: Library system']);
    expect(smtp.messages[0]?.text).toContain('Library system is due on 2027-03-31.');
    expect(htmlOf(smtp.messages[0] as ParsedMail)).toContain('Custodian Security');
  });

  it('sends each message exactly once when two senders run at the same time', async () => {
    const recipients = await Promise.all(
      [1, 2, 3].map(() => makeUser(t.db.db, { orgId: w.orgs.unitB.id, role: 'unit_member' })),
    );
    await enqueue(
      t,
      Array.from({ length: 45 }, (_, i) => notice((recipients[i % 3] as { id: string }).id)),
    );
    // A second runner: the same database, its own mail transport.
    const other = { ...t.deps, mailer: createMailer({ smtpUrl: smtp.url, from: t.deps.config.MAIL_FROM }) };
    const results = await Promise.all([
      sendDueMessages(t.deps, clock.now()),
      sendDueMessages(other, clock.now()),
      sendDueMessages(t.deps, clock.now()),
    ]);
    other.mailer.close();
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(45);
    expect(smtp.messages).toHaveLength(45);
    expect(new Set(smtp.messages.map((m) => m.messageId)).size).toBe(45);
    const rows = await t.db.db
      .select()
      .from(outbox)
      .where(
        inArray(
          outbox.userId,
          recipients.map((r) => r.id),
        ),
      );
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
    // Running again sends nothing more.
    await Promise.all([sendDueMessages(t.deps, clock.now()), sendDueMessages(t.deps, clock.now())]);
    expect(smtp.messages).toHaveLength(45);
  });

  it('retries a refused message with exponential backoff, then sends it once', async () => {
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member' });
    await enqueue(t, [notice(user.id)]);
    smtp.rejectNext(2);
    const start = clock.now();

    expect(await sendDueMessages(t.deps, clock.now())).toMatchObject({ sent: 0, retrying: 1 });
    let [row] = await outboxOf(t, user.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row?.lastError).toMatch(/451/);
    expect(row?.nextAttemptAt.getTime()).toBe(start.getTime() + 60_000);

    // Not due yet: nothing is attempted.
    clock.advance(59_000);
    expect(await sendDueMessages(t.deps, clock.now())).toMatchObject({ sent: 0, retrying: 0 });
    expect(smtp.rejected).toBeGreaterThanOrEqual(1);

    clock.advance(1_000);
    expect(await sendDueMessages(t.deps, clock.now())).toMatchObject({ retrying: 1 });
    [row] = await outboxOf(t, user.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row?.nextAttemptAt.getTime()).toBe(clock.now().getTime() + 120_000);

    clock.advance(120_000);
    expect(await sendDueMessages(t.deps, clock.now())).toMatchObject({ sent: 1 });
    [row] = await outboxOf(t, user.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(smtp.messages).toHaveLength(1);
  });

  it('marks a message failed after the last attempt; ministry_admin resends it', async () => {
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member' });
    await enqueue(t, [notice(user.id)]);
    smtp.rejectNext(SENDER_SETTINGS.maxAttempts);
    for (let attempt = 1; attempt <= SENDER_SETTINGS.maxAttempts; attempt += 1) {
      await sendDueMessages(t.deps, clock.now());
      clock.advance(retryDelayMs(attempt));
    }
    const [failed] = await outboxOf(t, user.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: SENDER_SETTINGS.maxAttempts });
    expect(smtp.messages).toHaveLength(0);
    // A failed message is not attempted again by itself.
    await sendDueMessages(t.deps, clock.now());
    expect(smtp.messages).toHaveLength(0);

    const admin = await loginAs(t, w.users.ministryAdmin.id);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?status=failed', headers: admin });
    expect(list.statusCode).toBe(200);
    expect(json<{ items: { id: string }[]; mailConfigured: boolean }>(list)).toMatchObject({ mailConfigured: true });
    expect(json<{ items: { id: string }[] }>(list).items.map((i) => i.id)).toContain(failed?.id);

    const unitAdmin = await loginAs(t, w.users.unitAdminA.id);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/outbox/${failed?.id}/resend`,
      headers: unitAdmin,
    });
    expect(refused.statusCode).toBe(403);

    const res = await t.app.inject({ method: 'POST', url: `/api/v1/outbox/${failed?.id}/resend`, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ status: 'pending', attempts: 0 });
    const [audit] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'outbox.resend'), eq(auditEvents.targetId, failed?.id ?? '')));
    expect(audit?.actorUserId).toBe(w.users.ministryAdmin.id);

    await sendDueMessages(t.deps, clock.now());
    expect(smtp.messages).toHaveLength(1);
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/outbox/${failed?.id}/resend`, headers: admin });
    expect(again.statusCode).toBe(409);
    expect(json<{ error: { code: string } }>(again).error.code).toBe('OUTBOX_NOT_FAILED');
  });

  it('composes one daily digest for several notifications, once', async () => {
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitB.id, role: 'unit_admin', email: 'digest@b.edu.tw' });
    const weekly = await makeUser(t.db.db, { orgId: w.orgs.unitB.id, role: 'unit_member' });
    const headers = await loginAs(t, user.id);
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/notification-preferences',
      headers,
      payload: { delivery: 'daily' },
    });
    expect(put.statusCode).toBe(200);
    expect(json(put)).toEqual({ delivery: 'daily', language: 'zh-TW', mailConfigured: true });
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/notification-preferences',
      headers: await loginAs(t, weekly.id),
      payload: { delivery: 'weekly' },
    });

    await enqueue(t, [notice(user.id), notice(user.id), notice(user.id), notice(weekly.id)]);
    expect(await outboxOf(t, user.id)).toEqual([]);

    expect(await composeDigests(t.deps, 'daily', clock.now())).toBe(1);
    expect(await composeDigests(t.deps, 'daily', clock.now())).toBe(0);
    await sendDueMessages(t.deps, clock.now());
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(mail?.subject).toBe('Custodian 資安管理平台：每日通知摘要（3 則）');
    const mine = await t.db.db.select().from(notifications).where(eq(notifications.userId, user.id));
    for (const n of mine) {
      expect(mail?.text).toContain(`測試通知：${String(n.params.name)}`);
      expect(htmlOf(mail as ParsedMail)).toContain(`href="${PUBLIC_URL}${n.link ?? ''}"`);
      expect(n.digestedAt).not.toBeNull();
    }

    // The weekly reader's notification waits for Monday's digest.
    expect(await outboxOf(t, weekly.id)).toEqual([]);
    expect(await composeDigests(t.deps, 'weekly', clock.now())).toBe(1);
    await sendDueMessages(t.deps, clock.now());
    expect(smtp.messages.map((m) => m.subject)).toContain('Custodian 資安管理平台：每週通知摘要（1 則）');
  });

  it('mails an inactive account nothing, but keeps its in-app notification', async () => {
    const user = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member' });
    await t.db.db.update(users).set({ isActive: false }).where(eq(users.id, user.id));
    expect(await enqueue(t, [notice(user.id)])).toBe(1);
    expect(await outboxOf(t, user.id)).toEqual([]);
  });
});

describe('notifications: the caller’s list, read state and preferences', () => {
  let t: TestApp;
  let w: World;
  let a: Record<string, string>;
  let b: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ clock: createTestClock('2027-03-01T00:00:00Z'), modules: TEST_MODULES });
    w = await makeWorld(t.db.db);
    a = await loginAs(t, w.users.unitAdminA.id);
    b = await loginAs(t, w.users.unitAdminB.id);
    await enqueue(t, [notice(w.users.unitAdminA.id), notice(w.users.unitAdminA.id), notice(w.users.unitAdminB.id)]);
  });
  afterAll(async () => t.close());

  it('lists only the caller’s own notifications, in their language, with an unread filter', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: a });
    expect(res.statusCode).toBe(200);
    const page = json<{ items: { title: string; link: string; readAt: string | null }[]; total: number }>(res);
    expect(page.total).toBe(2);
    expect(page.items.every((i) => i.title.startsWith('測試通知：') && i.readAt === null)).toBe(true);

    const en = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?pageSize=1',
      headers: { ...a, 'accept-language': 'en' },
    });
    expect(json<{ items: { title: string }[]; total: number }>(en)).toMatchObject({ total: 2, pageSize: 1 });
    expect(json<{ items: { title: string }[] }>(en).items[0]?.title).toMatch(/^Test notice: /);

    const count = await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: a });
    expect(json(count)).toEqual({ count: 2 });
  });

  it('marks one read, refuses another user’s with 404, and marks all read', async () => {
    const [mine] = await t.db.db.select().from(notifications).where(eq(notifications.userId, w.users.unitAdminA.id));
    const [theirs] = await t.db.db.select().from(notifications).where(eq(notifications.userId, w.users.unitAdminB.id));

    const read = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${mine?.id}/read`, headers: a });
    expect(read.statusCode).toBe(200);
    expect(json<{ readAt: string }>(read).readAt).toBe('2027-03-01T00:00:00.000Z');
    const unread = await t.app.inject({ method: 'GET', url: '/api/v1/notifications?unread=true', headers: a });
    expect(json<{ total: number }>(unread).total).toBe(1);

    const other = await t.app.inject({ method: 'POST', url: `/api/v1/notifications/${theirs?.id}/read`, headers: a });
    expect(other.statusCode).toBe(404);
    const [untouched] = await t.db.db
      .select()
      .from(notifications)
      .where(eq(notifications.id, theirs?.id ?? ''));
    expect(untouched?.readAt).toBeNull();

    const all = await t.app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: a });
    expect(json(all)).toEqual({ updated: 1 });
    const count = await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: a });
    expect(json(count)).toEqual({ count: 0 });
    const countB = await t.app.inject({ method: 'GET', url: '/api/v1/notifications/unread-count', headers: b });
    expect(json(countB)).toEqual({ count: 1 });
  });

  it('keeps mail in the outbox, pending, when SMTP_URL is not set, and says so', async () => {
    expect(t.deps.mailer.isConfigured).toBe(false);
    expect(await sendDueMessages(t.deps, t.deps.clock.now())).toMatchObject({ skipped: true, sent: 0 });
    const rows = await t.db.db.select().from(outbox);
    expect(rows.length).toBe(3);
    expect(rows.every((r) => r.status === 'pending' && r.attempts === 0)).toBe(true);

    const admin = await loginAs(t, w.users.ministryAdmin.id);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/outbox?status=pending', headers: admin });
    expect(json(list)).toMatchObject({ total: 3, mailConfigured: false });
    const prefs = await t.app.inject({ method: 'GET', url: '/api/v1/account/notification-preferences', headers: a });
    expect(json(prefs)).toEqual({ delivery: 'immediate', language: 'zh-TW', mailConfigured: false });
  });

  it('records a preference change in the audit trail, and refuses an unknown delivery', async () => {
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/notification-preferences',
      headers: a,
      payload: { delivery: 'hourly' },
    });
    expect(bad.statusCode).toBe(400);
    const res = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/notification-preferences',
      headers: a,
      payload: { delivery: 'weekly' },
    });
    expect(json(res)).toMatchObject({ delivery: 'weekly' });
    const events = await t.db.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'notification_preferences.update'));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: w.users.unitAdminA.id,
      targetId: w.users.unitAdminA.id,
      summary: { before: { delivery: 'immediate' }, after: { delivery: 'weekly' } },
    });
  });
});

describe('notifications: through the job runner', () => {
  // Monday 2027-03-01, 08:00 in Taipei.
  const clock = createTestClock('2027-03-01T00:00:00Z');
  let smtp: TestSmtpServer;
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    t = await createTestApp({ clock, jobs: true, modules: TEST_MODULES, config: { SMTP_URL: smtp.url, PUBLIC_URL } });
    w = await makeWorld(t.db.db);
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it('sends immediate mail and the daily digest from the scheduled jobs', async () => {
    const daily = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member', email: 'daily@a.edu.tw' });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/account/notification-preferences',
      headers: await loginAs(t, daily.id),
      payload: { delivery: 'daily' },
    });
    expect(put.statusCode).toBe(200);
    await enqueue(t, [notice(w.users.unitAdminA.id), notice(daily.id), notice(daily.id)]);

    expect(await t.app.jobs.runNow('notifications.digest-daily')).toMatchObject({ state: 'completed', error: null });
    expect(await t.app.jobs.runNow('notifications.send')).toMatchObject({ state: 'completed', error: null });
    const received = smtp.messages.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '')).sort();
    expect(received).toEqual(['admin@a.edu.tw', 'daily@a.edu.tw']);
    expect(smtp.messages.find((m) => m.subject?.includes('每日通知摘要（2 則）'))).toBeDefined();

    // Both jobs again at once: nothing is sent twice.
    await Promise.all([t.app.jobs.runNow('notifications.digest-daily'), t.app.jobs.runNow('notifications.send')]);
    await t.app.jobs.runNow('notifications.send');
    expect(smtp.messages).toHaveLength(2);
  });

  it('deletes sent mail and read notifications older than the retention, and keeps what is still work', async () => {
    // The clock reads 2027-03-01; NOTIFICATION_RETENTION_MONTHS defaults to 12.
    const old = new Date('2026-02-01T00:00:00Z');
    const recent = new Date('2026-06-01T00:00:00Z');
    const message = (key: string, status: 'sent' | 'failed' | 'pending', at: Date) => ({
      messageKey: `retention:${key}`,
      kind: 'test.notice',
      to: 'someone@a.edu.tw',
      subject: key,
      text: key,
      html: key,
      status,
      nextAttemptAt: at,
      sentAt: status === 'sent' ? at : null,
      createdAt: at,
    });
    await t.db.db
      .insert(outbox)
      .values([
        message('old-sent', 'sent', old),
        message('old-failed', 'failed', old),
        message('recent-sent', 'sent', recent),
      ]);
    const notification = (key: string, at: Date, read: boolean, mail: 'immediate' | 'digest' = 'immediate') => ({
      userId: w.users.unitAdminA.id,
      kind: 'test.notice',
      params: { key },
      dedupeKey: `retention:${key}`,
      mail,
      readAt: read ? at : null,
      createdAt: at,
    });
    await t.db.db
      .insert(notifications)
      .values([
        notification('old-read', old, true),
        notification('old-unread', old, false),
        notification('old-read-undigested', old, true, 'digest'),
        notification('recent-read', recent, true),
      ]);

    expect(await t.app.jobs.runNow('notifications.retention')).toMatchObject({ state: 'completed', error: null });

    const keptMessages = await t.db.db
      .select({ key: outbox.messageKey })
      .from(outbox)
      .where(inArray(outbox.messageKey, ['retention:old-sent', 'retention:old-failed', 'retention:recent-sent']));
    expect(keptMessages.map((m) => m.key).sort()).toEqual(['retention:old-failed', 'retention:recent-sent']);
    const keptNotifications = await t.db.db
      .select({ key: notifications.dedupeKey })
      .from(notifications)
      .where(
        inArray(
          notifications.dedupeKey,
          ['old-read', 'old-unread', 'old-read-undigested', 'recent-read'].map((k) => `retention:${k}`),
        ),
      );
    expect(keptNotifications.map((n) => n.key).sort()).toEqual([
      'retention:old-read-undigested',
      'retention:old-unread',
      'retention:recent-read',
    ]);
  });
});
