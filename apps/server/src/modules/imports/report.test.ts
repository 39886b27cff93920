import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ImportJobDetail } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { uploadImport } from '../../test/matrix/imports.js';
import { buildImportWorkbook, type SampleSheets } from './imports.sample.js';

/** The readable report workbooks, parsed back: names, ROC dates, verdicts, frozen and filtered header. */
describe('report workbooks', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;

  const SHEETS: SampleSheets = {
    units: [{ code: 'RP-U1', name: '報表大學', nameEn: 'Report University', unitType: '學校' }],
    contracts: [
      {
        number: 'RP-C-1',
        name: '報表網站案',
        type: '委辦',
        divisionCode: 'MOE-DIT',
        unitCode: 'RP-U1',
        periodStart: '115/03/01',
        periodEnd: '116/02/28',
        amount: 1_200_000,
      },
    ],
    systems: [
      {
        unitCode: 'RP-U1',
        name: '報表入口網',
        kind: '網站',
        urls: 'https://rp.example.edu.tw',
        environment: '正式',
        status: '上線中',
        launchDate: '2026-03-01',
        protectionLevel: '中',
        handlesPersonalData: '否',
        contractNumbers: 'RP-C-1',
      },
      {
        unitCode: 'RP-U1',
        name: '報表測試站',
        kind: '應用系統',
        environment: '測試',
        status: '規劃中',
        protectionLevel: '普',
        handlesPersonalData: '否',
      },
    ],
    hosts: [],
    contacts: [
      {
        unitCode: 'RP-U1',
        systemName: '報表入口網',
        kind: '業務負責人',
        name: '林業務',
        phone: '02-2345-6789',
        email: 'owner@rp.example.edu.tw',
      },
    ],
  };

  const report = async (list: 'contracts' | 'systems', query = '', locale = 'zh-TW') => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/exports/${list}.report.xlsx${query}`,
      headers: { ...admin, 'accept-language': locale },
    });
    expect(res.statusCode, res.body).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) {
      throw new Error('no sheet');
    }
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      rows.push(
        Array.from({ length: sheet.columnCount }, (_, i) => values[i + 1]).map((v) =>
          v === null || v === undefined ? '' : String(v),
        ),
      );
    });
    return { res, sheet, header: rows[0] ?? [], rows: rows.slice(1) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    const upload = await uploadImport(t, admin, { content: await buildImportWorkbook(SHEETS), filename: 'rp.xlsx' });
    const job = json<ImportJobDetail>(upload);
    expect(job.errors.items, upload.body).toEqual([]);
    const done = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, headers: admin });
    expect(done.statusCode, done.body).toBe(200);
  });
  afterAll(async () => t.close());

  it('writes the contracts report with names, ROC dates and the clause verdict, header frozen and filtered', async () => {
    const { res, sheet, header, rows } = await report('contracts', '?q=RP-C');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contracts-report-\d{8}\.xlsx"/);
    expect(sheet.name).toBe('委辦案報表');
    expect(header.slice(0, 8)).toEqual([
      '案號',
      '案名',
      '類型',
      '受委辦單位',
      '業務單位',
      '業務承辦人',
      '契約起日',
      '契約迄日',
    ]);
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(header.map((h, i) => [h, rows[0]?.[i]]));
    expect(row).toMatchObject({
      案號: 'RP-C-1',
      類型: '委辦',
      受委辦單位: '報表大學',
      業務單位: '資訊及科技教育司',
      契約起日: '民國115年3月1日',
      契約迄日: '民國116年2月28日',
      '金額（新臺幣）': '1200000',
      資安條款檢核: '不符合',
    });
    // No clause marked yet: every required clause is missing, named by item and title.
    expect(row['缺漏條款']).toMatch(/^十二\(一\) /m);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:M2`);
    expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(30);
  });

  it('writes the systems report with the contact state and overdue flag, in English when asked', async () => {
    const zh = await report('systems', '?q=%E5%A0%B1%E8%A1%A8');
    expect(zh.rows.map((r) => r[1])).toEqual(['報表入口網', '報表測試站']);
    const portal = Object.fromEntries(zh.header.map((h, i) => [h, zh.rows[0]?.[i]]));
    expect(portal).toMatchObject({
      單位: '報表大學',
      狀態: '上線中',
      上線日期: '民國115年3月1日',
      聯絡人: '尚缺：應用系統負責人、維護單位',
      聯絡資料確認日: '尚未確認',
      聯絡資料逾期: '是',
      委辦案號: 'RP-C-1',
    });

    const en = await report('systems', '?q=%E5%A0%B1%E8%A1%A8&status=online', 'en');
    expect(en.sheet.name).toBe('Systems report');
    expect(en.rows).toHaveLength(1);
    const row = Object.fromEntries(en.header.map((h, i) => [h, en.rows[0]?.[i]]));
    expect(row).toMatchObject({
      Unit: 'Report University',
      Status: 'Online',
      Launched: '2026-03-01',
      Contacts: 'Missing: System owner, Maintenance unit',
      'Contacts overdue': 'Yes',
    });
    expect(en.sheet.autoFilter).toBe('A1:N2');
  });
});
