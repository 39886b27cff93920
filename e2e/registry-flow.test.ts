/**
 * The registry's whole flow in real Chromium, as the Ministry's security officer (issue 3,
 * first acceptance criterion): create a contract, see it flagged 缺漏, fill its security
 * clause checklist until the flag flips to 合規; create a system under it, add a host, fill
 * and confirm the three item 十 contacts (the overdue flag clears), allocate a domain and
 * read the expiry the rules allow (item 十一, 民法第121條); back on the contracts list the
 * contract is 合規 with its system counted. Only the organisations are set up through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INITIAL_POLICY_RULES, type AllocationPeriod, type ContractDetail, type SystemDetail } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhContracts from '../apps/web/src/locales/zh-TW/contracts.json' with { type: 'json' };
import zhSystems from '../apps/web/src/locales/zh-TW/systems.json' with { type: 'json' };
import zhHosts from '../apps/web/src/locales/zh-TW/hosts.json' with { type: 'json' };
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

const c = zhContracts.contracts;
const s = zhSystems.systems;
const h = zhHosts.hosts;
const A = zhAllocations.allocations;
const RULES = INITIAL_POLICY_RULES.contractClauses;

const UNIT = { code: 'FLOW-U01', name: '國立流程大學' };
const DIVISION = '資訊及科技教育司';
const CONTRACT = { number: 'MOE-115-0300', name: '校務雲端平臺維運委辦案' };
const SYSTEM = '流程大學校務雲端平臺';
const HOST = 'cloud-web01';
const DOMAIN = 'cloud.flow-u.edu.tw';
const CONTACTS = [
  { kind: 'business_owner', name: '張業務', organisation: '國立流程大學教務處', phone: '02-2771-2171 #2001' },
  { kind: 'system_owner', name: '李系統', organisation: '國立流程大學電算中心', phone: '0933-123-456' },
  { kind: 'maintenance_unit', name: '趙維護', organisation: '流程資訊股份有限公司', phone: '+886 4 2345 6789' },
] as const;

describe('registry flow: contract → checklist → system, host, contacts, allocation', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let contractId = '';
  let systemId = '';

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    await admin.api('POST', '/organisations', { kind: 'division', code: 'MOE-DIT', name: DIVISION });
    await admin.api('POST', '/organisations', { kind: 'unit', ...UNIT });
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

  it('creates a contract in /contracts: every clause starts missing (缺漏)', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.contracts }).click();
    await page.getByRole('heading', { name: c.title, level: 1 }).waitFor();
    await page.getByText(c.empty).waitFor();
    await page.getByRole('button', { name: c.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(c.fields.number).fill(CONTRACT.number);
    await dialog.getByLabel(c.fields.name, { exact: true }).fill(CONTRACT.name);
    await dialog.getByLabel(c.fields.unit, { exact: true }).click();
    await dialog.getByLabel(c.fields.unit, { exact: true }).pressSequentially('流程');
    await pickOption(page, dialog.getByLabel(c.fields.unit, { exact: true }), UNIT.name);
    await dialog.getByLabel(c.fields.division).click();
    await page.locator('.ant-select-item-option', { hasText: DIVISION }).click();
    await dialog.getByLabel(c.fields.periodStart).fill('2026-01-01');
    await dialog.getByLabel(c.fields.periodStart).press('Tab');
    await dialog.getByLabel(c.fields.periodEnd).fill('2027-12-31');
    await dialog.getByLabel(c.fields.periodEnd).press('Tab');
    await dialog.getByLabel(c.fields.rto).fill('4');
    await dialog.getByLabel(c.fields.rpo).fill('24');
    await screenshot(page, 'registry-flow-01-contract-form');
    await dialog.getByRole('button', { name: zh.common.create }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The new contract opens, flagged with every required clause missing.
    await page.getByRole('heading', { name: `${CONTRACT.number} ${CONTRACT.name}` }).waitFor();
    contractId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(contractId).toMatch(/^[0-9a-f-]{36}$/);
    const tag = page.getByTestId('compliance-tag').first();
    await expect(tag.textContent()).resolves.toBe(fill(c.compliance.missing, { count: RULES.length }));
    await screenshot(page, 'registry-flow-02-contract-missing');
  });

  it('fills the checklist: one clause short is still 缺漏 and names it, the last one flips it to 合規', async () => {
    const { page } = browser;
    const last = RULES.at(-1);
    if (!last) {
      throw new Error('the shipped checklist is empty');
    }
    await page.getByRole('tab', { name: c.tabs.clauses }).click();
    const missingList = page.getByTestId('missing-clauses');
    // The tab renders its list after the click resolves: wait for it, then count.
    await expect.poll(() => missingList.getByRole('listitem').count()).toBe(RULES.length);

    // Everything but the last clause, with the article of the contract that says it.
    for (const [i, rule] of RULES.slice(0, -1).entries()) {
      const title = rule.title['zh-TW'];
      await page
        .getByRole('radiogroup', { name: fill(c.clauses.statusOf, { title }) })
        .getByRole('radio', { name: c.clauseStatus.present })
        .check();
      await page.getByRole('textbox', { name: fill(c.clauses.articleRefOf, { title }) }).fill(`第 ${i + 1} 條`);
    }
    await page.getByRole('button', { name: fill(c.clauses.saveCount, { count: RULES.length - 1 }) }).click();
    await page.getByText(fill(c.clauses.missingTitle, { count: 1 })).waitFor();
    expect(await missingList.getByRole('listitem').allTextContents()).toEqual([`${last.item} ${last.title['zh-TW']}`]);
    const tag = page.getByTestId('compliance-tag').first();
    await expect(tag.textContent()).resolves.toBe(fill(c.compliance.missing, { count: 1 }));
    expect(await page.getByRole('cell', { name: c.clauses.missingTag, exact: true }).count()).toBe(1);
    await screenshot(page, 'registry-flow-03-checklist-one-missing');

    const lastTitle = last.title['zh-TW'];
    await page
      .getByRole('radiogroup', { name: fill(c.clauses.statusOf, { title: lastTitle }) })
      .getByRole('radio', { name: c.clauseStatus.present })
      .check();
    await page.getByRole('textbox', { name: fill(c.clauses.articleRefOf, { title: lastTitle }) }).fill('第 30 條');
    await page.getByRole('button', { name: fill(c.clauses.saveCount, { count: 1 }) }).click();
    await page.getByText(c.clauses.allPresent).waitFor();
    await expect(tag.textContent()).resolves.toBe(c.compliance.compliant);
    expect(await missingList.count()).toBe(0);
    expect(await page.getByRole('cell', { name: c.clauses.missingTag, exact: true }).count()).toBe(0);
    await screenshot(page, 'registry-flow-04-checklist-compliant');

    const stored = await admin.api<ContractDetail>('GET', `/contracts/${contractId}`);
    expect(stored).toMatchObject({ complianceStatus: 'compliant', missingClauses: [] });
  });

  it('creates a system in /systems linked to the contract', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.systems }).click();
    await page.getByRole('heading', { name: s.title, level: 1 }).waitFor();
    await page.getByRole('button', { name: s.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(s.form.createTitle).waitFor();
    await dialog.getByLabel(s.fields.unit).fill(UNIT.code);
    await pickOption(page, dialog.getByLabel(s.fields.unit), UNIT.name);
    await dialog.getByLabel(s.fields.name).fill(SYSTEM);
    await dialog.getByRole('button', { name: s.form.addUrl }).click();
    await dialog.getByLabel(fill(s.form.urlNumbered, { number: 1 }), { exact: true }).fill(`https://${DOMAIN}/`);
    await dialog.locator('.ant-radio-button-wrapper', { hasText: s.protection.medium }).click();
    await dialog.getByLabel(s.fields.contracts).click();
    await page.locator('.ant-select-item-option', { hasText: CONTRACT.number }).click();
    await dialog.getByLabel(s.fields.contracts).press('Escape');
    await dialog.getByLabel(s.fields.exitPlan).fill('契約終止前三個月移交資料與原始碼，廠商端副本於移交後銷毀。');
    await screenshot(page, 'registry-flow-05-system-form');
    await dialog.getByRole('button', { name: zh.common.create }).click();

    await page.getByRole('heading', { name: SYSTEM, level: 1 }).waitFor();
    systemId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(systemId).toMatch(/^[0-9a-f-]{36}$/);
    // New contacts are never confirmed: the system is flagged overdue from the start.
    await page.getByTestId('contacts-overdue').getByText(s.contactsState.neverConfirmed).waitFor();
    await page.getByRole('tab', { name: fill(s.tabs.contracts, { count: 1 }) }).click();
    await page.getByRole('link', { name: CONTRACT.number }).waitFor();
    await screenshot(page, 'registry-flow-06-system-contracts');
  });

  it('adds a host in the system’s hosts tab', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: fill(s.tabs.hosts, { count: 0 }) }).click();
    await page.getByText(s.hosts.empty).waitFor();
    await page.getByRole('button', { name: s.hosts.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(h.fields.hostname).fill(HOST);
    await dialog.getByLabel(h.fields.ips).fill('203.0.113.20');
    await dialog.getByLabel(h.fields.ips).press('Enter');
    await dialog.getByLabel(h.fields.os).fill('Debian 12');
    await dialog.getByRole('button', { name: zh.common.create }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: fill(s.tabs.hosts, { count: 1 }) }).waitFor();
    await page
      .getByRole('row', { name: new RegExp(HOST) })
      .getByText('203.0.113.20')
      .waitFor();
    await screenshot(page, 'registry-flow-07-system-host');
  });

  it('fills and confirms the three contacts; the overdue flag clears', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: s.tabs.contacts }).click();
    await page.getByTestId('contacts-status').getByText(s.contacts.dueNow).waitFor();
    const confirm = page.getByRole('button', { name: s.contacts.confirm });
    expect(await confirm.isDisabled()).toBe(true);
    for (const contact of CONTACTS) {
      const kind = s.contactKinds[contact.kind];
      await page.getByRole('button', { name: fill(s.contacts.fillNamed, { kind }) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(fill(s.contacts.formTitle, { kind })).waitFor();
      await dialog.getByLabel(s.contacts.name).fill(contact.name);
      await dialog.getByLabel(s.contacts.organisation).fill(contact.organisation);
      await dialog.getByLabel(s.contacts.phone).fill(contact.phone);
      await dialog.getByLabel(s.contacts.email).fill(`${contact.kind}@flow-u.edu.tw`);
      await dialog.getByLabel(s.contacts.email).press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(contact.phone).waitFor();
    }
    // Filled in is not yet confirmed.
    expect(await page.getByTestId('contacts-overdue').count()).toBeGreaterThan(0);
    expect(await confirm.isDisabled()).toBe(false);
    await screenshot(page, 'registry-flow-08-contacts-filled');

    await confirm.click();
    await page
      .getByTestId('contacts-status')
      .getByText(/下次應於/)
      .waitFor();
    await page.getByTestId('contacts-current').waitFor();
    expect(await page.getByTestId('contacts-overdue').count()).toBe(0);
    await screenshot(page, 'registry-flow-09-contacts-confirmed');
    const stored = await admin.api<SystemDetail>('GET', `/systems/${systemId}`);
    expect(stored).toMatchObject({ isContactsOverdue: false, contactCount: 3, hostCount: 1, contractCount: 1 });
  });

  it('allocates a domain in the 網域與 IP tab and shows the computed expiry', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: s.tabs.allocations }).click();
    await page.getByRole('heading', { name: A.heading }).waitFor();
    await page.getByText(A.systemEmpty).waitFor();
    await page.getByRole('button', { name: A.add }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(A.value).fill(DOMAIN.toUpperCase());
    const start = dialog.getByLabel(A.startsOn);
    await start.click();
    await start.fill('2025-03-01');
    await start.press('Tab');
    // 3 years from 1 March 2025 end the day before 1 March 2028: the leap day 29 February.
    const latest = dialog.getByTestId('allocation-latest-expiry');
    await latest.filter({ hasText: '民國117年2月29日' }).waitFor();
    const period = await admin.api<AllocationPeriod>('GET', '/allocations/period?startsOn=2025-03-01');
    expect(period).toMatchObject({ latestExpiresOn: '2028-02-29', maxYears: 3 });
    expect(await latest.textContent()).toContain(`最長 ${period.maxYears} 年`);
    // The date field shows the ROC date (民國117年 = 2028) of the latest expiry it was filled with.
    expect(await dialog.getByLabel(A.expiresOn).inputValue()).toBe('117/02/29');
    await screenshot(page, 'registry-flow-10-allocation-form');
    await dialog.getByRole('button', { name: A.add }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.getByRole('row', { name: new RegExp(DOMAIN.replaceAll('.', '\\.')) });
    await row.waitFor();
    expect(await row.textContent()).toContain('民國114年3月1日 至 民國117年2月29日');
    await row.getByText(A.kinds.domain).waitFor();
    await screenshot(page, 'registry-flow-11-allocation-listed');
  });

  it('shows the contract as 合規 on the contracts list, with its system', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.contracts }).click();
    await page.getByRole('heading', { name: c.title, level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(CONTRACT.number) });
    await row.getByText(c.compliance.compliant, { exact: true }).waitFor();
    expect(await row.getByText(/缺漏/).count()).toBe(0);
    // The compliant filter keeps it.
    await page.getByRole('combobox', { name: c.fields.compliance }).click();
    await page.locator('.ant-select-item-option', { hasText: c.complianceFilter.compliant }).click();
    await row.getByText(c.compliance.compliant, { exact: true }).waitFor();
    await screenshot(page, 'registry-flow-12-contracts-compliant');

    // The contract's systems tab lists the system it now has.
    await page.getByRole('link', { name: CONTRACT.number }).click();
    await page.getByRole('heading', { name: `${CONTRACT.number} ${CONTRACT.name}` }).waitFor();
    await page.getByRole('tab', { name: fill(c.tabs.systems, { count: 1 }) }).click();
    await page.getByRole('link', { name: SYSTEM }).waitFor();
    await screenshot(page, 'registry-flow-13-contract-systems');
  });

  it('ran without CSP violations or console errors', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.errors).toEqual([]);
  });
});
