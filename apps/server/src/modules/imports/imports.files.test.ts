import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { sql } from 'drizzle-orm';
import { IMPORT_LIMITS } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { multipartForm, uploadImport } from '../../test/matrix/imports.js';
import { zipEntries, zipOf } from '../../test/import-samples.js';
import { readZipEntryText } from './imports.archive.js';
import { buildImportCsv, buildImportWorkbook } from './imports.sample.js';

/** The template, and uploads that are not what they should be: each gets a clear error, none crashes. */
describe('imports: template and refused files', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdmin: Record<string, string>;

  const refusal = async (content: Buffer, filename = 'upload.xlsx') => {
    const res = await uploadImport(t, admin, { content, filename });
    return { status: res.statusCode, code: json<{ error?: { code: string } }>(res).error?.code };
  };
  const validWorkbook = () =>
    buildImportWorkbook({ systems: [{ unitCode: 'UNIT-A', name: '範例系統', protectionLevel: '普' }] });
  /** A valid workbook with one part replaced. */
  const withPart = async (name: string, content: string) => {
    const zip = await JSZip.loadAsync(await validWorkbook());
    zip.file(name, content);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdmin = await loginAs(t, w.users.unitAdminA.id);
  });
  afterAll(async () => t.close());

  it('offers an XLSX template with zh-TW headers, English beneath, drop-downs and a guide', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/template.xlsx', headers: unitAdmin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="import-template-\d{8}\.xlsx"/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['說明', '單位', '委辦案', '系統', '主機', '聯絡人']);
    const systems = workbook.getWorksheet('系統');
    expect(systems?.getRow(1).values).toEqual(
      expect.arrayContaining(['單位代碼 *', '系統名稱 *', '防護等級 *', '個資', '所屬案號']),
    );
    expect(systems?.getRow(2).values).toEqual(expect.arrayContaining(['Protection level *', 'Contract numbers']));
    // exceljs expands a range rule per cell on load; the file itself holds one rule per column.
    const systemsXml = readZipEntryText(res.rawPayload, 'xl/worksheets/sheet4.xml') ?? '';
    expect(systemsXml).toContain(
      `sqref="I3:I${IMPORT_LIMITS.maxRows + 2}"><formula1>&quot;普,中,高&quot;</formula1></dataValidation>`,
    );
    const contracts = workbook.getWorksheet('委辦案');
    expect(contracts?.getRow(1).getCell(3).value).toBe('類型 *');
    const guide = workbook.getWorksheet('說明');
    const guideText: string[] = [];
    guide?.eachRow((row) => guideText.push(row.values?.toString() ?? ''));
    expect(guideText.join('\n')).toContain('MOE-DIT');
    expect(guideText.join('\n')).toContain('UNIT-A');
    // A unit admin's guide lists their unit only, and says the units sheet is not theirs.
    expect(guideText.join('\n')).not.toContain('UNIT-B');
    expect(guideText.join('\n')).toContain('「單位」工作表僅限教育部資安管理者匯入');
  });

  it('offers each sheet as a UTF-8 CSV with a BOM', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/contacts.csv', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(res.body.slice(1).split('\r\n')).toEqual([
      '單位代碼 *,系統名稱 *,角色 *,姓名 *,所屬單位,職稱,電話 *,e-mail *',
      'Unit code *,System name *,Role *,Name *,Organisation,Job title,Phone *,E-mail *',
      '',
    ]);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/imports/templates/users.csv', headers: admin });
    expect(unknown.statusCode).toBe(400);
  });

  it('refuses an empty template, an empty file and a request without a file', async () => {
    const template = await t.app.inject({ method: 'GET', url: '/api/v1/imports/template.xlsx', headers: admin });
    expect(await refusal(template.rawPayload)).toEqual({ status: 400, code: 'FILE_EMPTY' });
    expect(await refusal(buildImportCsv('systems', []), 'empty.csv')).toEqual({ status: 400, code: 'FILE_EMPTY' });
    const form = multipartForm([{ name: 'sheet', value: 'systems' }]);
    const noFile = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...admin, ...form.headers },
      payload: form.payload,
    });
    expect(json(noFile)).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const notMultipart = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: admin,
      payload: { a: 1 },
    });
    expect(notMultipart.statusCode).toBe(415);
  });

  it('refuses garbage, binaries, truncated and tampered workbooks with IMPORT_FILE_INVALID', async () => {
    const good = await validWorkbook();
    const invalid = { status: 400, code: 'IMPORT_FILE_INVALID' };
    expect(await refusal(Buffer.from('PK\u0003\u0004 this is not really a zip'))).toEqual(invalid);
    expect(await refusal(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), 'old.xls')).toEqual(
      invalid,
    );
    expect(await refusal(good.subarray(0, Math.floor(good.length / 2)))).toEqual(invalid);
    expect(await refusal(Buffer.from(good.map((b, i) => (i > 300 && i < 600 ? b ^ 0xff : b))))).toEqual(invalid);
    const noWorkbook = new JSZip();
    noWorkbook.file('word/document.xml', '<w:document/>');
    expect(await refusal(await noWorkbook.generateAsync({ type: 'nodebuffer' }), 'a.docx')).toEqual(invalid);
    expect(await refusal(await withPart('xl/workbook.xml', 'not xml <<<'))).toEqual(invalid);
    expect(await refusal(Buffer.from('only one line, no header we know\r\n1,2\r\n'), 'x.csv')).toEqual(invalid);
  });

  it('refuses XML with a DOCTYPE (entity expansion) before exceljs parses it', async () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>';
    expect(await refusal(await withPart('xl/worksheets/sheet1.xml', bomb))).toEqual({
      status: 400,
      code: 'IMPORT_FILE_INVALID',
    });
  });

  it('refuses a zip bomb and an entry whose size lies, without inflating it all', async () => {
    // 120 MiB of zeros deflate to about 120 KiB: far over the inflation limit.
    const entries = await zipEntries(await validWorkbook());
    const bomb = zipOf([...entries, { name: 'xl/media/image1.png', data: Buffer.alloc(120 * 1024 * 1024) }]);
    expect(bomb.length).toBeLessThan(IMPORT_LIMITS.maxFileBytes);
    expect(await refusal(bomb)).toEqual({ status: 413, code: 'IMPORT_ARCHIVE_TOO_LARGE' });

    // A central directory that understates an entry's size.
    const good = await validWorkbook();
    const lying = Buffer.from(good);
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (
      let at = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      at !== -1;
      at = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)
    ) {
      const nameLength = lying.readUInt16LE(at + 28);
      if (lying.subarray(at + 46, at + 46 + nameLength).equals(name)) {
        lying.writeUInt32LE(16, at + 24);
      }
    }
    expect(await refusal(lying)).toEqual({ status: 400, code: 'IMPORT_FILE_INVALID' });
  });

  it('refuses a file over the size limit and a file with too many rows', async () => {
    const big = Buffer.alloc(IMPORT_LIMITS.maxFileBytes + 1, 'a');
    expect(await refusal(big, 'big.csv')).toEqual({ status: 413, code: 'FILE_TOO_LARGE' });

    const rows = Array.from({ length: IMPORT_LIMITS.maxRows + 1 }, (_, i) => ({
      unitCode: 'UNIT-A',
      hostname: `many-${i}`,
    }));
    expect(await refusal(buildImportCsv('hosts', rows), 'many.csv')).toEqual({
      status: 400,
      code: 'IMPORT_TOO_MANY_ROWS',
    });

    // Before exceljs builds its model: a sheet with more row elements than any import needs.
    const empty = Array.from({ length: 100_001 }, (_, i) => `<row r="${i + 1}"/>`).join('');
    const sheet =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData>${empty}</sheetData></worksheet>`;
    expect(await refusal(await withPart('xl/worksheets/sheet1.xml', sheet))).toEqual({
      status: 400,
      code: 'IMPORT_TOO_MANY_ROWS',
    });
  });

  it('still serves requests after all that, and stored no job for refused files', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    const [jobs] = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from import_jobs`);
    expect(jobs?.n).toBe(0);
  });
});
