/**
 * In real Chromium, as the Ministry's security office with no mail server configured: the
 * header's bell opens an empty list, the outbox page (寄件匣) and the notification settings
 * say that mail waits in the outbox, and choosing a daily digest is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhBase from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhNotifications from '../apps/web/src/locales/zh-TW/notifications.json' with { type: 'json' };
import {
  bootstrapAdmin,
  launchBrowser,
  screenshot,
  signInAsAdmin,
  startServer,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const zh = { ...zhBase, ...zhNotifications };
const SMTP_MISSING = '尚未設定郵件伺服器（SMTP_URL），通知信件暫存於寄件匣';

describe('notifications without a mail server', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the bell, the outbox banner and saves a digest preference', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);

    const bell = page.getByRole('button', { name: zh.notifications.bell.label, exact: true });
    await bell.click();
    await expect(bell.getAttribute('aria-expanded')).resolves.toBe('true');
    await page.getByText(zh.notifications.bell.empty).waitFor();
    await page.getByRole('link', { name: zh.notifications.bell.viewAll }).click();
    await page.getByRole('heading', { name: zh.notifications.title }).waitFor();

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.outbox }).click();
    await page.getByRole('heading', { name: zh.notifications.outbox.title }).waitFor();
    await page.getByText(SMTP_MISSING).waitFor();
    await screenshot(page, 'notifications-outbox-no-smtp');

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.account }).click();
    await page.getByRole('tab', { name: zh.notifications.preferences.tab }).click();
    await page.getByText(SMTP_MISSING).waitFor();
    await page.getByRole('radio', { name: zh.notifications.preferences.daily }).check();
    await page.getByRole('button', { name: zh.common.save }).click();
    await page.getByText(zh.notifications.preferences.saved).waitFor();
    await screenshot(page, 'notifications-preferences');

    const prefs = await admin.api<{ delivery: string; mailConfigured: boolean }>(
      'GET',
      '/account/notification-preferences',
    );
    expect(prefs).toEqual({ delivery: 'daily', language: 'zh-TW', mailConfigured: false });
    expect(browser.errors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
