/**
 * In real Chromium: bulk onboarding (issue 3). Download the Excel template, fill it in,
 * upload it with one bad row and see exactly that error with commit disabled, upload the
 * fixed file, commit, find the systems in the systems list, and export them again.
 */
import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '@custodian/shared';
import zh from '../apps/web/src/locales/zh-TW.json' with { type: 'json' };
import zhImports from '../apps/web/src/locales/zh-TW/imports.json' with { type: 'json' };
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
} from './harness.js';

const im = zhImports.imports;

const UNIT = { code: 'NTU-0001', name: '國立範例大學' };
const SYSTEMS = ['校務行政資訊系統', '招生報名網站'];

type Rows = Record<string, Record<string, string>[]>;

/** The downloaded template with rows written under its headers (matched by zh-TW label). */
async function filledTemplate(template: Buffer, rows: Rows): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
  for (const [sheetName, list] of Object.entries(rows)) {
    const sheet = workbook.getWorksheet(sheetName);
    if (!sheet) {
      throw new Error(`template has no sheet ${sheetName}`);
    }
    const headers = new Map<string, number>();
    sheet.getRow(1).eachCell((cell, col) => headers.set(String(cell.value).replace(' *', ''), col));
    list.forEach((values, i) => {
      const row = sheet.getRow(3 + i);
      for (const [label, value] of Object.entries(values)) {
        const col = headers.get(label);
        if (!col) {
          throw new Error(`no column ${label} in ${sheetName}`);
        }
        row.getCell(col).value = value;
      }
      row.commit();
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function onboardingRows(hostIp: string): Rows {
  return {
    系統: SYSTEMS.map((name, i) => ({
      單位代碼: UNIT.code,
      系統名稱: name,
      類型: i === 0 ? '應用系統' : '網站',
      網址: `https://s${i + 1}.ntu.example.edu.tw`,
      環境: '正式',
      狀態: '上線中',
      上線日: '113/09/01',
      防護等級: i === 0 ? '中' : '普',
      個資: '否',
    })),
    主機: [
      {
        單位代碼: UNIT.code,
        主機名稱: 'ntu-web-01',
        'IP 位址': hostIp,
        位置: '地端',
        服務系統名稱: SYSTEMS.join('\n'),
      },
    ],
    聯絡人: [
      {
        單位代碼: UNIT.code,
        系統名稱: SYSTEMS[0] ?? '',
        角色: '業務負責人',
        姓名: '陳業務',
        電話: '02-2345-6789',
        'e-mail': 'biz@ntu.example.edu.tw',
      },
    ],
  };
}

describe('bulk import', () => {
  let server: E2eServer;
  let browser: E2eBrowser;
  let admin: BootstrappedAdmin;
  let template = Buffer.alloc(0);

  beforeAll(async () => {
    server = await startServer();
    admin = await bootstrapAdmin(server);
    await admin.api('POST', '/organisations', { kind: 'division', code: 'MOE-DIT', name: '資訊及科技教育司' });
    await admin.api('POST', '/organisations', { kind: 'unit', ...UNIT });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('downloads the Excel template from the imports page', async () => {
    const { page } = browser;
    await signInAsAdmin(page, server, admin);

    await page.getByRole('navigation', { name: zh.nav.label }).getByRole('link', { name: zh.nav.imports }).click();
    await page.getByRole('heading', { name: im.title, level: 1 }).waitFor();
    await screenshot(page, 'imports-01-start');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: im.template.xlsx }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^匯入範本-\d{8}\.xlsx$/);
    template = await readFile((await download.path()) ?? '');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(template as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['說明', '單位', '委辦案', '系統', '主機', '聯絡人']);
  });

  it('previews a file with one bad row: that error only, and no commit', async () => {
    const { page } = browser;
    const content = await filledTemplate(template, onboardingRows('192.0.2.300'));
    await page.locator('input[type=file]').setInputFiles({
      name: '範例大學盤點.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: content,
    });
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: im.job.title }).waitFor();
    await page.getByText(fill(im.job.errorCount, { count: 1 })).waitFor();
    const row = page.getByRole('row', { name: new RegExp(ERROR_MESSAGES.INVALID_IP['zh-TW']) });
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual([
      '主機',
      '3',
      'IP 位址',
      '192.0.2.300',
      ERROR_MESSAGES.INVALID_IP['zh-TW'],
    ]);
    expect(await page.getByRole('button', { name: im.job.commit }).isDisabled()).toBe(true);
    await screenshot(page, 'imports-02-preview-with-error');
    const systems = await admin.api<{ total: number }>('GET', '/systems');
    expect(systems.total).toBe(0);
  });

  it('commits the fixed file and shows the systems in the systems list', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: im.job.uploadAgain }).click();
    await page.getByRole('heading', { name: im.title, level: 1 }).waitFor();
    const content = await filledTemplate(template, onboardingRows('192.0.2.30'));
    await page.locator('input[type=file]').setInputFiles({
      name: '範例大學盤點-修正.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: content,
    });
    await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
    await page.getByText(fill(im.job.noErrors, { count: 4 })).waitFor();
    await screenshot(page, 'imports-03-preview-clean');

    const commit = page.getByRole('button', { name: im.job.commit });
    expect(await commit.isEnabled()).toBe(true);
    await commit.click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: im.job.commit }).click();
    await page.getByRole('heading', { name: fill(im.job.committed, { count: 4 }) }).waitFor();
    await screenshot(page, 'imports-04-committed');

    await page.getByRole('button', { name: fill(im.job.openList, { list: '系統' }) }).click();
    await page.waitForURL(/\/systems$/);
    for (const name of SYSTEMS) {
      await page.getByText(name, { exact: true }).first().waitFor();
    }
    await screenshot(page, 'imports-05-systems-list');
    const systems = await admin.api<{ total: number; items: { name: string; hostCount: number }[] }>('GET', '/systems');
    expect(systems.items.map((s) => [s.name, s.hostCount]).sort()).toEqual(SYSTEMS.map((n) => [n, 1]).sort());
  });

  it('exports the systems in the template layout', async () => {
    const { page } = browser;
    await page.goto(`${server.url}/imports`);
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: fill(im.exports.button, { list: '系統' }) }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^系統-\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path()) ?? '')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('系統');
    expect([sheet?.getRow(3).getCell(2).value, sheet?.getRow(4).getCell(2).value].sort()).toEqual([...SYSTEMS].sort());
    expect(browser.errors).toEqual([]);
    expect(browser.cspViolations).toEqual([]);
  });
});
