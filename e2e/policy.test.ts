/**
 * In real Chromium, as the Ministry's security office: publish version 2 of the rule set with
 * a longer allocation period and a new clause, see it in force and in the history, and read
 * version 1 unchanged. Then record a vendor's ISO 27001 certificate that expires within the
 * warning period and see it tagged 即將到期.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhBase from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhPolicy from '../apps/web/src/locales/zh-TW/policy.json' with { type: 'json' };
import zhVendors from '../apps/web/src/locales/zh-TW/vendors.json' with { type: 'json' };
import zhAllocations from '../apps/web/src/locales/zh-TW/allocations.json' with { type: 'json' };
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

const zh = { ...zhBase, ...zhPolicy, ...zhVendors, ...zhAllocations };
/** The allocation period's label, as the policy pages compose it from its section descriptor. */
const MAX_YEARS = fill(zh.policy.ruleLabel, { label: zh.allocations.policyRules.maxYears, item: '十一' });
const VENDOR = { code: 'VENDOR-E2E', name: '範例資訊股份有限公司' };

/** A day in Asia/Taipei, `offset` days from today, as YYYY-MM-DD. */
function taipeiDay(offset = 0): string {
  const now = new Date(Date.now() + offset * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei' }).format(now);
}

/** 民國115年12月4日 for 2026-12-04. */
function rocDate(day: string): string {
  const [year = 0, month = 0, date = 0] = day.split('-').map(Number);
  return `民國${year - 1911}年${month}月${date}日`;
}

describe('policy versions and vendor qualifications', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    const unit = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'UNIT-E2E',
      name: '國立範例大學',
    });
    await admin.api('POST', '/organisations', { kind: 'vendor', ...VENDOR, parentId: unit.id });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs in as the Ministry security office', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);
  });

  it('shows version 1 in force, with its numbers and clauses', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.policy }).click();
    await page.getByRole('heading', { level: 1, name: zh.policy.title }).waitFor();
    const current = `${zh.policy.current} · ${fill(zh.policy.versionLabel, { version: 1 })}`;
    await page.getByRole('heading', { name: current }).waitFor();
    await page.getByText(MAX_YEARS).waitFor();
    await page.getByText(fill(zh.policy.years, { count: 3 }), { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'item42_scanning', exact: true }).first().waitFor();
    // The shipped version is dated 2020-01-01: 民國109年1月1日.
    await page.getByText('民國109年1月1日').first().waitFor();
    await screenshot(page, '40-policy-v1');
  });

  it('publishes version 2 with a five-year allocation period and a new clause', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: zh.policy.publishNew }).click();
    await page.getByRole('heading', { level: 1, name: zh.policy.publish.title }).waitFor();

    const maxYears = page.getByLabel(MAX_YEARS);
    await maxYears.fill('5');

    await page.getByRole('button', { name: zh.policy.publish.addClause }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(zh.policy.publish.clauseCode).fill('item9_sbom');
    await dialog.getByLabel(zh.policy.publish.clauseItem).fill('九');
    await dialog.getByLabel(zh.policy.publish.titleZh).fill('軟體物料清單');
    await dialog.getByLabel(zh.policy.publish.titleEn).fill('Software bill of materials');
    await dialog.getByLabel(zh.policy.publish.descriptionZh).fill('契約應要求交付軟體物料清單（SBOM）。');
    await dialog
      .getByLabel(zh.policy.publish.descriptionEn)
      .fill('The contract requires a software bill of materials.');
    await dialog.getByRole('button', { name: zh.common.confirm }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('cell', { name: 'item9_sbom', exact: true }).waitFor();
    await page.getByText(zh.policy.publish.tagNew, { exact: true }).waitFor();

    await page.getByLabel(zh.policy.notes).fill('依 115 年修正：配置期限延長為 5 年，新增 SBOM 條款。');
    await screenshot(page, '41-policy-publish-form');
    await page.getByRole('button', { name: zh.policy.publish.submit }).click();

    const confirm = page.getByRole('dialog', { name: fill(zh.policy.publish.confirmTitle, { version: 2 }) });
    await confirm.waitFor();
    await confirm.getByText(zh.policy.publish.added).waitFor();
    await confirm.getByText('item9_sbom').waitFor();
    await confirm
      .getByText(
        fill(zh.policy.publish.valueChange, {
          label: MAX_YEARS,
          from: fill(zh.policy.years, { count: 3 }),
          to: fill(zh.policy.years, { count: 5 }),
        }),
      )
      .waitFor();
    await screenshot(page, '42-policy-publish-confirm');
    await confirm.getByRole('button', { name: zh.policy.publish.confirmOk }).click();

    await page.getByText(fill(zh.policy.publish.published, { version: 2 })).waitFor();
    const current = `${zh.policy.current} · ${fill(zh.policy.versionLabel, { version: 2 })}`;
    await page.getByRole('heading', { name: current }).waitFor();
    await page.getByText(fill(zh.policy.years, { count: 5 }), { exact: true }).waitFor();
    await page.getByRole('cell', { name: 'item9_sbom', exact: true }).waitFor();

    const rows = page.locator('.ant-card', { hasText: zh.policy.history }).locator('tbody tr.ant-table-row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await rows.first().getByText(zh.policy.statuses.current).waitFor();
    await rows.nth(1).getByText(zh.policy.statuses.superseded).waitFor();
    expect(await rows.first().textContent()).toContain(admin.name);
    await screenshot(page, '43-policy-v2-history');
  });

  it('shows version 1 read-only and unchanged', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: fill(zh.policy.viewNamed, { version: 1 }) }).click();
    await page.getByRole('heading', { level: 1, name: fill(zh.policy.versionTitle, { version: 1 }) }).waitFor();
    await page.getByText(zh.policy.readOnly).waitFor();
    await page.getByText(fill(zh.policy.years, { count: 3 }), { exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'item9_sbom', exact: true }).count()).toBe(0);
    await page.getByRole('link', { name: zh.policy.back }).click();
    await page.getByRole('heading', { level: 1, name: zh.policy.title }).waitFor();
  });

  it("shows the server's refusal when a later version was published meanwhile", async () => {
    const { page } = browser;
    await page.getByRole('button', { name: zh.policy.publishNew }).click();
    await page.getByRole('heading', { level: 1, name: zh.policy.publish.title }).waitFor();
    // Another admin schedules version 3 ten days ahead while this form is open.
    const current = await admin.api<{ rules: unknown }>('GET', '/policy/current');
    await admin.api('POST', '/policy/versions', {
      effectiveFrom: taipeiDay(10),
      rules: current.rules,
      notes: '另一位管理者排程的版本',
    });
    await page.getByLabel(zh.policy.notes).fill('今日生效的更正');
    await page.getByRole('button', { name: zh.policy.publish.submit }).click();
    const confirm = page.getByRole('dialog', { name: fill(zh.policy.publish.confirmTitle, { version: 3 }) });
    await confirm.getByText(fill(zh.policy.publish.noChanges, { version: 2 })).waitFor();
    await confirm.getByRole('button', { name: zh.policy.publish.confirmOk }).click();
    const refusal = '新版本的生效日期不得早於最新版本的生效日期。';
    await page.getByRole('alert').filter({ hasText: refusal }).waitFor();
    await screenshot(page, '44-policy-publish-refused');
    await page.getByRole('link', { name: zh.policy.back }).click();
    await page.getByText(fill(zh.policy.scheduledNotice, { version: 3, date: rocDate(taipeiDay(10)) })).waitFor();
  });

  it('records a vendor certificate that expires within the warning period and tags it 即將到期', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.vendors }).click();
    await page.getByRole('heading', { level: 1, name: zh.vendors.title }).waitFor();
    await page.getByText(zh.vendors.empty).waitFor();
    await page.getByRole('button', { name: zh.vendors.create }).click();
    const dialog = page.getByRole('dialog');
    const vendorOrg = dialog.getByLabel(zh.vendors.organisation, { exact: true });
    await vendorOrg.fill('範例資訊');
    await pickOption(page, vendorOrg, VENDOR.name);
    await dialog.getByLabel(zh.vendors.name).fill('ISO/IEC 27001:2022');
    await dialog.getByLabel(zh.vendors.certificateNumber).fill('TW-ISMS-0815');
    await dialog.getByLabel(zh.vendors.issuer).fill('英國標準協會');
    await dialog.getByLabel(zh.vendors.issuedOn).fill(taipeiDay(-700));
    await dialog.getByLabel(zh.vendors.issuedOn).press('Tab');
    const expiresOn = taipeiDay(30);
    await dialog.getByLabel(zh.vendors.expiresOn).fill(expiresOn);
    await dialog.getByLabel(zh.vendors.expiresOn).press('Tab');
    await screenshot(page, '45-vendor-create');
    await dialog.getByRole('button', { name: zh.common.create }).click();

    // Straight to the record, where the certificate scan would be attached.
    await page.getByRole('heading', { level: 1, name: 'ISO/IEC 27001:2022' }).waitFor();
    await page.getByText(zh.vendors.statuses.expiring, { exact: true }).waitFor();
    await page.getByText(fill(zh.vendors.daysLeft, { count: 30 })).waitFor();
    await page.getByRole('tab', { name: zh.vendors.tabs.attachments }).waitFor();
    await screenshot(page, '46-vendor-detail');

    await page.getByRole('link', { name: zh.vendors.back }).click();
    const row = page.getByRole('row', { name: /TW-ISMS-0815/ });
    await row.getByText(zh.vendors.statuses.expiring, { exact: true }).waitFor();
    await page.getByRole('combobox', { name: zh.vendors.status }).click();
    await page.locator('.ant-select-item-option', { hasText: zh.vendors.statuses.expired }).click();
    await page.getByText(zh.vendors.empty).waitFor();
    await page.getByRole('combobox', { name: zh.vendors.status }).click();
    await page.locator('.ant-select-item-option', { hasText: zh.vendors.statuses.expiring }).click();
    await row.waitFor();
    await screenshot(page, '47-vendor-list');

    await page.getByRole('tab', { name: zh.vendors.tabs.summary }).click();
    const summaryRow = page.getByRole('row', { name: new RegExp(VENDOR.name) });
    await summaryRow.getByText(zh.vendors.ismsValid).waitFor();
    const unitRow = page.getByRole('row', { name: /國立範例大學/ }).filter({ hasText: zh.vendors.ismsMissing });
    await unitRow.waitFor();
    await screenshot(page, '48-vendor-summary');
    expect(browser.errors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
