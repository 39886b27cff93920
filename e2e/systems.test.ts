/**
 * In real Chromium: create a system through the UI (item 四 personal data, item 十三 exit
 * plan, its contract), add a host to it, fill in the three contacts of item 十, confirm
 * them and see the overdue flag clear; bulk-confirm from the list; the Ministry's
 * overdue view; the hosts pages; decommissioning.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES, type SystemDetail } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhSystems from '../apps/web/src/locales/zh-TW/systems.json' with { type: 'json' };
import zhHosts from '../apps/web/src/locales/zh-TW/hosts.json' with { type: 'json' };
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

const s = zhSystems.systems;
const h = zhHosts.hosts;

const UNIT = { code: 'NTU-0001', name: '國立範例大學' };
const SYSTEM = '校務行政資訊系統';
const SECOND = '招生報名網站';
const CONTACTS = [
  { kind: 'business_owner', name: '陳業務', organisation: '國立範例大學教務處', phone: '02-2345-6789 #101' },
  { kind: 'system_owner', name: '林系統', organisation: '國立範例大學計網中心', phone: '0912-345-678' },
  { kind: 'maintenance_unit', name: '王維護', organisation: '範例資訊股份有限公司', phone: '+886 2 8765 4321' },
] as const;

describe('systems, hosts and contacts', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let contractNumber = '';
  let unitId = '';

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
    const unit = await admin.api<{ id: string }>('POST', '/organisations', { kind: 'unit', ...UNIT });
    unitId = unit.id;
    const contract = await admin.api<{ number: string }>('POST', '/contracts', {
      number: 'MOE-115-0101',
      name: '校務行政系統維護委辦案',
      type: 'commission',
      divisionId: division.id,
      unitId: unit.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    });
    contractNumber = contract.number;
    // A second system with its contacts filled in through the API, for the bulk confirmation.
    const second = await admin.api<SystemDetail>('POST', '/systems', {
      orgId: unit.id,
      name: SECOND,
      status: 'pre_launch',
      urls: ['https://apply.example.edu.tw/'],
    });
    for (const c of CONTACTS) {
      await put(`/systems/${second.id}/contacts/${c.kind}`, {
        name: c.name,
        organisation: c.organisation,
        phone: c.phone,
        email: `${c.kind}@example.edu.tw`,
      });
    }
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('creates a system through the form, linked to its contract', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.systems }).click();
    await page.getByRole('heading', { name: s.title }).waitFor();
    await page.getByRole('row', { name: new RegExp(SECOND) }).waitFor();
    await page.getByRole('button', { name: s.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText(s.form.createTitle).waitFor();

    await dialog.getByLabel(s.fields.unit).fill(UNIT.code);
    await pickOption(page, dialog.getByLabel(s.fields.unit), UNIT.name);
    await dialog.getByLabel(s.fields.name).fill(SYSTEM);
    await dialog.getByRole('button', { name: s.form.addUrl }).click();
    await dialog.getByLabel(fill(s.form.urlNumbered, { number: 1 }), { exact: true }).fill('ftp://sis.example.edu.tw');
    await dialog.getByLabel(fill(s.form.urlNumbered, { number: 1 }), { exact: true }).blur();
    await dialog.getByText(s.form.urlInvalid).waitFor();
    await dialog
      .getByLabel(fill(s.form.urlNumbered, { number: 1 }), { exact: true })
      .fill('https://sis.example.edu.tw/');
    await dialog.locator('.ant-radio-button-wrapper', { hasText: s.protection.high }).click();
    await dialog.getByLabel(s.fields.contracts).click();
    await page.locator('.ant-select-item-option', { hasText: contractNumber }).click();
    await dialog.getByLabel(s.fields.contracts).press('Escape');

    // Item 四: the details become required once the flag is on.
    await dialog.getByLabel(s.fields.handlesPersonalData).click();
    await dialog.getByRole('button', { name: zh.common.create }).click();
    await dialog.getByLabel(s.fields.personalDataCategories).waitFor();
    expect(await dialog.getByText(zh.validation.required).count()).toBeGreaterThanOrEqual(3);
    await dialog.getByLabel(s.fields.personalDataCategories).fill('C001 辨識個人者、C003 政府資料中之辨識者');
    await dialog.getByLabel(s.fields.personalDataPurpose).fill('109 教育或訓練行政');
    await dialog.getByLabel(s.fields.personalDataLegalBasis).fill('個人資料保護法第 15 條第 1 款');
    await dialog.getByLabel(s.fields.exitPlan).fill('停止服務前三個月公告，移交全部資料與原始碼並保存五年。');
    await screenshot(page, 'systems-01-create-form');
    await dialog.getByRole('button', { name: zh.common.create }).click();

    await page.getByRole('heading', { name: SYSTEM, level: 1 }).waitFor();
    await page.getByText('https://sis.example.edu.tw/').waitFor();
    await page.getByText('個人資料保護法第 15 條第 1 款').waitFor();
    await page.getByTestId('contacts-overdue').getByText(s.contactsState.neverConfirmed).waitFor();
    await screenshot(page, 'systems-02-detail-overview');

    await page.getByRole('tab', { name: fill(s.tabs.contracts, { count: 1 }) }).click();
    await page.getByRole('link', { name: contractNumber }).waitFor();
  });

  it('adds a host to the system from its hosts tab', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: fill(s.tabs.hosts, { count: 0 }) }).click();
    await page.getByText(s.hosts.empty).waitFor();
    await page.getByRole('button', { name: s.hosts.create }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(h.fields.hostname).fill('sis_web');
    await dialog.getByLabel(h.fields.ips).fill('192.0.2.10');
    await dialog.getByLabel(h.fields.ips).press('Enter');
    await dialog.getByLabel(h.fields.ips).fill('2001:DB8::10');
    await dialog.getByLabel(h.fields.ips).press('Enter');
    await dialog.getByLabel(h.fields.os).fill('Ubuntu 24.04 LTS');
    await dialog.getByRole('button', { name: zh.common.create }).click();
    // An underscore is not allowed in a host name (RFC 1123): the server says so on the field.
    await dialog.getByText(ERROR_MESSAGES.INVALID_HOSTNAME['zh-TW']).first().waitFor();
    await dialog.getByLabel(h.fields.hostname).fill('sis-web01');
    await dialog.getByRole('button', { name: zh.common.create }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: fill(s.tabs.hosts, { count: 1 }) }).waitFor();
    const row = page.getByRole('row', { name: /sis-web01/ });
    await row.getByText('192.0.2.10, 2001:db8::10').waitFor();
    await screenshot(page, 'systems-03-hosts-tab');
  });

  it('fills the three contacts, confirms them, and the overdue flag clears', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: s.tabs.contacts }).click();
    const status = page.getByTestId('contacts-status');
    await status.getByText(s.contacts.dueNow).waitFor();
    const confirm = page.getByRole('button', { name: s.contacts.confirm });
    expect(await confirm.isDisabled()).toBe(true);

    for (const c of CONTACTS) {
      const kind = s.contactKinds[c.kind];
      await page.getByRole('button', { name: fill(s.contacts.fillNamed, { kind }) }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(fill(s.contacts.formTitle, { kind })).waitFor();
      await dialog.getByLabel(s.contacts.name).fill(c.name);
      await dialog.getByLabel(s.contacts.organisation).fill(c.organisation);
      await dialog.getByLabel(s.contacts.phone).fill(c.kind === 'business_owner' ? '12345' : c.phone);
      await dialog.getByLabel(s.contacts.email).fill(`${c.kind}@example.edu.tw`);
      if (c.kind === 'business_owner') {
        await dialog.getByLabel(s.contacts.email).press('Enter');
        await dialog.getByText(s.contacts.phoneInvalid).waitFor();
        await screenshot(page, 'systems-04-contact-phone-invalid');
        await dialog.getByLabel(s.contacts.phone).fill(c.phone);
      }
      await dialog.getByLabel(s.contacts.email).press('Enter');
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(c.phone).waitFor();
    }
    expect(await confirm.isDisabled()).toBe(false);
    await screenshot(page, 'systems-05-contacts-filled');
    await confirm.click();
    await status.getByText(/下次應於/).waitFor();
    await page.getByTestId('contacts-current').waitFor();
    expect(await page.getByTestId('contacts-overdue').count()).toBe(0);
    await screenshot(page, 'systems-06-contacts-confirmed');
  });

  it('lists overdue systems, bulk-confirms them and shows the Ministry view', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.systems }).click();
    await page.getByRole('heading', { name: s.title, level: 1 }).waitFor();
    await page.getByRole('tab', { name: s.tabs.overdue }).click();
    const summary = page.getByRole('tabpanel', { name: s.tabs.overdue });
    const unitRow = summary.getByRole('row', { name: new RegExp(UNIT.name) });
    await unitRow.waitFor();
    await screenshot(page, 'systems-07-overdue-summary');
    await unitRow.getByRole('button', { name: fill(s.overdue.showNamed, { name: UNIT.name }) }).click();

    // Only the second system is still overdue; the confirmed one is filtered out.
    // The list shows its previous rows until the filtered page arrives: wait for it.
    await page.getByRole('row', { name: new RegExp(SECOND) }).waitFor();
    await expect.poll(() => page.getByRole('row', { name: new RegExp(SYSTEM) }).count()).toBe(0);
    await page.getByRole('checkbox', { name: fill(s.bulk.select, { name: SECOND }) }).check();
    await screenshot(page, 'systems-08-bulk-selected');
    await page.getByRole('button', { name: fill(s.bulk.button, { count: 1 }) }).click();
    await page.getByRole('button', { name: s.bulk.confirmOk }).click();
    await page.getByText(fill(s.bulk.done, { count: 1 })).waitFor();
    await page.getByText(s.empty).waitFor();

    await page.getByRole('tab', { name: s.tabs.overdue }).click();
    await summary.getByText(s.overdue.empty).waitFor();
    await page.getByRole('tab', { name: s.tabs.list }).click();
    await page.getByRole('combobox', { name: s.fields.contacts }).click();
    await page.locator('.ant-select-item-option', { hasText: s.contactsFilter.current }).click();
    await page.getByRole('row', { name: new RegExp(SYSTEM) }).waitFor();
    await page.getByRole('row', { name: new RegExp(SECOND) }).waitFor();
    await screenshot(page, 'systems-09-list-current');
  });

  it('shows the host with the system it serves', async () => {
    const { page } = browser;
    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.hosts }).click();
    await page.getByRole('heading', { name: h.title, level: 1 }).waitFor();
    await page.getByLabel(h.search).fill('192.0.2');
    await page.getByLabel(h.search).press('Enter');
    await page.getByRole('link', { name: 'sis-web01' }).click();
    await page.getByRole('heading', { name: 'sis-web01', level: 1 }).waitFor();
    await page.getByRole('link', { name: SYSTEM }).waitFor();
    await screenshot(page, 'systems-10-host-detail');
  });

  it('decommissions a system and freezes its record', async () => {
    const { page } = browser;
    await page.getByRole('link', { name: SYSTEM }).click();
    await page.getByRole('heading', { name: SYSTEM, level: 1 }).waitFor();
    await page.getByRole('button', { name: s.decommission.button }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(s.decommission.reason).fill('改由新版校務系統取代');
    await dialog.getByRole('button', { name: s.decommission.ok }).click();
    await page.getByText(fill(s.decommission.done, { count: 0 })).waitFor();
    await page.getByText(s.status.decommissioned).first().waitFor();
    expect(await page.getByRole('button', { name: zh.common.edit }).count()).toBe(0);
    await screenshot(page, 'systems-11-decommissioned');
    const offline = await admin.api<{ items: { name: string }[] }>(
      'GET',
      `/systems?orgId=${unitId}&status=decommissioned`,
    );
    expect(offline.items.map((i) => i.name)).toEqual([SYSTEM]);
    expect(browser.errors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
