import type ExcelJS from 'exceljs';
import {
  IMPORT_COLUMNS,
  IMPORT_LIMITS,
  IMPORT_OPTIONS,
  type Bilingual,
  type ImportColumn,
  type ImportSheet,
} from '@custodian/shared';

/**
 * The layout every sheet of the template and of the exports shares: the zh-TW header row,
 * the English header row under it, column widths, text formats (so codes and phone numbers
 * keep their leading zeros) and the drop-downs of option columns.
 */
export const DATA_FIRST_ROW = 3;

/** Worksheet options: the two header rows stay in view (the streaming writer takes views only here). */
export const DATA_SHEET_OPTIONS: Partial<ExcelJS.AddWorksheetOptions> = {
  views: [{ state: 'frozen', ySplit: DATA_FIRST_ROW - 1 }],
};

const WIDTHS: Record<ImportColumn['kind'], number> = {
  text: 24,
  longText: 36,
  identifier: 24,
  code: 16,
  option: 14,
  date: 13,
  amount: 14,
  email: 28,
  phone: 18,
  hostname: 24,
  ipList: 24,
  urlList: 36,
  codeList: 20,
  nameList: 28,
};

/** Header texts: the label, with * marking a required column. */
export function headerTexts(sheet: ImportSheet): { zh: string[]; en: string[] } {
  const columns = IMPORT_COLUMNS[sheet];
  return {
    zh: columns.map((c) => `${c.label['zh-TW']}${c.required ? ' *' : ''}`),
    en: columns.map((c) => `${c.label.en}${c.required ? ' *' : ''}`),
  };
}

/** zh-TW labels of an option column, in the order of the catalogue. */
export function optionLabels(column: ImportColumn, locale: keyof Bilingual = 'zh-TW'): string[] {
  return column.option ? Object.values(IMPORT_OPTIONS[column.option]).map((o: Bilingual) => o[locale]) : [];
}

/** Column widths and formats: text for all but amounts, so codes and phone numbers keep leading zeros. */
function setSheetColumns(worksheet: ExcelJS.Worksheet, sheet: ImportSheet): void {
  worksheet.columns = IMPORT_COLUMNS[sheet].map((c) => ({
    key: c.key,
    width: WIDTHS[c.kind],
    style: c.kind === 'amount' ? { numFmt: '#,##0' } : { numFmt: '@' },
  }));
}

/**
 * Lays out a data sheet: columns, the two header rows, hints as notes, and
 * drop-downs for option columns down to the row limit.
 */
export function layOutDataSheet(worksheet: ExcelJS.Worksheet, sheet: ImportSheet, options: { notes: boolean }): void {
  setSheetColumns(worksheet, sheet);
  const columns = IMPORT_COLUMNS[sheet];
  const { zh, en } = headerTexts(sheet);
  const zhRow = worksheet.addRow(zh);
  zhRow.font = { bold: true };
  zhRow.eachCell((cell, i) => {
    cell.fill = {
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: columns[i - 1]?.required ? 'FFFCE4D6' : 'FFDDEBF7' },
    };
    const hint = columns[i - 1]?.hint;
    if (options.notes && hint) {
      cell.note = `${hint['zh-TW']}\n${hint.en}`;
    }
  });
  const enRow = worksheet.addRow(en);
  enRow.font = { italic: true, color: { argb: 'FF595959' } };
  const lastRow = IMPORT_LIMITS.maxRows + DATA_FIRST_ROW - 1;
  columns.forEach((c, i) => {
    if (c.kind !== 'option') {
      return;
    }
    const letter = columnLetter(i + 1);
    validations(worksheet).add(`${letter}${DATA_FIRST_ROW}:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: !c.required,
      formulae: [`"${optionLabels(c).join(',')}"`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '選項不正確 Invalid value',
      error: `請選擇：${optionLabels(c).join('、')}\nChoose one of: ${optionLabels(c, 'en').join(', ')}`,
    });
  });
}

/** exceljs has data validations on both worksheet kinds, but its typings leave them out. */
function validations(worksheet: ExcelJS.Worksheet): { add(address: string, rule: ExcelJS.DataValidation): void } {
  return (worksheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } })
    .dataValidations;
}

/** A, B, …, Z, AA, … for a 1-based column number. */
export function columnLetter(n: number): string {
  let out = '';
  for (let rest = n; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    out = String.fromCharCode(65 + ((rest - 1) % 26)) + out;
  }
  return out;
}
