import type ExcelJS from 'exceljs';
import { loadExcelJS } from '../../lib/excel.js';
import { stringify } from 'csv-stringify/sync';
import {
  IMPORT_COLUMNS,
  IMPORT_GUIDE_SHEET_LABEL,
  IMPORT_LIMITS,
  IMPORT_SHEET_LABELS,
  IMPORT_SHEETS,
  type Bilingual,
  type ImportColumn,
  type ImportSheet,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requireActor, resolveManageScope } from '../../lib/tenancy.js';
import { DATA_SHEET_OPTIONS, headerTexts, layOutDataSheet, optionLabels } from './imports.layout.js';
import { findActiveDivisions, findActiveUnits } from './imports.repository.js';

/**
 * The downloadable template: a guide sheet (說明) with the rules and the codes the caller
 * may use, then one sheet per record type with zh-TW headers, English headers beneath and
 * drop-downs for every option column. The same columns are offered as CSV, one per sheet.
 */
const MAX_LISTED_UNITS = 2_000;

function formatText(column: ImportColumn): Bilingual {
  const max = column.max ?? 0;
  switch (column.kind) {
    case 'text':
      return { 'zh-TW': `文字，最多 ${max} 字`, en: `Text, up to ${max} characters` };
    case 'longText':
      return { 'zh-TW': `文字，可換行，最多 ${max} 字`, en: `Text, line breaks allowed, up to ${max} characters` };
    case 'identifier':
      return {
        'zh-TW': `編號，最多 ${max} 字；全形字元視同半形，不分大小寫`,
        en: `Number, up to ${max} characters; full-width forms count as ASCII, case is ignored`,
      };
    case 'code':
      return { 'zh-TW': '代碼：英數字、點、連字號、底線', en: 'Code: letters, digits, dot, hyphen, underscore' };
    case 'option':
      return {
        'zh-TW': `選項：${optionLabels(column).join('、')}`,
        en: `Options: ${optionLabels(column, 'en').join(', ')}`,
      };
    case 'date':
      return { 'zh-TW': '日期：2026-03-01 或民國 115/03/01', en: 'Date: 2026-03-01 or ROC 115/03/01' };
    case 'amount':
      return { 'zh-TW': '新臺幣整數金額', en: 'Whole New Taiwan dollars' };
    case 'email':
      return { 'zh-TW': '電子郵件地址', en: 'E-mail address' };
    case 'phone':
      return { 'zh-TW': '電話，例：02-2345-6789 分機 123', en: 'Phone, e.g. 02-2345-6789 ext. 123' };
    case 'hostname':
      return { 'zh-TW': '主機名稱（英數字與連字號）', en: 'Host name (letters, digits, hyphens)' };
    case 'ipList':
      return { 'zh-TW': `IPv4／IPv6 位址，最多 ${max} 筆`, en: `IPv4/IPv6 addresses, up to ${max}` };
    case 'urlList':
      return { 'zh-TW': `http(s):// 網址，最多 ${max} 筆`, en: `http(s):// addresses, up to ${max}` };
    case 'codeList':
      return { 'zh-TW': `清單，最多 ${max} 筆`, en: `List, up to ${max}` };
    case 'nameList':
      return { 'zh-TW': `系統名稱清單，最多 ${max} 筆`, en: `List of system names, up to ${max}` };
  }
}

const GENERAL_NOTES: [string, string][] = [
  [
    '每個工作表第 1 列為欄位名稱，第 2 列為英文對照，請從第 3 列開始填寫。',
    'Row 1 holds the column names and row 2 their English; fill in from row 3.',
  ],
  [
    '標示 * 的欄位必填；選項欄位請使用下拉選單。',
    'Columns marked * are required; pick option values from the drop-down lists.',
  ],
  [
    '日期可填西元（2026-03-01）或民國（115/03/01、115-03-01）。',
    'Dates may be Gregorian (2026-03-01) or ROC (115/03/01, 115-03-01).',
  ],
  [
    '多筆值請以換行（Alt+Enter）或分號分隔；代碼與 IP 亦可用逗號。',
    'Several values: one per line (Alt+Enter) or separated by semicolons; codes and IPs may also use commas.',
  ],
  [
    '同一檔案內的列可互相引用：系統可引用本檔的委辦案，主機與聯絡人可引用本檔的系統。',
    'Rows may refer to each other within the file: systems to its contracts, hosts and contacts to its systems.',
  ],
  [
    '上傳後先預覽檢查結果；全部無誤才能確認匯入，且全部成功或全部不寫入。',
    'An upload is previewed first; it can be committed only without errors, and then all rows are written or none.',
  ],
  [
    `上限：每檔 ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MiB、${IMPORT_LIMITS.maxRows.toLocaleString('en')} 列；預覽保留 ${IMPORT_LIMITS.previewHours} 小時。`,
    `Limits: ${IMPORT_LIMITS.maxFileBytes / 1024 / 1024} MiB and ${IMPORT_LIMITS.maxRows.toLocaleString('en')} rows per file; a preview is kept for ${IMPORT_LIMITS.previewHours} hours.`,
  ],
  [
    'CSV 請以 UTF-8 儲存，每個工作表一個檔案，上傳時選擇對應的工作表。',
    'Save CSV as UTF-8, one file per sheet, and choose the sheet when uploading.',
  ],
];

function addGuideSheet(
  workbook: ExcelJS.Workbook,
  reference: {
    divisions: { code: string; name: string }[];
    units: { code: string; name: string }[];
    mayAddUnits: boolean;
  },
): void {
  const guide = workbook.addWorksheet(IMPORT_GUIDE_SHEET_LABEL['zh-TW']);
  guide.columns = [{ width: 14 }, { width: 22 }, { width: 26 }, { width: 10 }, { width: 44 }, { width: 44 }];
  const title = guide.addRow(['委辦案資安登錄 批次匯入範本 Bulk onboarding template']);
  title.font = { bold: true, size: 14 };
  guide.addRow([]);
  for (const [zh, en] of GENERAL_NOTES) {
    guide.addRow([zh]);
    guide.addRow([en]).font = { italic: true, color: { argb: 'FF595959' } };
  }
  if (!reference.mayAddUnits) {
    guide.addRow(['「單位」工作表僅限教育部資安管理者匯入。', '']).font = { bold: true };
    guide.addRow(['Only the Ministry security office may import the Units sheet.']).font = { italic: true };
  }
  guide.addRow([]);
  const head = guide.addRow(['工作表 Sheet', '欄位', 'Column', '必填 Req.', '格式或選項 Format', '說明 Notes']);
  head.font = { bold: true };
  for (const sheet of IMPORT_SHEETS) {
    for (const c of IMPORT_COLUMNS[sheet]) {
      const format = formatText(c);
      guide.addRow([
        IMPORT_SHEET_LABELS[sheet]['zh-TW'],
        c.label['zh-TW'],
        c.label.en,
        c.required ? '是 Yes' : '',
        `${format['zh-TW']}\n${format.en}`,
        c.hint ? `${c.hint['zh-TW']}\n${c.hint.en}` : '',
      ]).alignment = { wrapText: true, vertical: 'top' };
    }
  }
  const list = (heading: string, rows: { code: string; name: string }[]) => {
    guide.addRow([]);
    guide.addRow([heading]).font = { bold: true };
    for (const r of rows) {
      guide.addRow([r.code, r.name]);
    }
  };
  list('督導司處代碼 Supervising division codes', reference.divisions);
  list('您可匯入資料的單位 Units you may import into', reference.units);
}

/** The XLSX template for the caller: the guide lists their divisions and units. */
export async function buildTemplateXlsx(deps: AppDeps, ctx: RequestContext): Promise<Buffer> {
  const actor = requireActor(ctx.actor);
  const manage = await resolveManageScope(deps.db, actor);
  const [divisions, units] = await Promise.all([
    findActiveDivisions(deps.db),
    findActiveUnits(deps.db, manage.kind === 'all' ? undefined : manage.orgIds, MAX_LISTED_UNITS),
  ]);
  const excel = await loadExcelJS();
  const workbook = new excel.Workbook();
  workbook.creator = 'Custodian';
  workbook.created = ctx.now;
  addGuideSheet(workbook, { divisions, units, mayAddUnits: actor.role === 'ministry_admin' });
  for (const sheet of IMPORT_SHEETS) {
    layOutDataSheet(workbook.addWorksheet(IMPORT_SHEET_LABELS[sheet]['zh-TW'], DATA_SHEET_OPTIONS), sheet, {
      notes: true,
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet's columns as CSV: UTF-8 with a BOM (so Excel reads the Chinese), both header rows. */
export function buildTemplateCsv(sheet: ImportSheet): string {
  const { zh, en } = headerTexts(sheet);
  return stringify([zh, en], { bom: true, record_delimiter: 'windows' });
}
