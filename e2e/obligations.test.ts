/**
 * In real Chromium, the compliance calendar (issue 13): a unit_admin signs in and lands on
 * the to-do list, which shows the overdue yearly confirmation of a system's contacts
 * (item 十), and the header's bell shows the overdue notification; they follow the item to
 * the system's contacts tab, confirm, and the item leaves the list while the bell keeps the
 * notification. Then the calendar (month and list with the detail panel) and, for the
 * Ministry, the dashboard's obligation numbers and the working-day calendar page.
 *
 * The records are made at the real time (the unit_admin confirms the contacts, so they are
 * the person the obligation names); the server is then started again on the same data
 * with its clock (CUSTODIAN_TEST_NOW) more than a year later, and runs that night's
 * recompute and reminders once (CUSTODIAN_TEST_RUN_JOBS), so the confirmation is overdue
 * and notified without waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUGGESTED_OBLIGATION_RULES, taipeiToday, type SystemDetail } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhObligations from '../apps/web/src/locales/zh-TW/obligations.json' with { type: 'json' };
import zhNotifications from '../apps/web/src/locales/zh-TW/notifications.json' with { type: 'json' };
import zhSystems from '../apps/web/src/locales/zh-TW/systems.json' with { type: 'json' };
import {
  bootstrapAdmin,
  fill,
  launchBrowser,
  screenshot,
  signInAsAdmin,
  startServer,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const o = zhObligations.obligations;
const s = zhSystems.systems;

const UNIT = { code: 'NCKU-0001', name: '國立範例科技大學' };
const UNIT_ADMIN = { name: '張單位', email: 'unit.admin@ncku.example.tw', password: 'Harbour-Lantern-Pass-2026' };
const SYSTEM = '學生學習歷程系統';
const CONTACTS = [
  { kind: 'business_owner', name: '陳業務', organisation: '教務處', phone: '06-2757575 #101' },
  { kind: 'system_owner', name: '林系統', organisation: '計網中心', phone: '0912-345-678' },
  { kind: 'maintenance_unit', name: '王維護', organisation: '範例資訊股份有限公司', phone: '+886 2 8765 4321' },
] as const;

/** Signs a password-only account in through the API; calls with its cookie session and CSRF token. */
async function apiSession(url: string, email: string, password: string) {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('custodian_session=')) ?? '').split(';')[0];
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async (method: 'POST', path: string) => {
    const response = await fetch(`${url}/api/v1${path}`, {
      method,
      headers: { cookie: cookie ?? '', 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.ok).toBe(true);
  };
}

/** The server's second life: 400 days after the records were made. */
const LATER = new Date(Date.now() + 400 * 24 * 3600 * 1000).toISOString();

describe('compliance calendar: the to-do list', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let systemId = '';

  beforeAll(async () => {
    const first = await startServer();
    admin = await bootstrapAdmin(first);
    // The obligation rules as the Ministry first publishes them (the suggested set).
    const current = await admin.api<{ rules: Record<string, unknown> }>('GET', '/policy/current');
    await admin.api('POST', '/policy/versions', {
      effectiveFrom: taipeiToday(new Date()),
      rules: { ...current.rules, obligations: SUGGESTED_OBLIGATION_RULES },
      notes: '發布法遵行事曆義務規則',
    });
    const unit = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      ...UNIT,
      responsibilityLevel: 'B',
    });
    const invited = await admin.api<{ inviteUrl: string }>('POST', '/users', {
      email: UNIT_ADMIN.email,
      name: UNIT_ADMIN.name,
      role: 'unit_admin',
      orgId: unit.id,
    });
    const token = new URL(invited.inviteUrl).pathname.split('/').pop() ?? '';
    const accepted = await fetch(`${first.url}/api/v1/auth/invites/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: UNIT_ADMIN.password }),
    });
    expect(accepted.status).toBe(204);
    const system = await admin.api<SystemDetail>('POST', '/systems', {
      orgId: unit.id,
      name: SYSTEM,
      status: 'online',
      launchOverride: { reason: '既有上線系統補登' },
      urls: ['https://portfolio.example.edu.tw/'],
    });
    systemId = system.id;
    const put = admin.api as unknown as (method: 'PUT', path: string, body: unknown) => Promise<unknown>;
    for (const c of CONTACTS) {
      await put('PUT', `/systems/${system.id}/contacts/${c.kind}`, {
        name: c.name,
        organisation: c.organisation,
        phone: c.phone,
        email: `${c.kind}@example.edu.tw`,
      });
    }
    // The unit_admin confirms: the obligation names them, and its reminders go to them.
    const unitAdmin = await apiSession(first.url, UNIT_ADMIN.email, UNIT_ADMIN.password);
    await unitAdmin('POST', `/systems/${system.id}/contacts/confirm`);
    await first.stop({ keepData: true });
    server = await startServer(
      {
        NODE_ENV: 'test',
        CUSTODIAN_TEST_NOW: LATER,
        CUSTODIAN_TEST_RUN_JOBS: 'obligations.recompute,obligations.remind',
      },
      { dataDir: first.dataDir },
    );
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('lands a unit_admin on the to-do list with the overdue contact confirmation', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/login`);
    await page.getByLabel(zh.login.email).fill(UNIT_ADMIN.email);
    await page.getByLabel(zh.login.password).fill(UNIT_ADMIN.password);
    await page.getByLabel(zh.login.password).press('Enter');
    await page.getByRole('heading', { level: 1, name: o.todo.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/todo');
    const overdue = page.getByRole('region', { name: o.todo.groups.overdue });
    const item = overdue.getByTestId('todo-item').filter({ hasText: SYSTEM });
    await item.waitFor();
    await item.getByTestId('obligation-state-overdue').waitFor();
    await screenshot(page, 'obligations-01-todo-overdue');
  });

  it('shows the overdue notification under the bell', async () => {
    const { page } = browser;
    // The night's reminders named the unit_admin: reminder, due day and overdue, unread.
    const bell = page.getByTestId('notification-bell');
    await expect.poll(() => bell.getAttribute('aria-label')).toMatch(/則未讀/);
    const label = (await bell.getAttribute('aria-label')) ?? '';
    expect(Number(/(\d+) 則未讀/.exec(label)?.[1])).toBeGreaterThanOrEqual(1);
    await bell.click();
    const recent = page.getByRole('list', { name: zhNotifications.notifications.bell.recent });
    const overdueNotice = recent.getByRole('button', { name: new RegExp(`【逾期】確認系統聯絡人：${SYSTEM}`) });
    await overdueNotice.waitFor();
    expect(await overdueNotice.count()).toBe(1);
    await screenshot(page, 'obligations-01b-bell');
    await page.keyboard.press('Escape');
    await recent.waitFor({ state: 'hidden' });
  });

  it('opens the explanation of the obligation', async () => {
    const { page } = browser;
    const item = page.getByTestId('todo-item').filter({ hasText: SYSTEM });
    await item.getByRole('button', { name: new RegExp(o.todo.details) }).click();
    const drawer = page.getByRole('dialog');
    await drawer.getByText(o.detail.explanation).waitFor();
    await drawer.getByText('contacts.reconfirm').waitFor();
    await drawer.getByText(fill(o.detail.ruleVersionValue, { version: 2 })).waitFor();
    await screenshot(page, 'obligations-02-detail');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('follows the item to the contacts tab, confirms, and the item leaves the list', async () => {
    const { page } = browser;
    const item = page.getByTestId('todo-item').filter({ hasText: SYSTEM });
    await item.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: SYSTEM }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe(`/systems/${systemId}`);
    expect(url.searchParams.get('tab')).toBe('contacts');
    await page.getByRole('button', { name: s.contacts.confirm }).click();
    await page
      .getByTestId('contacts-status')
      .getByText(/下次應於/)
      .waitFor();
    await screenshot(page, 'obligations-03-confirmed');

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.todo }).click();
    await page.getByRole('heading', { level: 1, name: o.todo.title }).waitFor();
    // The confirmation closed the overdue period and opened the next one, due in a year.
    const next = page.getByTestId('todo-item').filter({ hasText: SYSTEM });
    await next.getByTestId('obligation-state-upcoming').waitFor();
    expect(await page.getByRole('region', { name: o.todo.groups.overdue }).getByText(SYSTEM).count()).toBe(0);
    const later = page.getByRole('region', { name: o.todo.groups.later });
    expect(await later.getByTestId('todo-item').filter({ hasText: SYSTEM }).count()).toBe(1);
    // The bell still holds the overdue notification: it tells what happened, the list what is left.
    await page.getByTestId('notification-bell').click();
    await page
      .getByRole('list', { name: zhNotifications.notifications.bell.recent })
      .getByRole('button', { name: new RegExp(`【逾期】確認系統聯絡人：${SYSTEM}`) })
      .waitFor();
    await screenshot(page, 'obligations-04b-bell-after');
    await page.keyboard.press('Escape');
    await screenshot(page, 'obligations-04-todo-after');
  });

  it('shows the calendar as a month and as a list', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.calendar }).click();
    await page.getByRole('heading', { level: 1, name: o.calendar.title }).waitFor();
    await screenshot(page, 'obligations-05-calendar-month');
    await page.getByRole('tab', { name: o.calendar.tabs.list }).click();
    await page
      .getByRole('row', { name: new RegExp(SYSTEM) })
      .first()
      .waitFor();
    expect(new URL(page.url()).searchParams.get('tab')).toBe('list');
    await screenshot(page, 'obligations-06-calendar-list');
    expect(browser.cspViolations).toEqual([]);
  });

  it("shows the Ministry's obligation numbers and the working-day calendar notice", async () => {
    const { page } = browser;
    await page.getByRole('button', { name: zh.nav.logout }).click();
    await page.waitForURL('**/login');
    await signInAsAdmin(page, server, admin);
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.dashboard }).click();
    await page.getByRole('heading', { level: 2, name: o.dashboard.title }).waitFor();
    await screenshot(page, 'obligations-07-dashboard');
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.workingDays }).click();
    await page.getByRole('heading', { level: 1, name: o.workingDays.title }).waitFor();
    const year = Number(taipeiToday(new Date(LATER)).slice(0, 4));
    await page.getByText(fill(o.workingDays.missingYear, { year })).waitFor();
    await screenshot(page, 'obligations-08-working-days');
    expect(browser.cspViolations).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
