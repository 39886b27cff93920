/**
 * Item 十一 in real Chromium: add a domain/IP allocation on a system's tab and see the expiry
 * the rules allow (民法第121條, across a leap day), be refused an overlapping range with a
 * clear error, add one from the allocations page, request a renewal, approve it as the
 * Ministry and see the new period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhAllocations from '../apps/web/src/locales/zh-TW/allocations.json' with { type: 'json' };
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

const A = zhAllocations.allocations;
const SYSTEM_A = '甲大學校務資訊系統';
const SYSTEM_B = '乙大學招生網站';

describe('domain and IP allocations', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let systemAId = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    const unitA = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'E2E-ALLOC-A',
      name: '國立甲大學',
    });
    const unitB = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'E2E-ALLOC-B',
      name: '國立乙大學',
    });
    const systemA = await admin.api<{ id: string }>('POST', '/systems', {
      orgId: unitA.id,
      name: SYSTEM_A,
      status: 'online',
      launchOverride: { reason: '既有上線系統補登' },
    });
    systemAId = systemA.id;
    const systemB = await admin.api<{ id: string }>('POST', '/systems', {
      orgId: unitB.id,
      name: SYSTEM_B,
      status: 'online',
      launchOverride: { reason: '既有上線系統補登' },
    });
    await admin.api('POST', '/allocations', { systemId: systemB.id, value: '10.20.0.0/16', startsOn: '2026-01-01' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in as the Ministry’s security officer', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);
  });

  it('adds an allocation on the system’s tab with the computed expiry, after refusing an overlapping range', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/systems/${systemAId}?tab=allocations`);
    await page.getByRole('heading', { name: A.heading }).waitFor();
    await page.getByText(A.systemEmpty).waitFor();

    await page.getByRole('button', { name: A.add }).click();
    const dialog = page.getByRole('dialog');
    // The system is given by the page: the form does not ask for it.
    expect(await dialog.getByLabel(A.system).count()).toBe(0);
    await dialog.getByLabel(A.value).fill('10.20.5.0/24');
    const start = dialog.getByLabel(A.startsOn);
    await start.click();
    await start.fill('2024-02-29');
    await start.press('Tab');
    // 2024-02-29 + 3 years: February 2027 has no 29th, so the period ends on the 28th.
    const latest = dialog.getByTestId('allocation-latest-expiry');
    await latest.filter({ hasText: '民國116年2月28日' }).waitFor();
    expect(await latest.textContent()).toContain('最長 3 年');
    expect(await dialog.getByLabel(A.expiresOn).inputValue()).toBe('116/02/28');
    await screenshot(page, 'allocations-01-add-form');

    await dialog.getByRole('button', { name: A.add }).click();
    // The server's message next to the field, and the overlapping allocation it conflicts with.
    await dialog.getByText('此網域或網段與現有的有效配置重疊', { exact: false }).first().waitFor();
    await dialog.getByText(A.overlapWith).waitFor();
    await dialog.getByText(`10.20.0.0/16（${SYSTEM_B}，國立乙大學）`).waitFor();
    await screenshot(page, 'allocations-02-overlap-refused');

    await dialog.getByLabel(A.value).fill('10.30.0.0/24');
    await dialog.getByRole('button', { name: A.add }).click();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.getByRole('row', { name: /10\.30\.0\.0\/24/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('民國113年2月29日 至 民國116年2月28日');
    await screenshot(page, 'allocations-03-system-tab');
  });

  it('adds a domain from the allocations page, picking the system', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.allocations }).click();
    // The system's tab has the same heading and an add button of the same name: wait for the
    // allocations page itself, or the click may land on the tab being left.
    await page.waitForURL(/\/allocations(\?|$)/);
    await page.getByRole('tab', { name: A.tabs.list }).waitFor();
    await page.getByRole('button', { name: A.add }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(A.system).click();
    await dialog.getByLabel(A.system).pressSequentially('甲大學');
    // The search answers after a pause; press Enter only once the choice has settled.
    await pickOption(page, dialog.getByLabel(A.system), SYSTEM_A, `${SYSTEM_A} — 國立甲大學`);
    await dialog.getByLabel(A.value).fill('WWW.Jia.EDU.tw');
    await dialog.getByTestId('allocation-latest-expiry').filter({ hasText: '最長 3 年' }).waitFor();
    await dialog.getByLabel(A.value).press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('row', { name: /www\.jia\.edu\.tw/ }).waitFor();
    expect(await page.locator('.ant-table-tbody tr.ant-table-row').count()).toBe(3);
    await screenshot(page, 'allocations-04-list');
  });

  it('requests a renewal, approves it as the Ministry and shows the new period', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/systems/${systemAId}?tab=allocations`);
    await page.getByRole('button', { name: fill(A.renewNamed, { value: '10.30.0.0/24' }) }).click();
    const renewDialog = page.getByRole('dialog');
    await renewDialog.getByLabel(A.renewReason).fill('校務系統持續營運，需續用此網段。');
    await screenshot(page, 'allocations-05-renewal-request');
    await renewDialog.getByRole('button', { name: A.renewSubmit }).click();
    await renewDialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('row', { name: /10\.30\.0\.0\/24/ })
      .getByText(A.pendingRenewal)
      .waitFor();

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.allocations }).click();
    await page.getByRole('tab', { name: A.tabs.renewals }).click();
    const queue = page.getByRole('tabpanel', { name: A.tabs.renewals });
    const pending = queue.getByRole('row', { name: /10\.30\.0\.0\/24/ });
    await pending.waitFor();
    // The new period starts the day after the current expiry and runs three years under art. 121.
    expect(await pending.textContent()).toContain('民國116年3月1日 至 民國119年2月28日');
    await screenshot(page, 'allocations-06-renewal-queue');
    await pending.getByRole('button', { name: A.renewals.approve }).click();
    const approveDialog = page.getByRole('dialog');
    await approveDialog.getByText('民國116年3月1日 至 民國119年2月28日', { exact: false }).waitFor();
    await approveDialog.getByLabel(A.renewals.approveNote).fill('同意續用。');
    await approveDialog.getByRole('button', { name: A.renewals.approve }).click();
    await approveDialog.waitFor({ state: 'hidden' });
    await page.getByText('已核准展延，新期間至 民國119年2月28日').waitFor();
    await queue.getByText(A.renewals.queueEmpty).waitFor();

    await page.getByRole('tab', { name: A.tabs.list }).click();
    await page.getByRole('link', { name: fill(A.viewDetail, { value: '10.30.0.0/24' }) }).click();
    await page.getByRole('heading', { name: fill(A.detailNamed, { value: '10.30.0.0/24' }) }).waitFor();
    await page.getByTestId('allocation-expires-on').filter({ hasText: '民國119年2月28日' }).waitFor();
    await page.getByRole('cell', { name: A.renewals.statuses.approved }).waitFor();
    await page.getByRole('cell', { name: '同意續用。' }).waitFor();
    expect(await page.getByTestId('allocation-status').textContent()).not.toContain(A.pendingRenewal);
    await screenshot(page, 'allocations-07-renewed');
  });

  it('ran without CSP violations or console errors', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
