/**
 * In real Chromium: the contracts list shows each contract's checklist verdict; the detail
 * page of a contract with every security clause present but one names exactly that clause
 * as missing, and marking it present in the checklist resolves it and flips the verdict.
 */
import { stat } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_POLICY_RULES, type ContractDetail } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhContracts from '../apps/web/src/locales/zh-TW/contracts.json' with { type: 'json' };
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
  pickOption,
} from './harness.js';

const c = zhContracts.contracts;
const RULES = INITIAL_POLICY_RULES.contractClauses;
const MISSING = RULES.find((r) => r.code === 'item13_retention');

describe('contract security clause checklist', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let contract: ContractDetail;
  let compliantNumber = '';

  /** The harness's API helper sends any method; its type lists only those it was written for. */
  const put = <T>(path: string, body: unknown) =>
    (admin.api as unknown as (method: 'PUT', path: string, body: unknown) => Promise<T>)('PUT', path, body);

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
      code: 'NTU-0001',
      name: '國立範例大學',
    });
    const base = {
      type: 'commission',
      divisionId: division.id,
      unitId: unit.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      amount: 2_500_000,
      slaAvailability: 99.5,
      rtoHours: 4,
      rpoHours: 24,
    };
    contract = await admin.api<ContractDetail>('POST', '/contracts', {
      ...base,
      number: 'MOE-115-0007',
      name: '校務行政系統維護委辦案',
    });
    await put(`/contracts/${contract.id}/clauses`, {
      items: RULES.filter((r) => r.code !== MISSING?.code).map((r, i) => ({
        code: r.code,
        status: 'present',
        articleRef: `第 ${i + 1} 條`,
      })),
    });
    await admin.api('POST', `/contracts/${contract.id}/duty-notice`, {
      sentAt: '2026-01-05T10:00:00+08:00',
      method: 'written',
    });
    const compliant = await admin.api<ContractDetail>('POST', '/contracts', {
      ...base,
      number: 'MOE-115-0008',
      name: '招生網站建置採購案',
      type: 'procurement',
    });
    compliantNumber = compliant.number;
    await put(`/contracts/${compliant.id}/clauses`, {
      items: RULES.map((r) => ({ code: r.code, status: 'present' })),
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in and lists contracts with their verdicts', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.contracts }).click();
    await page.getByRole('heading', { name: c.title }).waitFor();
    const missingRow = page.getByRole('row', { name: new RegExp(contract.number) });
    await missingRow.getByText(fill(c.compliance.missing, { count: 1 })).waitFor();
    const compliantRow = page.getByRole('row', { name: new RegExp(compliantNumber) });
    await compliantRow.getByText(c.compliance.compliant, { exact: true }).waitFor();
    await screenshot(page, 'contracts-01-list');

    // The export carries the list's filters to the XLSX endpoint.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: c.export }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^contracts-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const xlsx = await download.path();
    expect((await stat(xlsx)).size).toBeGreaterThan(1000);

    // Filter to the non-compliant ones.
    await page.getByRole('combobox', { name: c.fields.compliance }).click();
    await page.locator('.ant-select-item-option', { hasText: c.complianceFilter.non_compliant }).click();
    await page.getByRole('row', { name: new RegExp(compliantNumber) }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: new RegExp(contract.number) }).count()).toBe(1);
    // The filter is in the address, so a reload or a shared link keeps it.
    expect(new URL(page.url()).searchParams.get('complianceStatus')).toBe('non_compliant');
  });

  it('opens the list from the dashboard card with the filter the card counted', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.dashboard }).click();
    const card = page.getByRole('link', { name: new RegExp(zh.dashboard.registry.contractsNonCompliant) });
    await card.getByText('1', { exact: true }).waitFor();
    await card.click();
    await page.getByRole('heading', { name: c.title }).waitFor();
    expect(new URL(page.url()).searchParams.get('complianceStatus')).toBe('non_compliant');
    await page.getByRole('row', { name: new RegExp(contract.number) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(compliantNumber) }).count()).toBe(0);
    // The verdict filter shows the value it was opened with.
    const verdictFilter = page.locator('.ant-select', {
      has: page.getByRole('combobox', { name: c.fields.compliance }),
    });
    await expect.poll(() => verdictFilter.textContent()).toContain(c.complianceFilter.non_compliant);

    await page.reload();
    await page.getByRole('row', { name: new RegExp(contract.number) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(compliantNumber) }).count()).toBe(0);
    await screenshot(page, 'contracts-01c-filtered-from-dashboard');

    // The main menu's link is the whole list again.
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.contracts }).click();
    await page.getByRole('row', { name: new RegExp(compliantNumber) }).waitFor();
    expect(await page.getByRole('row', { name: new RegExp(contract.number) }).count()).toBe(1);
  });

  it('creates a contract through the form, starting with every clause missing', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: c.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(c.fields.number).fill('MOE-115-0100');
    await dialog.getByLabel(c.fields.name, { exact: true }).fill('數位學習平臺維運案');
    await dialog.getByLabel(c.fields.unit, { exact: true }).click();
    await dialog.getByLabel(c.fields.unit, { exact: true }).pressSequentially('範例');
    await pickOption(page, dialog.getByLabel(c.fields.unit, { exact: true }), '國立範例大學');
    await dialog.getByLabel(c.fields.division).click();
    await page.locator('.ant-select-item-option', { hasText: '資訊及科技教育司' }).click();
    await dialog.getByLabel(c.fields.rto).fill('8');
    await dialog.getByLabel(c.fields.periodStart).fill('2026-03-01');
    await dialog.getByLabel(c.fields.periodStart).press('Tab');
    // Enter in a field submits the form; an end date before the start is refused on the spot.
    await dialog.getByLabel(c.fields.periodEnd).fill('2026-02-01');
    await dialog.getByLabel(c.fields.periodEnd).press('Enter');
    await dialog.getByText(c.form.periodInvalid).waitFor();
    await screenshot(page, 'contracts-01b-form-invalid');
    await dialog.getByLabel(c.fields.periodEnd).fill('2027-02-28');
    await dialog.getByLabel(c.fields.periodEnd).press('Enter');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('heading', { name: 'MOE-115-0100 數位學習平臺維運案' }).waitFor();
    const tag = page.getByTestId('compliance-tag').first();
    await expect(tag.textContent()).resolves.toBe(fill(c.compliance.missing, { count: RULES.length }));
    await page.getByText(fill(c.hoursValue, { count: 8 })).waitFor();
    await page.getByRole('link', { name: c.title }).first().click();
    await page.getByRole('heading', { name: c.title }).waitFor();
  });

  it('names exactly the one missing clause, and resolves it when marked present', async () => {
    const { page } = browser;
    if (!MISSING) {
      throw new Error('the shipped checklist lost item13_retention');
    }
    await page.getByRole('link', { name: contract.number }).click();
    await page.getByRole('heading', { name: `${contract.number} ${contract.name}` }).waitFor();
    await page.getByText(c.duty.awaiting).waitFor();
    await screenshot(page, 'contracts-02-overview');

    await page.getByRole('tab', { name: c.tabs.clauses }).click();
    const missingList = page.getByTestId('missing-clauses');
    await missingList.waitFor();
    const listed = await missingList.getByRole('listitem').allTextContents();
    expect(listed).toEqual([`${MISSING.item} ${MISSING.title['zh-TW']}`]);
    await page.getByText(fill(c.clauses.missingTitle, { count: 1 })).waitFor();
    const tag = page.getByTestId('compliance-tag').first();
    expect(await tag.textContent()).toBe(fill(c.compliance.missing, { count: 1 }));
    // Every other clause shows as met; only this one as missing.
    expect(await page.getByRole('cell', { name: c.clauses.missingTag, exact: true }).count()).toBe(1);
    await screenshot(page, 'contracts-03-clause-missing');

    const group = page.getByRole('radiogroup', { name: fill(c.clauses.statusOf, { title: MISSING.title['zh-TW'] }) });
    // Not applicable is not accepted for this clause.
    expect(await group.getByRole('radio', { name: c.clauseStatus.not_applicable }).isDisabled()).toBe(true);
    await group.getByRole('radio', { name: c.clauseStatus.present }).check();
    await page
      .getByRole('textbox', { name: fill(c.clauses.articleRefOf, { title: MISSING.title['zh-TW'] }) })
      .fill('第 21 條');
    await page.getByRole('button', { name: fill(c.clauses.saveCount, { count: 1 }) }).click();

    await page.getByText(c.clauses.allPresent).waitFor();
    expect(await missingList.count()).toBe(0);
    await expect(tag.textContent()).resolves.toBe(c.compliance.compliant);
    expect(await page.getByRole('cell', { name: c.clauses.missingTag, exact: true }).count()).toBe(0);
    await screenshot(page, 'contracts-04-clause-resolved');

    // The server agrees, and the stored verdict reached the list.
    const stored = await admin.api<ContractDetail>('GET', `/contracts/${contract.id}`);
    expect(stored).toMatchObject({ complianceStatus: 'compliant', missingClauses: [] });
    expect(stored.clauses.find((cl) => cl.code === MISSING.code)).toMatchObject({
      status: 'present',
      articleRef: '第 21 條',
    });
    await page.getByRole('link', { name: c.title }).first().click();
    const row = page.getByRole('row', { name: new RegExp(contract.number) });
    await row.getByText(c.compliance.compliant, { exact: true }).waitFor();
  });

  it('records a pre-commissioning risk assessment (item 三)', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: contract.number }).click();
    await page.getByRole('tab', { name: fill(c.tabs.risk, { count: 0 }) }).click();
    await page.getByText(c.risk.empty).waitFor();
    await page.getByRole('button', { name: c.risk.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(c.risk.assessor).fill('資科司資安小組');
    await dialog.getByRole('checkbox', { name: c.risk.kinds.password_cracking }).check();
    await dialog.getByRole('checkbox', { name: c.risk.kinds.data_loss }).check();
    await dialog.getByRole('radio', { name: c.risk.levels.high }).check();
    await dialog.getByLabel(c.risk.mitigation).fill('上線前完成弱點掃描與滲透測試。\n管理介面限制來源 IP。');
    await screenshot(page, 'contracts-05-risk-form');
    await dialog.getByRole('button', { name: zh.common.create }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('tab', { name: fill(c.tabs.risk, { count: 1 }) }).waitFor();
    await page.getByText(c.risk.kinds.password_cracking, { exact: true }).waitFor();
    await page.getByText(c.risk.levels.high, { exact: true }).waitFor();
    await screenshot(page, 'contracts-06-risk-list');
  });

  it('answers an unknown contract with 找不到 and the way back to the list', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/contracts/00000000-0000-4000-8000-000000000000`);
    await page.getByText(c.notFound).waitFor();
    await page.getByRole('link', { name: c.backToList }).click();
    await page.getByRole('heading', { name: c.title, level: 1 }).waitFor();
  });

  it('ran without CSP violations or console errors', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
