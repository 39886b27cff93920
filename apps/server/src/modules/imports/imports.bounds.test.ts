import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { buildNotesWorkbook, zipEntries, zipOf } from '../../test/import-samples.js';
import { uploadImport } from '../../test/matrix/imports.js';
import { claimImportSlot, countRunningImports, IMPORT_CONCURRENCY, IMPORT_FILE_LIMITS } from './imports.limits.js';
import { buildImportCsv, buildImportWorkbook, sampleOnboardingSheets } from './imports.sample.js';

type Answer = { status: number; code?: string; errors?: string[] };

/**
 * What an import may cost (issue 8, finding 4): unpacked size, text length and cell count
 * are bounded before exceljs or csv-parse reads the file, and imports run one per user and
 * two at a time.
 */
describe('imports: bounds on what a file may cost', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let jobsBefore = 0;

  const jobCount = async () => {
    const [row] = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from import_jobs`);
    return row?.n ?? 0;
  };
  const answer = async (content: Buffer, filename = 'upload.xlsx'): Promise<Answer> => {
    const res = await uploadImport(t, admin, { content, filename });
    const body = json<{ error?: { code: string }; errors?: { items: { code: string; column: string }[] } }>(res);
    return {
      status: res.statusCode,
      ...(body.error ? { code: body.error.code } : {}),
      ...(body.errors ? { errors: body.errors.items.map((e) => `${e.column} ${e.code}`) } : {}),
    };
  };
  /** Accepted as a preview, with the Notes column's own row error (its limit is 4,000). */
  const notesTooLong: Answer = { status: 201, errors: ['notes IMPORT_ROW_INVALID_TEXT'] };
  const textTooLong: Answer = { status: 400, code: 'IMPORT_TEXT_TOO_LONG' };
  const letters = (n: number) => Buffer.alloc(n, 'A');

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  it('refuses the workbook of issue 8 (one 60-million-character string) before exceljs reads it, storing nothing', async () => {
    jobsBefore = await jobCount();
    const hostile = await buildNotesWorkbook(letters(60_000_000));
    expect(hostile.length).toBeLessThan(100 * 1024);
    // Its shared strings declare 60 MB: over the limit of one entry, refused before inflating.
    expect(await answer(hostile)).toEqual({ status: 413, code: 'IMPORT_ARCHIVE_TOO_LARGE' });
    // Half of it fits in an entry, and the scan stops at the overlong text.
    const half = await buildNotesWorkbook(letters(30_000_000));
    expect(await answer(half)).toEqual(textTooLong);
    const res = await uploadImport(t, { ...admin, 'accept-language': 'en' }, { content: half, filename: 'a.xlsx' });
    expect(json<{ error: { message: string } }>(res).error.message).toContain('32,767 characters');
    expect(await jobCount()).toBe(jobsBefore);
    expect(countRunningImports()).toBe(0);
  });

  it('takes a text of 32,767 characters and refuses one more, shared or inline, in one run or several', async () => {
    const max = IMPORT_FILE_LIMITS.maxTextChars;
    expect(await answer(await buildNotesWorkbook(letters(max)))).toEqual(notesTooLong);
    expect(await answer(await buildNotesWorkbook(letters(max + 1)))).toEqual(textTooLong);
    expect(await answer(await buildNotesWorkbook(letters(max), { inline: true }))).toEqual(notesTooLong);
    expect(await answer(await buildNotesWorkbook(letters(max + 1), { inline: true }))).toEqual(textTooLong);
    // Escapes count as the character they stand for: 32,767 `&amp;` are 32,767 characters.
    expect(await answer(await buildNotesWorkbook(Buffer.from('&amp;'.repeat(max))))).toEqual(notesTooLong);
    // Rich-text runs of one shared string add up.
    const half = 'A'.repeat(Math.ceil((max + 1) / 2));
    const runs = Buffer.from(`${half}</t><r><t>${half}</t></r><t>`);
    expect(await answer(await buildNotesWorkbook(runs))).toEqual(textTooLong);
    // An attribute value is held to the same limit.
    const attribute = await buildNotesWorkbook(Buffer.from(`</t><t x="${'A'.repeat(max + 1)}">`));
    expect(await answer(attribute)).toEqual(textTooLong);
  });

  it('refuses an entry that unpacks beyond its own limit though the whole archive is under the total', async () => {
    const entries = await zipEntries(await buildImportWorkbook({ systems: [] }));
    const padding = { name: 'xl/media/image1.png', data: Buffer.alloc(IMPORT_FILE_LIMITS.maxEntryBytes + 1) };
    expect(IMPORT_FILE_LIMITS.maxEntryBytes + 1).toBeLessThan(IMPORT_FILE_LIMITS.maxUnpackedBytes);
    expect(await answer(zipOf([...entries, padding]))).toEqual({ status: 413, code: 'IMPORT_ARCHIVE_TOO_LARGE' });
  });

  it('refuses more cells or shared strings than an import can use', async () => {
    const entries = await zipEntries(
      await buildImportWorkbook({ systems: [{ unitCode: 'UNIT-A', name: '範例系統', protectionLevel: '普' }] }),
    );
    const tooMany = IMPORT_FILE_LIMITS.maxCells + 1;
    const replace = (name: string, xml: string) =>
      zipOf(entries.map((e) => (e.name === name ? { name, data: Buffer.from(xml) } : e)));
    // Empty formatted cells, as a spreadsheet program writes them, count too.
    const cells = Array.from({ length: tooMany }, (_, i) => `<c r="A${3 + Math.floor(i / 16)}" s="1"/>`);
    const sheet =
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData><row r="3">${cells.join('')}</row></sheetData></worksheet>`;
    expect(await answer(replace('xl/worksheets/sheet1.xml', sheet))).toEqual({
      status: 400,
      code: 'IMPORT_TOO_MANY_CELLS',
    });
    const strings =
      '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `${'<si><t>x</t></si>'.repeat(tooMany)}</sst>`;
    expect(await answer(replace('xl/sharedStrings.xml', strings))).toEqual({
      status: 400,
      code: 'IMPORT_TOO_MANY_CELLS',
    });
  });

  it('holds CSV to the same text and cell limits', async () => {
    const max = IMPORT_FILE_LIMITS.maxTextChars;
    const contract = (notes: string) => [
      {
        number: 'CSV-1',
        name: '長備註委辦案',
        type: '委辦',
        divisionCode: 'MOE-DIT',
        unitCode: 'UNIT-A',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        notes,
      },
    ];
    expect(await answer(buildImportCsv('contracts', contract('A'.repeat(max))), 'c.csv')).toEqual(notesTooLong);
    expect(await answer(buildImportCsv('contracts', contract('A'.repeat(max + 1))), 'c.csv')).toEqual(textTooLong);
    // Lines of empty fields: no row, but every field is a cell to hold.
    const header = buildImportCsv('contracts', []);
    const blankLine = `${','.repeat(20_000)}\r\n`;
    const blanks = Buffer.concat([header, Buffer.from(blankLine.repeat(IMPORT_FILE_LIMITS.maxCells / 20_000 + 1))]);
    expect(blanks.length).toBeLessThan(1024 * 1024);
    expect(await answer(blanks, 'blank.csv')).toEqual({ status: 400, code: 'IMPORT_TOO_MANY_CELLS' });
  });

  it('stored a preview only for the files it took', async () => {
    // The four previews with a too-long note; every refused file stored nothing.
    expect(await jobCount()).toBe(jobsBefore + 4);
    expect(countRunningImports()).toBe(0);
  });

  it('runs one import of a user at a time: a second upload or a commit meanwhile gets 429 IMPORT_BUSY', async () => {
    const sheets = sampleOnboardingSheets({ unitCodes: ['UNIT-A', 'UNIT-B'], rows: 400, divisionCode: 'MOE-DIT' });
    const file = await buildImportWorkbook(sheets);
    const upload = () => uploadImport(t, admin, { content: file, filename: 'rows.xlsx' });
    // The user's slot is held as a running import would hold it, so the refusal does not
    // depend on two requests happening to overlap.
    let release = claimImportSlot(w.users.ministryAdmin.id);
    const busy = await upload();
    expect(busy.statusCode).toBe(429);
    expect(busy.headers['retry-after']).toBe(String(IMPORT_CONCURRENCY.retryAfterSeconds));
    expect(json<{ error: { code: string } }>(busy).error.code).toBe('IMPORT_BUSY');
    release();
    expect(countRunningImports()).toBe(0);

    // The slot came back: the upload alone goes through; its commit is refused while
    // another import of the same user runs, then goes through.
    const done = await upload();
    expect(done.statusCode, done.body).toBe(201);
    const job = json<{ id: string; errorCount: number }>(done);
    expect(job.errorCount).toBe(0);
    const commit = () => t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, headers: admin });
    release = claimImportSlot(w.users.ministryAdmin.id);
    expect((await commit()).statusCode).toBe(429);
    release();
    expect((await commit()).statusCode).toBe(200);
    // Another user is not held up by this one's import, up to the total.
    release = claimImportSlot(w.users.ministryAdmin.id);
    expect(() => claimImportSlot(w.users.ministryAdmin.id)).toThrow();
    const other = claimImportSlot(w.users.unitAdminA.id);
    expect(() => claimImportSlot(w.users.unitAdminB.id)).toThrow();
    other();
    release();
    expect(countRunningImports()).toBe(0);
  });
});
