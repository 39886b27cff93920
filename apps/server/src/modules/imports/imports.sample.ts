import { loadExcelJS } from '../../lib/excel.js';
import { stringify } from 'csv-stringify/sync';
import { IMPORT_COLUMNS, IMPORT_SHEET_LABELS, IMPORT_SHEETS, type ImportSheet } from '@custodian/shared';
import { DATA_SHEET_OPTIONS, headerTexts, layOutDataSheet } from './imports.layout.js';

/**
 * Filled-in templates for the demo, the benchmark and the tests: rows keyed by column key,
 * written under the real template's headers.
 */
export type SampleCell = string | number | Date | null;
export type SampleRow = Record<string, SampleCell>;
export type SampleSheets = Partial<Record<ImportSheet, SampleRow[]>>;

const cells = (sheet: ImportSheet, row: SampleRow) => IMPORT_COLUMNS[sheet].map((c) => row[c.key] ?? null);

/** An XLSX workbook with the given rows under the template's two header rows. */
export async function buildImportWorkbook(sheets: SampleSheets): Promise<Buffer> {
  const excel = await loadExcelJS();
  const workbook = new excel.Workbook();
  for (const sheet of IMPORT_SHEETS) {
    const rows = sheets[sheet];
    if (!rows) {
      continue;
    }
    const worksheet = workbook.addWorksheet(IMPORT_SHEET_LABELS[sheet]['zh-TW'], DATA_SHEET_OPTIONS);
    layOutDataSheet(worksheet, sheet, { notes: false });
    for (const row of rows) {
      worksheet.addRow(cells(sheet, row));
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet as CSV (UTF-8 with BOM), with both header rows. */
export function buildImportCsv(sheet: ImportSheet, rows: SampleRow[]): Buffer {
  const { zh, en } = headerTexts(sheet);
  const body = rows.map((row) => cells(sheet, row).map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v)));
  return Buffer.from(stringify([zh, en, ...body], { bom: true, record_delimiter: 'windows' }), 'utf8');
}

/**
 * An onboarding file of about `rows` rows over the given units: per system one host and
 * two contacts (a quarter of the rows each are systems and hosts, half contacts), and,
 * when a division code is given, one contract per unit that the systems belong to.
 */
export function sampleOnboardingSheets(options: {
  unitCodes: string[];
  rows: number;
  divisionCode?: string;
  prefix?: string;
}): Required<Pick<SampleSheets, 'contracts' | 'systems' | 'hosts' | 'contacts'>> {
  const { unitCodes, divisionCode, prefix = 'S' } = options;
  const contracts: SampleRow[] = divisionCode
    ? unitCodes.map((unitCode, i) => ({
        number: `${prefix}-C-${i + 1}`,
        name: `${unitCode} 資訊系統維運委辦案`,
        type: '委辦',
        divisionCode,
        unitCode,
        periodStart: '115/01/01',
        periodEnd: '2026-12-31',
        amount: 1_200_000,
      }))
    : [];
  const perSystem = 4;
  const count = Math.max(1, Math.floor((options.rows - contracts.length) / perSystem));
  const systems: SampleRow[] = [];
  const hosts: SampleRow[] = [];
  const contacts: SampleRow[] = [];
  for (let i = 0; i < count; i += 1) {
    const u = i % unitCodes.length;
    const unitCode = unitCodes[u] ?? '';
    const name = `${prefix} 系統 ${i + 1}`;
    systems.push({
      unitCode,
      name,
      kind: i % 3 === 0 ? '應用系統' : '網站',
      urls: `https://s${i + 1}.${prefix.toLowerCase()}.example.edu.tw`,
      environment: '正式',
      status: '上線中',
      launchDate: '113/08/01',
      protectionLevel: ['普', '中', '高'][i % 3] ?? '普',
      handlesPersonalData: i % 2 === 0 ? '是' : '否',
      personalDataCategories: i % 2 === 0 ? '姓名、電子郵件' : null,
      personalDataPurpose: i % 2 === 0 ? '教育行政' : null,
      personalDataLegalBasis: i % 2 === 0 ? '個人資料保護法第 15 條' : null,
      exitPlan: '契約終止時移交資料並下線',
      contractNumbers: divisionCode ? `${prefix}-C-${u + 1}` : null,
    });
    hosts.push({
      unitCode,
      hostname: `${prefix.toLowerCase()}-web-${i + 1}`,
      ips: `10.${Math.floor(i / 65_536) % 256}.${Math.floor(i / 256) % 256}.${i % 256}`,
      os: 'Ubuntu 24.04',
      role: 'web',
      location: i % 4 === 0 ? '雲端' : '地端',
      site: i % 4 === 0 ? 'GCP asia-east1' : '計算機中心機房',
      systemNames: name,
    });
    contacts.push(
      {
        unitCode,
        systemName: name,
        kind: '業務負責人',
        name: '陳業務',
        organisation: '教務處',
        phone: '02-2345-6789',
        email: `owner${i + 1}@example.edu.tw`,
      },
      {
        unitCode,
        systemName: name,
        kind: '應用系統負責人',
        name: '林系統',
        organisation: '計算機中心',
        phone: '0912-345-678',
        email: `sys${i + 1}@example.edu.tw`,
      },
    );
  }
  return { contracts, systems, hosts, contacts };
}
