/**
 * In real Chromium (issue 11): typed input is never lost from the keyboard (the host's IP
 * field: type, Enter, Tab), uncommitted text stops the save with a message, an
 * out-of-range number is refused with a message instead of clamped, and a list whose
 * request fails shows an alert with a working retry and no "nothing here" text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validationMessage, type ContractDetail, type HostDetail } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhHosts from '../apps/web/src/locales/zh-TW/hosts.json' with { type: 'json' };
import zhContracts from '../apps/web/src/locales/zh-TW/contracts.json' with { type: 'json' };
import {
  bootstrapAdmin,
  fill,
  launchBrowser,
  pickOption,
  screenshot,
  signInAsAdmin,
  startServer,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const h = zhHosts.hosts;
const c = zhContracts.contracts;
const UNIT = { code: 'UX-0001', name: '國立鍵盤大學' };

describe('forms keep what was typed; lists say when they failed', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let contract: ContractDetail;

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    const division = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'division',
      code: 'MOE-DIT',
      name: '資訊及科技教育司',
    });
    const unit = await admin.api<{ id: string }>('POST', '/organisations', { kind: 'unit', ...UNIT });
    contract = await admin.api<ContractDetail>('POST', '/contracts', {
      number: 'MOE-115-0501',
      name: '鍵盤測試委辦案',
      type: 'commission',
      divisionId: division.id,
      unitId: unit.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      amount: 1000,
      slaAvailability: 99.5,
      rtoHours: 4,
    });
    browser = await launchBrowser();
    await signInAsAdmin(browser.page, server, admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openHostForm = async () => {
    const { page } = browser;
    await page.goto(`${server.url}/hosts`);
    await page.getByRole('button', { name: h.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(h.form.createTitle).waitFor();
    const unit = dialog.getByLabel(h.fields.unit);
    await unit.click();
    await unit.fill('鍵盤');
    await pickOption(page, unit, UNIT.name);
    return dialog;
  };

  it('keeps an IP typed, entered and tabbed away from, and saves the host with it', async () => {
    const { page } = browser;
    const dialog = await openHostForm();
    await dialog.getByLabel(h.fields.hostname).fill('kb-web01');
    const ips = dialog.getByLabel(h.fields.ips);
    await ips.click();
    await page.keyboard.type('192.0.2.99');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    // The entry is still there and the focus moved on.
    await dialog.locator('.ant-tag', { hasText: '192.0.2.99' }).waitFor();
    expect(await ips.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(false);
    // A second one typed and left by Tab alone is kept too.
    await ips.click();
    await page.keyboard.type('198.51.100.7');
    await page.keyboard.press('Tab');
    await dialog.locator('.ant-tag', { hasText: '198.51.100.7' }).waitFor();
    await dialog.getByRole('button', { name: zh.common.create }).click();
    await page.waitForURL(/\/hosts\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop() ?? '';
    const saved = await admin.api<HostDetail>('GET', `/hosts/${id}`);
    expect(saved.ips).toEqual(['192.0.2.99', '198.51.100.7']);
  });

  it('refuses to save while text is left uncommitted in the IP field, and says so', async () => {
    const { page } = browser;
    const dialog = await openHostForm();
    await dialog.getByLabel(h.fields.hostname).fill('kb-web02');
    const ips = dialog.getByLabel(h.fields.ips);
    await ips.click();
    await page.keyboard.type('192.0.2.300');
    await page.keyboard.press('Tab');
    const pending = fill(zh.validation.tagsPending, { text: '192.0.2.300' });
    await dialog.getByText(pending).waitFor();
    await screenshot(page, 'forms-01-uncommitted-ip');
    await dialog.getByRole('button', { name: zh.common.create }).click();
    await dialog.getByText(pending).waitFor();
    expect(await dialog.isVisible()).toBe(true);
    const listed = await admin.api<{ items: { hostname: string }[] }>('GET', '/hosts?q=kb-web02');
    expect(listed.items).toEqual([]);
    // Fixed and entered, it saves.
    await ips.fill('192.0.2.30');
    await ips.press('Enter');
    await dialog.getByText(pending).waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: zh.common.create }).click();
    await page.waitForURL(/\/hosts\/[0-9a-f-]{36}$/);
  });

  it('refuses an out-of-range number with a message and saves nothing', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/contracts/${contract.id}`);
    await page.getByRole('button', { name: zh.common.edit }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(c.editTitle).waitFor();
    await dialog.getByLabel(c.fields.amount).fill('-5');
    await dialog.getByLabel(c.fields.sla).fill('150');
    await dialog.getByLabel(c.fields.rto).fill('-1');
    await dialog.getByRole('button', { name: zh.common.save }).click();
    await dialog.getByText(validationMessage('range', 'zh-TW', { min: 0, max: 1_000_000_000_000 })).waitFor();
    await dialog.getByText(validationMessage('range', 'zh-TW', { min: 0, max: 100 })).waitFor();
    await dialog.getByText(validationMessage('range', 'zh-TW', { min: 0, max: 8760 })).waitFor();
    // Leaving the field does not clamp the value either.
    expect(Number(await dialog.getByLabel(c.fields.sla).inputValue())).toBe(150);
    await screenshot(page, 'forms-02-number-refused');
    expect(await dialog.isVisible()).toBe(true);
    const stored = await admin.api<ContractDetail>('GET', `/contracts/${contract.id}`);
    expect(stored).toMatchObject({ amount: 1000, slaAvailability: 99.5, rtoHours: 4 });
  });

  it('shows an alert with a retry, and no empty text, when a list fails; the retry loads it', async () => {
    const { page } = browser;
    let failing = true;
    await page.route('**/api/v1/hosts?*', async (route) => {
      if (failing) {
        await route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'INTERNAL', message: '系統發生錯誤，請稍後再試。' } }),
        });
      } else {
        await route.fallback();
      }
    });
    await page.goto(`${server.url}/hosts`);
    const alert = page.getByRole('alert').filter({ hasText: '系統發生錯誤' });
    await alert.waitFor({ timeout: 30_000 });
    expect(await page.getByText(h.empty).count()).toBe(0);
    await screenshot(page, 'lists-01-error-retry');
    failing = false;
    await alert.getByRole('button', { name: zh.common.retry }).click();
    await page.getByRole('row', { name: /kb-web01/ }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: '系統發生錯誤' }).count()).toBe(0);
    await page.unroute('**/api/v1/hosts?*');
  });
});
