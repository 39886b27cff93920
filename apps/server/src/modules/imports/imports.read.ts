import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../lib/excel.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { IMPORT_COLUMNS, IMPORT_LIMITS, IMPORT_SHEET_LABELS, IMPORT_SHEETS, type ImportSheet } from '@custodian/shared';
import { AppError } from '../../errors.js';
import { assertSafeXlsxArchive, looksLikeZip } from './imports.archive.js';
import { IMPORT_FILE_LIMITS } from './imports.limits.js';

/**
 * Reading an upload into plain rows: which sheet, which column, which spreadsheet row.
 * Nothing is checked here beyond the file itself; imports.rows.ts checks the values.
 */
export type CellValue = string | Date | null;
export type RawRow = { row: number; cells: Record<string, CellValue> };
export type RawSheet = {
  sheet: ImportSheet;
  /** Spreadsheet row of the (zh-TW) header. */
  headerRow: number;
  /** Required columns the header lacks. */
  missingColumns: string[];
  rows: RawRow[];
};
export type RawUpload = { format: 'xlsx' | 'csv'; sheets: RawSheet[] };

/** Header rows are looked for among the first few rows, so a title line above them is fine. */
const HEADER_SEARCH_ROWS = 5;

const normaliseLabel = (text: string) => text.replace(/[*＊\s]/g, '').toLowerCase();

const COLUMN_LOOKUP: Record<ImportSheet, Map<string, string>> = Object.fromEntries(
  IMPORT_SHEETS.map((sheet) => [
    sheet,
    new Map(
      IMPORT_COLUMNS[sheet].flatMap((c) => [
        [normaliseLabel(c.label['zh-TW']), c.key],
        [normaliseLabel(c.label.en), c.key],
        [normaliseLabel(c.key), c.key],
      ]),
    ),
  ]),
) as Record<ImportSheet, Map<string, string>>;

const SHEET_LOOKUP = new Map<string, ImportSheet>(
  IMPORT_SHEETS.flatMap((sheet) => [
    [normaliseLabel(IMPORT_SHEET_LABELS[sheet]['zh-TW']), sheet],
    [normaliseLabel(IMPORT_SHEET_LABELS[sheet].en), sheet],
    [normaliseLabel(sheet), sheet],
  ]),
);

/** The sheet a name (zh-TW, English or key) stands for. */
export function sheetFromName(name: string): ImportSheet | undefined {
  return SHEET_LOOKUP.get(normaliseLabel(name));
}

/** Column keys by position for a header row; undefined where a cell names no column. */
function matchHeader(sheet: ImportSheet, cells: CellValue[]): (string | undefined)[] {
  const lookup = COLUMN_LOOKUP[sheet];
  return cells.map((c) => (typeof c === 'string' ? lookup.get(normaliseLabel(c)) : undefined));
}

const matchedCount = (keys: (string | undefined)[]) => new Set(keys.filter(Boolean)).size;

/** Turns header + data rows (as cell arrays) into keyed rows, skipping a second (English) header row. */
function toRawSheet(sheet: ImportSheet, table: { row: number; cells: CellValue[] }[]): RawSheet {
  let best = { index: -1, keys: [] as (string | undefined)[] };
  for (const [index, line] of table.slice(0, HEADER_SEARCH_ROWS).entries()) {
    const keys = matchHeader(sheet, line.cells);
    if (matchedCount(keys) > matchedCount(best.keys)) {
      best = { index, keys };
    }
  }
  const headerRow = table[best.index]?.row ?? 1;
  const present = new Set(best.keys.filter(Boolean));
  // A blank sheet is simply not used; only a sheet with content must carry its columns.
  const missingColumns =
    table.length === 0 ? [] : IMPORT_COLUMNS[sheet].filter((c) => c.required && !present.has(c.key)).map((c) => c.key);
  let dataStart = best.index + 1;
  const next = table[dataStart];
  // The template's second row repeats the headers in English; an export keeps it too.
  if (next && matchedCount(matchHeader(sheet, next.cells)) >= Math.max(1, Math.ceil(present.size / 2))) {
    dataStart += 1;
  }
  const rows: RawRow[] = [];
  for (const line of best.index < 0 ? [] : table.slice(dataStart)) {
    const cells: Record<string, CellValue> = {};
    let hasValue = false;
    best.keys.forEach((key, i) => {
      const value = line.cells[i] ?? null;
      if (key && cells[key] === undefined) {
        cells[key] = value;
        hasValue ||= value !== null;
      }
    });
    if (hasValue) {
      rows.push({ row: line.row, cells });
    }
  }
  return { sheet, headerRow, missingColumns, rows };
}

/** A cell of exceljs as text or date; formulas give their cached result. */
function cellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) {
    return null;
  }
  if (value instanceof Date) {
    return value;
  }
  if (typeof value === 'string') {
    const text = value.trim();
    return text === '' ? null : text;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if ('richText' in value) {
    return cellValue(value.richText.map((r) => r.text).join(''));
  }
  if ('hyperlink' in value) {
    return cellValue(value.text as ExcelJS.CellValue);
  }
  if ('formula' in value || 'sharedFormula' in value) {
    return cellValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  }
  if ('error' in value) {
    return String(value.error);
  }
  return null;
}

function assertRowLimit(sheets: RawSheet[]): void {
  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  if (total > IMPORT_LIMITS.maxRows) {
    throw new AppError('IMPORT_TOO_MANY_ROWS');
  }
}

/** Reads the known sheets of an XLSX workbook; other sheets (說明, notes) are ignored. */
export async function readXlsx(buffer: Buffer): Promise<RawUpload> {
  await assertSafeXlsxArchive(buffer);
  const excel = await loadExcelJS();
  const workbook = new excel.Workbook();
  try {
    // Drop-downs, formatting rules and drawings are not data; skipping them halves the parse
    // of a filled-in template (its drop-downs reach down 20,000 rows).
    await workbook.xlsx.load(
      buffer as unknown as ExcelJS.Buffer,
      {
        ignoreNodes: [
          'dataValidations',
          'conditionalFormatting',
          'hyperlinks',
          'drawing',
          'legacyDrawing',
          'tableParts',
        ],
      } as Parameters<typeof workbook.xlsx.load>[1],
    );
  } catch {
    throw new AppError('IMPORT_FILE_INVALID', { reason: 'exceljs could not read it' });
  }
  const sheets: RawSheet[] = [];
  const seen = new Set<ImportSheet>();
  for (const worksheet of workbook.worksheets) {
    const sheet = sheetFromName(worksheet.name);
    if (!sheet || seen.has(sheet)) {
      continue;
    }
    seen.add(sheet);
    const table: { row: number; cells: CellValue[] }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: CellValue[] = [];
      row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
        cells[colNumber - 1] = cellValue(cell.value);
      });
      table.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? null) });
    });
    sheets.push(toRawSheet(sheet, table));
  }
  sheets.sort((a, b) => IMPORT_SHEETS.indexOf(a.sheet) - IMPORT_SHEETS.indexOf(b.sheet));
  assertRowLimit(sheets);
  return { format: 'xlsx', sheets };
}

/** UTF-8 (with or without BOM), else Big5 as Excel on zh-TW Windows saves "CSV". */
function decodeText(buffer: Buffer): string {
  for (const encoding of ['utf-8', 'big5']) {
    try {
      const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(buffer);
      if (!text.includes('\u0000')) {
        return text;
      }
    } catch {
      // Not this encoding; try the next.
    }
  }
  throw new AppError('IMPORT_FILE_INVALID', { reason: 'not UTF-8 or Big5 text' });
}

/**
 * Reads one sheet from CSV. The sheet is named by the caller or, when not named, found
 * from the header row (the sheet whose columns it matches best).
 */
export function readCsv(buffer: Buffer, sheetName?: string): RawUpload {
  const text = decodeText(buffer);
  const table: { row: number; cells: CellValue[] }[] = [];
  // The same bounds as a workbook's (IMPORT_FILE_LIMITS): a 10 MiB file of commas alone
  // would otherwise be ten million cells.
  let refusal: AppError | undefined;
  let cellCount = 0;
  try {
    parseCsv(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: 256 * 1024,
      // Rows are collected here rather than returned, so blank lines cost nothing and the
      // row number stays the one a spreadsheet shows (records, not text lines).
      on_record: (record: string[], context: { records: number }) => {
        cellCount += record.length;
        if (cellCount > IMPORT_FILE_LIMITS.maxCells) {
          refusal = new AppError('IMPORT_TOO_MANY_CELLS');
        } else if (record.some((c) => c.length > IMPORT_FILE_LIMITS.maxTextChars)) {
          refusal = new AppError('IMPORT_TEXT_TOO_LONG', { row: context.records });
        }
        if (refusal) {
          throw refusal;
        }
        const cells = record.map((c) => (c.trim() === '' ? null : c.trim()));
        if (cells.some((c) => c !== null)) {
          if (table.length > IMPORT_LIMITS.maxRows + HEADER_SEARCH_ROWS) {
            refusal = new AppError('IMPORT_TOO_MANY_ROWS');
            throw refusal;
          }
          table.push({ row: context.records, cells });
        }
        return null;
      },
    });
  } catch (err) {
    // A record past max_record_size is a row longer than cells within the limit can make.
    const tooLong = err instanceof Error && 'code' in err && err.code === 'CSV_MAX_RECORD_SIZE';
    throw (
      refusal ??
      (tooLong
        ? new AppError('IMPORT_TEXT_TOO_LONG')
        : new AppError('IMPORT_FILE_INVALID', { reason: 'csv does not parse' }))
    );
  }
  const head = table.slice(0, HEADER_SEARCH_ROWS);
  const score = (sheet: ImportSheet) =>
    Math.max(0, ...head.map((line) => matchedCount(matchHeader(sheet, line.cells))));
  let sheet = sheetName ? sheetFromName(sheetName) : undefined;
  if (sheetName && !sheet) {
    throw new AppError('VALIDATION_FAILED', { field: 'sheet' });
  }
  if (!sheet) {
    const ranked = [...IMPORT_SHEETS].sort((a, b) => score(b) - score(a));
    const [first, second] = ranked;
    if (!first || score(first) === 0 || (second && score(second) === score(first))) {
      throw new AppError('IMPORT_FILE_INVALID', { reason: 'cannot tell which sheet the csv is' });
    }
    sheet = first;
  }
  const sheets = [toRawSheet(sheet, table)];
  assertRowLimit(sheets);
  return { format: 'csv', sheets };
}

/** Reads an upload by its content: a ZIP is an XLSX workbook, anything else must be CSV text. */
export async function readUpload(buffer: Buffer, sheetName?: string): Promise<RawUpload> {
  if (buffer.length === 0) {
    throw new AppError('FILE_EMPTY');
  }
  if (looksLikeZip(buffer)) {
    return readXlsx(buffer);
  }
  // Old binary .xls (OLE2) and other binaries are not text; decodeText refuses them.
  return readCsv(buffer, sheetName);
}
