/**
 * In real Chromium (issue 11, defect 4): a date field takes an ROC date as typed
 * (115/12/31), saves it as 2026-12-31, and its panel shows ROC years, in zh-TW and English.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractDetail } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhContracts from '../apps/web/src/locales/zh-TW/contracts.json' with { type: 'json' };
import {
  bootstrapAdmin,
  launchBrowser,
  signInAsAdmin,
  startServer,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const c = zhContracts.contracts;
const DOCS = join(import.meta.dirname, '..', 'docs', 'screenshots');

describe('date fields take ROC dates', () => {
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
    const unit = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'ROC-0001',
      name: '國立民國大學',
    });
    contract = await admin.api<ContractDetail>('POST', '/contracts', {
      number: 'MOE-115-0601',
      name: '日期測試委辦案',
      type: 'commission',
      divisionId: division.id,
      unitId: unit.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
    });
    browser = await launchBrowser();
    await signInAsAdmin(browser.page, server, admin);
    await mkdir(DOCS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('types 115/12/31 into the end date, saves 2026-12-31, and shows ROC years in the panel', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/contracts/${contract.id}`);
    await page.getByRole('button', { name: zh.common.edit }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(c.editTitle).waitFor();
    const start = dialog.getByLabel(c.fields.periodStart);
    await start.click();
    await start.fill('民國115年3月1日');
    // Leaving the field by Tab keeps the typed date.
    await start.press('Tab');
    const end = dialog.getByLabel(c.fields.periodEnd);
    expect(await end.inputValue()).toBe('115/06/30');
    await end.click();
    await end.fill('115/12/31');
    await page
      .locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)')
      .getByText('民國115年')
      .first()
      .waitFor();
    await page.screenshot({ path: join(DOCS, 'date-picker.zh-TW.png') });
    await end.press('Tab');
    expect(await start.inputValue()).toBe('115/03/01');
    expect(await end.inputValue()).toBe('115/12/31');
    await dialog.getByRole('button', { name: zh.common.save }).click();
    await dialog.waitFor({ state: 'detached' });
    const stored = await admin.api<ContractDetail>('GET', `/contracts/${contract.id}`);
    expect(stored).toMatchObject({ periodStart: '2026-03-01', periodEnd: '2026-12-31' });
  });

  it('shows ROC years as "ROC 115" in English', async () => {
    const { page } = browser;
    await page.evaluate("localStorage.setItem('custodian.language', 'en')");
    await page.goto(`${server.url}/contracts/${contract.id}`);
    await page.getByRole('button', { name: 'Edit' }).click();
    const dialog = page.getByRole('dialog');
    const end = dialog.getByLabel('End date');
    expect(await end.inputValue()).toBe('115/12/31');
    await end.click();
    await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').getByText('ROC 115').first().waitFor();
    // The drop-down fades in; the screenshot waits for it to finish.
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(DOCS, 'date-picker.en.png') });
  });

  it('writes dates as ROC 115/03/01 and regulation items in Arabic numerals in English (defect 6)', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/contracts/${contract.id}`);
    await page.getByText('ROC 115/03/01 – ROC 115/12/31').waitFor();
    expect(await page.getByText(/民國\d/).count()).toBe(0);
    await page.getByRole('tab', { name: 'Security clauses' }).click();
    const table = page.getByRole('table');
    // Item 十二(一) of the regulation reads 12(1); no Chinese numeral is left in the column.
    await table.getByRole('cell', { name: '12(1)', exact: true }).first().waitFor();
    const items = await table.locator('tbody tr td:first-child').allTextContents();
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((item) => /[一二三四五六七八九十]/.test(item))).toEqual([]);
  });
});
