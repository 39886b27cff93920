/**
 * Acceptance flow in real Chromium: first-run setup → forced MFA enrolment → sign-out →
 * sign-in with password and TOTP → create a unit and its unit_admin → the invited user
 * sets a password and signs in (no MFA for unit roles) and sees only their unit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhObligations from '../apps/web/src/locales/zh-TW/obligations.json' with { type: 'json' };
import {
  launchBrowser,
  screenshot,
  startServer,
  totpAfter,
  type E2eBrowser,
  type E2eServer,
  pickOption,
} from './harness.js';

/** Every role lands on the to-do list after signing in (issue 13). */
const todoTitle = zhObligations.obligations.todo.title;

const ADMIN = { name: '林資安', email: 'security.admin@moe.example.tw', password: 'Ministry-Secure-2026!' };
const UNIT = { code: 'NTU-0001', name: '國立範例大學' };
const UNIT_ADMIN = { name: '陳單位', email: 'unit.admin@ntu.example.tw', password: 'Campus-Lantern-Pass-2026' };

describe('onboarding flow', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let secret = '';
  let recoveryCode = '';
  let lastStep: number | null = null;
  let inviteUrl = '';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('runs first-run setup and forces MFA enrolment', async () => {
    const { page } = browser;
    await page.goto(server.url);
    await page.waitForURL('**/setup');
    await page.getByRole('heading', { name: zh.setup.title }).waitFor();
    expect(await page.getByLabel(zh.setup.ministryName).inputValue()).toBe('教育部');
    await page.getByLabel(zh.setup.adminName).fill(ADMIN.name);
    await page.getByLabel(zh.setup.adminEmail).fill(ADMIN.email);
    // Long enough, but made of the e-mail address: the server's refusal shows on the field.
    const weak = 'security.admin.2026';
    await page.getByLabel(zh.password.new, { exact: true }).fill(weak);
    await page.getByLabel(zh.password.confirm).fill(weak);
    await page.getByLabel(zh.password.confirm).press('Enter');
    const refusal = ERROR_MESSAGES.PASSWORD_TOO_WEAK['zh-TW'];
    await page.locator('.ant-form-item-explain-error', { hasText: refusal }).waitFor();
    await screenshot(page, '01-setup-weak-password');
    await page.getByLabel(zh.password.new, { exact: true }).fill(ADMIN.password);
    await page.getByLabel(zh.password.confirm).fill(ADMIN.password);
    await screenshot(page, '01-setup');
    // Keyboard submit: Enter in the last field.
    await page.getByLabel(zh.password.confirm).press('Enter');

    await page.waitForURL('**/mfa-enrolment');
    const secretBox = page.getByTestId('mfa-secret');
    await secretBox.waitFor();
    secret = ((await secretBox.textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    const qr = page.getByRole('img', { name: zh.mfa.qrAlt });
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await screenshot(page, '02-mfa-enrolment');

    const totp = await totpAfter(secret, lastStep);
    lastStep = totp.step;
    await page.getByLabel(zh.mfa.code).fill(totp.code);
    await page.getByLabel(zh.mfa.code).press('Enter');
    const codes = page.getByTestId('recovery-codes').getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBeGreaterThanOrEqual(8);
    recoveryCode = ((await codes.first().textContent()) ?? '').trim();
    await screenshot(page, '03-recovery-codes');

    await page.getByRole('button', { name: zh.mfa.continue }).click();
    await page.getByRole('heading', { name: todoTitle }).waitFor();
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain(ADMIN.name);
    await screenshot(page, '04-todo-admin');
  });

  it('signs out and back in with password and TOTP', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: zh.nav.logout }).click();
    await page.waitForURL('**/login');
    await page.getByLabel(zh.login.email).fill(ADMIN.email);
    await page.getByLabel(zh.login.password).fill(ADMIN.password);
    await screenshot(page, '05-login');
    await page.getByLabel(zh.login.password).press('Enter');

    await page.getByRole('heading', { name: zh.login.mfaTitle }).waitFor();
    await page.getByLabel(zh.login.code, { exact: true }).fill('000000');
    await page.getByLabel(zh.login.code, { exact: true }).press('Enter');
    await page.getByText('驗證碼不正確或已過期。').waitFor();
    await screenshot(page, '06-login-mfa-wrong-code');

    const totp = await totpAfter(secret, lastStep);
    lastStep = totp.step;
    await page.getByLabel(zh.login.code, { exact: true }).fill(totp.code);
    await page.getByLabel(zh.login.code, { exact: true }).press('Enter');
    await page.getByRole('heading', { name: todoTitle }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/todo');
  });

  it('creates a unit and a unit_admin with an invitation link', async () => {
    const { page } = browser;
    await page
      .getByRole('navigation', { name: zh.nav.label })
      .getByRole('link', { name: zh.nav.organisations })
      .click();
    await page.getByRole('heading', { name: zh.organisations.title }).waitFor();
    await page.getByRole('button', { name: zh.organisations.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(zh.organisations.kind).click();
    await page.locator('.ant-select-item-option', { hasText: zh.orgKinds.unit }).click();
    await dialog.getByLabel(zh.organisations.code).fill(UNIT.code);
    await dialog.getByLabel(zh.organisations.name, { exact: true }).fill(UNIT.name);
    await screenshot(page, '07-organisation-create');
    await dialog.getByLabel(zh.organisations.name, { exact: true }).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: UNIT.name, exact: true }).waitFor();
    await screenshot(page, '08-organisations');

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.users }).click();
    await page.getByRole('heading', { name: zh.users.title }).waitFor();
    await page.getByRole('button', { name: zh.users.create }).click();
    const form = page.getByRole('dialog');
    await form.getByLabel(zh.users.email).fill(UNIT_ADMIN.email);
    await form.getByLabel(zh.users.name, { exact: true }).fill(UNIT_ADMIN.name);
    await form.getByLabel(zh.users.role).click();
    await page.locator('.ant-select-item-option', { hasText: zh.roles.unit_admin }).click();
    await form.getByLabel(zh.users.organisation).click();
    await form.getByLabel(zh.users.organisation).pressSequentially('範例');
    await pickOption(page, form.getByLabel(zh.users.organisation), UNIT.name);
    await screenshot(page, '09-user-create');
    await form.getByRole('button', { name: zh.users.createAndInvite }).click();

    const link = page.getByTestId('invite-url');
    await link.waitFor();
    inviteUrl = await link.inputValue();
    expect(inviteUrl).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{20,}$`));
    await page.getByRole('dialog').getByRole('button', { name: zh.common.copy }).click();
    await expect(page.evaluate('navigator.clipboard.readText()')).resolves.toBe(inviteUrl);
    await screenshot(page, '10-invite-link');
    await page.getByRole('button', { name: zh.common.done }).click();
    await page.getByRole('cell', { name: UNIT_ADMIN.email, exact: true }).waitFor();
  });

  it('lets the invited unit_admin set a password and sign in without MFA', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: zh.nav.logout }).click();
    await page.waitForURL('**/login');

    await page.goto(inviteUrl);
    await page.getByRole('heading', { name: zh.invite.title }).waitFor();
    await page.getByText(UNIT_ADMIN.email).waitFor();
    await page.getByLabel(zh.password.new, { exact: true }).fill(UNIT_ADMIN.password);
    await page.getByLabel(zh.password.confirm).fill(UNIT_ADMIN.password);
    await screenshot(page, '11-invite-accept');
    await page.getByLabel(zh.password.confirm).press('Enter');

    await page.waitForURL('**/login');
    await page.getByText(zh.login.inviteAccepted).waitFor();
    expect(await page.getByLabel(zh.login.email).inputValue()).toBe(UNIT_ADMIN.email);
    await page.getByLabel(zh.login.password).fill(UNIT_ADMIN.password);
    await page.getByLabel(zh.login.password).press('Enter');

    await page.getByRole('heading', { name: todoTitle }).waitFor();
    const header = (await page.getByTestId('current-user').textContent()) ?? '';
    expect(header).toContain(UNIT_ADMIN.name);
    expect(header).toContain(UNIT.name);
    await screenshot(page, '12-todo-unit-admin');

    await page
      .getByRole('navigation', { name: zh.nav.label })
      .getByRole('link', { name: zh.nav.organisations })
      .click();
    await page.getByRole('cell', { name: UNIT.name, exact: true }).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    expect(await rows.count()).toBe(1);
    // The Ministry itself (code MOE) is outside a unit_admin's scope.
    expect(await page.getByRole('cell', { name: 'MOE', exact: true }).count()).toBe(0);
    await screenshot(page, '13-organisations-unit-admin');

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.users }).click();
    await page.getByRole('cell', { name: UNIT_ADMIN.email, exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: ADMIN.email, exact: true }).count()).toBe(0);
  });

  it('signs in once with a recovery code and refuses it the second time', async () => {
    const { page } = browser;
    const signInWithRecoveryCode = async () => {
      await page.getByLabel(zh.login.email).fill(ADMIN.email);
      await page.getByLabel(zh.login.password).fill(ADMIN.password);
      await page.getByLabel(zh.login.password).press('Enter');
      await page.getByRole('button', { name: zh.login.useRecovery }).click();
      await page.getByLabel(zh.login.recoveryCode).fill(recoveryCode);
      await page.getByLabel(zh.login.recoveryCode).press('Enter');
    };
    await page.getByRole('button', { name: zh.nav.logout }).click();
    await page.waitForURL('**/login');
    await signInWithRecoveryCode();
    await page.getByRole('heading', { name: todoTitle }).waitFor();
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain(ADMIN.name);

    await page.getByRole('button', { name: zh.nav.logout }).click();
    await page.waitForURL('**/login');
    await signInWithRecoveryCode();
    await page.getByText('復原碼不正確或已使用過。').waitFor();
    await screenshot(page, '14-recovery-code-reused');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('ran without CSP violations or console errors', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
