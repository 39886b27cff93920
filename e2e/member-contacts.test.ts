/**
 * In real Chromium: a unit_member opens a system of their unit that has no contacts yet.
 * They may not fill them in (contacts.manage is the unit_admin's and the Ministry's), so the
 * page must not ask them to, nor offer buttons: it says who can, while the unit_admin sees
 * the buttons on the same system (issue 7, named permissions).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemDetail } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhSystems from '../apps/web/src/locales/zh-TW/systems.json' with { type: 'json' };
import zhObligations from '../apps/web/src/locales/zh-TW/obligations.json' with { type: 'json' };
import {
  bootstrapAdmin,
  fill,
  launchBrowser,
  screenshot,
  startServer,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const s = zhSystems.systems;
const PASSWORD = 'Quiet-Orchid-Railway-8841!';

describe('a unit_member and a system without contacts', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let systemId = '';
  const accounts: Record<'unit_member' | 'unit_admin', string> = { unit_member: '', unit_admin: '' };

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    const unit = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'NTU-0002',
      name: '國立範例科技大學',
    });
    const system = await admin.api<SystemDetail>('POST', '/systems', {
      orgId: unit.id,
      name: '學生資訊系統',
      status: 'pre_launch',
      urls: ['https://sis.example.edu.tw/'],
    });
    systemId = system.id;
    for (const role of ['unit_member', 'unit_admin'] as const) {
      const email = `${role}@example.edu.tw`;
      const created = await admin.api<{ inviteUrl: string }>('POST', '/users', {
        email,
        name: role === 'unit_member' ? '李同仁' : '張管理',
        role,
        orgId: unit.id,
      });
      const token = new URL(created.inviteUrl).pathname.split('/').pop() ?? '';
      const accepted = await fetch(`${server.url}/api/v1/auth/invites/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: PASSWORD }),
      });
      expect(accepted.ok, await accepted.text()).toBe(true);
      accounts[role] = email;
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openContacts = async (role: 'unit_member' | 'unit_admin') => {
    const page = browser.page;
    await browser.context.clearCookies();
    await page.goto(`${server.url}/login`);
    await page.getByLabel(zh.login.email).fill(accounts[role]);
    await page.getByLabel(zh.login.password).fill(PASSWORD);
    await page.getByLabel(zh.login.password).press('Enter');
    await page.getByRole('heading', { name: zhObligations.obligations.todo.title }).waitFor();
    await page.goto(`${server.url}/systems/${systemId}`);
    await page.getByRole('tab', { name: s.tabs.contacts }).click();
    await page.getByTestId('contacts-status').waitFor();
    return page;
  };

  it('tells the unit_member who fills in the contacts, and offers no button', async () => {
    const page = await openContacts('unit_member');
    const whoCan = fill(s.contacts.whoCan, {
      roles: new Intl.ListFormat('zh-TW', { type: 'disjunction' }).format([
        zh.roles.ministry_admin,
        zh.roles.unit_admin,
      ]),
    });
    await expect(page.getByTestId('contacts-who-can').textContent()).resolves.toBe(whoCan);
    const status = await page.getByTestId('contacts-status').textContent();
    expect(status).toContain(s.contacts.dueNowReadOnly);
    expect(status).not.toContain(s.contacts.dueNow);
    expect(await page.locator('button', { hasText: s.contacts.fill }).count()).toBe(0);
    expect(await page.locator('button', { hasText: s.contacts.confirm }).count()).toBe(0);
    await screenshot(page, 'member-contacts-read-only');
  });

  it('offers the unit_admin the buttons on the same system', async () => {
    const page = await openContacts('unit_admin');
    await page.locator('button', { hasText: s.contacts.fill }).first().waitFor();
    expect(await page.locator('button', { hasText: s.contacts.fill }).count()).toBe(3);
    expect(await page.getByTestId('contacts-who-can').count()).toBe(0);
    expect(await page.getByTestId('contacts-status').textContent()).toContain(s.contacts.dueNow);
    expect(browser.errors).toEqual([]);
  });
});
