/**
 * Renders the report workbooks (issue 11, defect 12) as pictures for docs/screenshots:
 * the demo data set in a throw-away database, the systems and contracts reports in zh-TW
 * and English, each sheet drawn as an HTML table in Chromium (LibreOffice is not needed).
 *
 *   node --conditions=development --import tsx scripts/render-report-screenshots.ts
 */
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import escapeHtml from 'escape-html';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { eq } from 'drizzle-orm';
import { users } from '../apps/server/src/db/schema/index.js';
import { seedDemo } from '../apps/server/src/modules/seed/seed.service.js';
import { createTestApp, loginAs } from '../apps/server/src/test/helpers.js';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'screenshots');

/** One sheet as HTML: column widths, the styled header row, filter marks, wrapped cells. */
async function sheetHtml(payload: Buffer, title: string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ExcelJS.Buffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw new Error('no sheet');
  }
  const widths = Array.from({ length: sheet.columnCount }, (_, i) => (sheet.getColumn(i + 1).width ?? 10) * 7.5);
  const letters = widths.map((_, i) => String.fromCharCode(65 + i));
  const rows: string[] = [];
  sheet.eachRow((row, n) => {
    const cells = widths.map((_, i) => {
      const value = row.getCell(i + 1).value;
      const text = value === null || value === undefined ? '' : String(value);
      const filter = n === 1 ? '<span class="filter">▾</span>' : '';
      return `<td>${escapeHtml(text).replaceAll('\n', '<br>')}${filter}</td>`;
    });
    rows.push(`<tr class="${n === 1 ? 'header' : ''}"><th class="rownum">${n}</th>${cells.join('')}</tr>`);
  });
  return `<!doctype html><meta charset="utf-8"><style>
    body { font: 13px 'Noto Sans CJK TC', 'Noto Sans TC', sans-serif; margin: 12px; color: #111; }
    h1 { font-size: 14px; font-weight: 600; margin: 0 0 8px; }
    table { border-collapse: collapse; table-layout: fixed; }
    td, th { border: 1px solid #d0d7de; padding: 3px 6px; vertical-align: top; overflow: hidden; }
    th.col, th.rownum { background: #f0f2f5; color: #555; font-weight: normal; text-align: center; }
    tr.header td { background: #ddebf7; font-weight: 700; border-bottom: 2px solid #8ea9c1; position: relative; padding-right: 18px; }
    .filter { position: absolute; right: 3px; top: 3px; font-size: 10px; border: 1px solid #8ea9c1; background: #fff; padding: 0 2px; }
    tr.header { box-shadow: 0 2px 0 #5b7fa6; }
  </style><h1>${escapeHtml(title)} — ${escapeHtml(sheet.name)}（凍結首列／自動篩選 ${escapeHtml(String(sheet.autoFilter))}）</h1>
  <table><colgroup><col style="width:36px">${widths.map((w) => `<col style="width:${w}px">`).join('')}</colgroup>
  <tr><th class="rownum"></th>${letters.map((l) => `<th class="col">${l}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

const t = await createTestApp();
try {
  await seedDemo(t.deps, { password: 'Screenshot-Demo-2026' });
  const [admin] = await t.db.db.select().from(users).where(eq(users.email, 'yating.chen@moe.example'));
  if (!admin) {
    throw new Error('demo admin missing');
  }
  const session = await loginAs(t, admin.id);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const page = await browser.newPage({ viewport: { width: 1800, height: 900 } });
  for (const locale of ['zh-TW', 'en'] as const) {
    const sections: string[] = [];
    for (const list of ['systems', 'contracts'] as const) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/exports/${list}.report.xlsx`,
        headers: { ...session, 'accept-language': locale },
      });
      if (res.statusCode !== 200) {
        throw new Error(`${list} report: ${res.statusCode} ${res.body}`);
      }
      await writeFile(join('/tmp', `${list}-report.${locale}.xlsx`), res.rawPayload);
      sections.push(await sheetHtml(res.rawPayload, `${list}.report.xlsx`));
    }
    await page.setContent(sections.join('<div style="height:24px"></div>'));
    await page.screenshot({ path: join(OUT, `report-workbook.${locale}.png`), fullPage: true });
  }
  await browser.close();
} finally {
  await t.close();
}
