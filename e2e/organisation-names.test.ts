/**
 * In real Chromium (issue 11, defect 6): the English interface names organisations by their
 * English name where one is recorded, and by the official zh-TW name otherwise; zh-TW
 * stays the default and shows the official names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import zhContracts from '../apps/web/src/locales/zh-TW/contracts.json' with { type: 'json' };
import enContracts from '../apps/web/src/locales/en/contracts.json' with { type: 'json' };
import enSystems from '../apps/web/src/locales/en/systems.json' with { type: 'json' };
import {
  bootstrapAdmin,
  launchBrowser,
  signInAsAdmin,
  startServer,
  type BootstrappedAdmin,
  type E2eBrowser,
  type E2eServer,
} from './harness.js';

const NTNU = { name: '國立臺灣師範大學', nameEn: 'National Taiwan Normal University' };
const DIVISION = { name: '資訊及科技教育司', nameEn: 'Department of Information and Technology Education' };
/** A unit without an English name keeps its official name in English too. */
const UNNAMED = '國立民國大學';

describe('organisation names in the interface language', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    const division = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'division',
      code: 'MOE-DIT',
      ...DIVISION,
    });
    const ntnu = await admin.api<{ id: string }>('POST', '/organisations', { kind: 'unit', code: 'NTNU', ...NTNU });
    const unnamed = await admin.api<{ id: string }>('POST', '/organisations', {
      kind: 'unit',
      code: 'ROC-0001',
      name: UNNAMED,
    });
    for (const [number, unitId] of [
      ['MOE-115-0701', ntnu.id],
      ['MOE-115-0702', unnamed.id],
    ] as const) {
      await admin.api('POST', '/contracts', {
        number,
        name: '校務系統維護委辦案',
        type: 'commission',
        divisionId: division.id,
        unitId,
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
      });
    }
    await admin.api('POST', '/systems', {
      orgId: ntnu.id,
      name: '師大校務行政系統',
      kind: 'application',
      urls: ['https://sis.ntnu.example.tw/'],
      protectionLevel: 'normal',
      handlesPersonalData: false,
    });
    browser = await launchBrowser();
    await signInAsAdmin(browser.page, server, admin);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The texts of one column of the list's table, by its header. */
  const column = async (header: string) => {
    const { page } = browser;
    const table = page.getByRole('table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const headers = await table.locator('thead th').allTextContents();
    const index = headers.findIndex((h) => h.trim() === header);
    expect(index, `column ${header} in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
    return (await table.locator(`tbody tr.ant-table-row td:nth-child(${index + 1})`).allTextContents()).sort();
  };

  it('shows the official zh-TW names by default', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/contracts`);
    expect(await column(zhContracts.contracts.fields.unit)).toEqual([UNNAMED, NTNU.name]);
    await page.getByTestId('current-user').getByText('教育部').waitFor();
  });

  it('shows English names in English, and the official name where there is none', async () => {
    const { page } = browser;
    await page.evaluate("localStorage.setItem('custodian.language', 'en')");
    await page.goto(`${server.url}/contracts`);
    expect(await column(enContracts.contracts.fields.unit)).toEqual([NTNU.nameEn, UNNAMED]);
    const divisions = await column(enContracts.contracts.fields.division);
    expect(divisions).toHaveLength(2);
    expect(divisions.every((d) => d.startsWith(DIVISION.nameEn))).toBe(true);
    // The header names the signed-in user's organisation, the Ministry, in English as well.
    await page.getByTestId('current-user').getByText('Ministry of Education').waitFor();
    expect(await page.getByText(NTNU.name).count()).toBe(0);
    expect(await page.getByText(DIVISION.name).count()).toBe(0);

    await page.goto(`${server.url}/systems`);
    expect(await column(enSystems.systems.fields.unit)).toEqual([NTNU.nameEn]);
    expect(await page.getByText(NTNU.name).count()).toBe(0);
  });
});
