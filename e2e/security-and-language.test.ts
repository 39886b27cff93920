/**
 * In real Chromium: zh-TW is the default language and English can be switched; XSS
 * payloads in organisation and user fields show as text and never run; the account and
 * audit pages work under the strict CSP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import en from '../apps/web/src/locales/en.json' with { type: 'json' };
import zhObligations from '../apps/web/src/locales/zh-TW/obligations.json' with { type: 'json' };
import enObligations from '../apps/web/src/locales/en/obligations.json' with { type: 'json' };
import {
  bootstrapAdmin,
  launchBrowser,
  pickOption,
  screenshot,
  startServer,
  totpAfter,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const XSS = '<img src=x onerror=alert(1)><script>alert(2)</script>';
const XSS_NAME_EN = '"><svg onload=alert(3)>';

describe('language, XSS and CSP', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  const dialogs: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    // An English browser: the UI must still default to zh-TW.
    browser = await launchBrowser({ locale: 'en-US' });
    browser.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('defaults to zh-TW and switches to English', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/login`);
    await page.getByRole('heading', { name: zh.login.title }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-TW');
    await screenshot(page, '20-login-zh-TW');

    await page.getByRole('combobox', { name: zh.language.label }).click();
    await page.locator('.ant-select-item-option', { hasText: en.language.en }).click();
    await page.getByRole('heading', { name: en.login.title }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await screenshot(page, '21-login-en');

    await page.getByLabel(en.login.email).fill(admin.email);
    await page.getByLabel(en.login.password).fill(admin.password);
    await page.getByLabel(en.login.password).press('Enter');
    await page.getByRole('heading', { name: en.login.mfaTitle }).waitFor();
    const totp = await totpAfter(admin.secret, admin.lastStep);
    await page.getByLabel(en.login.code, { exact: true }).fill(totp.code);
    await page.getByLabel(en.login.code, { exact: true }).press('Enter');
    await page.getByRole('heading', { name: enObligations.obligations.todo.title }).waitFor();
    await screenshot(page, '22-todo-en');

    await page.getByRole('combobox', { name: en.language.label }).click();
    await page.locator('.ant-select-item-option', { hasText: zh.language.zhTW }).click();
    await page.getByRole('heading', { name: zhObligations.obligations.todo.title }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-TW');
  });

  it('shows XSS payloads in organisation and user fields as text without running them', async () => {
    const { page } = browser;
    await page
      .getByRole('navigation', { name: zh.nav.label })
      .getByRole('link', { name: zh.nav.organisations })
      .click();
    await page.getByRole('button', { name: zh.organisations.create }).click();
    const orgForm = page.getByRole('dialog');
    await orgForm.getByLabel(zh.organisations.kind).click();
    await page.locator('.ant-select-item-option', { hasText: zh.orgKinds.unit }).click();
    await orgForm.getByLabel(zh.organisations.code).fill('XSS-UNIT');
    await orgForm.getByLabel(zh.organisations.name, { exact: true }).fill(XSS);
    await orgForm.getByLabel(zh.organisations.nameEn).fill(XSS_NAME_EN);
    await orgForm.getByLabel(zh.organisations.nameEn).press('Enter');
    await orgForm.waitFor({ state: 'hidden' });
    await page.getByText(XSS, { exact: true }).first().waitFor();
    await page.getByText(XSS_NAME_EN, { exact: true }).waitFor();
    await screenshot(page, '23-xss-organisations');

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.users }).click();
    await page.getByRole('button', { name: zh.users.create }).click();
    const userForm = page.getByRole('dialog');
    await userForm.getByLabel(zh.users.email).fill('xss.member@unit.example.tw');
    await userForm.getByLabel(zh.users.name, { exact: true }).fill(XSS);
    await userForm.getByLabel(zh.users.role).click();
    await pickOption(page, userForm.getByLabel(zh.users.role), zh.roles.unit_member);
    await userForm.getByLabel(zh.users.organisation).click();
    await userForm.getByLabel(zh.users.organisation).pressSequentially('XSS');
    await pickOption(page, userForm.getByLabel(zh.users.organisation), 'XSS-UNIT');
    await userForm.getByRole('button', { name: zh.users.createAndInvite }).click();
    await page.getByTestId('invite-url').waitFor();
    await page.getByRole('button', { name: zh.common.done }).click();
    await page.getByRole('cell', { name: XSS, exact: true }).first().waitFor();
    await screenshot(page, '24-xss-users');

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.audit }).click();
    await page.getByRole('heading', { name: zh.audit.title }).waitFor();
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.locator('pre.json-summary').first().waitFor();
    await screenshot(page, '25-audit-log');

    // Give any injected handler time to fire, then check nothing ran or was parsed as markup.
    await page.waitForTimeout(500);
    expect(dialogs).toEqual([]);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    await page
      .getByRole('navigation', { name: zh.nav.label })
      .getByRole('link', { name: zh.nav.organisations })
      .click();
    await page.getByText(XSS, { exact: true }).first().waitFor();
    expect(await page.locator('img[src="x"], svg[onload]').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('verifies the audit chain and exports CSV', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.audit }).click();
    await page.getByRole('button', { name: zh.audit.verify }).click();
    await page.getByText(zh.audit.verifyOk).waitFor();
    await screenshot(page, '26-audit-verify');
    await page.getByRole('button', { name: zh.common.done }).click();

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: zh.audit.export }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('audit-events.csv');
  });

  it('creates an API token whose secret is shown once, and lists sessions', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.account }).click();
    await page.getByRole('heading', { name: zh.account.title }).waitFor();
    await screenshot(page, '27-account-profile');

    await page.getByRole('tab', { name: zh.account.tabs.sessions }).click();
    await page.getByText(zh.sessions.current).waitFor();

    await page.getByRole('tab', { name: zh.account.tabs.tokens }).click();
    await page.getByRole('button', { name: zh.tokens.create }).click();
    await page.getByRole('dialog').getByLabel(zh.tokens.name).fill('弱點掃描腳本');
    await page.getByRole('dialog').getByLabel(zh.tokens.name).press('Enter');
    const secretBox = page.getByLabel(zh.tokens.secret, { exact: true });
    await secretBox.waitFor();
    expect(await secretBox.inputValue()).toMatch(/^cus_/);
    await screenshot(page, '28-account-token-created');
    await page.getByRole('button', { name: zh.common.done }).click();
    await page.getByRole('cell', { name: '弱點掃描腳本', exact: true }).waitFor();
  });

  it('sends the user to the sign-in page when the session is revoked elsewhere', async () => {
    const { page } = browser;
    await admin.api('POST', '/account/sessions/revoke-others');
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.users }).click();
    await page.waitForURL('**/login');
    await page.getByRole('heading', { name: zh.login.title }).waitFor();
  });

  it('ran without dialogs, CSP violations or console errors', () => {
    expect(dialogs).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
