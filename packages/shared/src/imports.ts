import { z } from 'zod';
import type { ErrorCode } from './errors.js';
import { PageQuerySchema } from './pagination.js';
import { ContractListQuerySchema } from './contracts.js';
import { HostListQuerySchema } from './hosts.js';
import { OrganisationListQuerySchema } from './organisations.js';
import { SystemListQuerySchema } from './systems.js';

/**
 * Bulk onboarding (issue 3, part 9): the XLSX/CSV template's sheets and columns, the
 * zh-TW labels its drop-downs use, the per-row error codes, and the import job contract.
 * The server builds the template and reads uploads from this catalogue; the web app shows
 * the same column names next to each error, so the two cannot drift apart.
 */

/** A text in both interface languages. */
export type Bilingual = { 'zh-TW': string; en: string };

export const IMPORT_SHEETS = ['units', 'contracts', 'systems', 'hosts', 'contacts'] as const;
export const ImportSheetSchema = z.enum(IMPORT_SHEETS).describe('Sheet of the template');
export type ImportSheet = z.infer<typeof ImportSheetSchema>;

/** Sheet names as the workbook shows them (zh-TW) and their English twins. */
export const IMPORT_SHEET_LABELS: Record<ImportSheet, Bilingual> = {
  units: { 'zh-TW': '單位', en: 'Units' },
  contracts: { 'zh-TW': '委辦案', en: 'Contracts' },
  systems: { 'zh-TW': '系統', en: 'Systems' },
  hosts: { 'zh-TW': '主機', en: 'Hosts' },
  contacts: { 'zh-TW': '聯絡人', en: 'Contacts' },
};
export const IMPORT_GUIDE_SHEET_LABEL: Bilingual = { 'zh-TW': '說明', en: 'Guide' };

/** Limits of one upload. */
export const IMPORT_LIMITS = {
  /** Largest file accepted, in bytes (10 MiB). */
  maxFileBytes: 10 * 1024 * 1024,
  /** Data rows over all sheets. */
  maxRows: 20_000,
  /** Hours a preview waits for its commit. */
  previewHours: 24,
  /** Row errors kept per job; the total is always counted. */
  maxStoredErrors: 10_000,
} as const;

/** Drop-down value sets: stored code → zh-TW label (what the template offers) and English. */
export const IMPORT_OPTIONS = {
  unitType: {
    school: { 'zh-TW': '學校', en: 'School' },
    agency: { 'zh-TW': '機關', en: 'Agency' },
    company: { 'zh-TW': '公司', en: 'Company' },
    other: { 'zh-TW': '其他', en: 'Other' },
  },
  contractType: {
    subsidy: { 'zh-TW': '補助', en: 'Subsidy' },
    commission: { 'zh-TW': '委辦', en: 'Commission' },
    procurement: { 'zh-TW': '採購', en: 'Procurement' },
  },
  systemKind: {
    website: { 'zh-TW': '網站', en: 'Website' },
    application: { 'zh-TW': '應用系統', en: 'Application' },
  },
  environment: {
    production: { 'zh-TW': '正式', en: 'Production' },
    staging: { 'zh-TW': '預備', en: 'Staging' },
    testing: { 'zh-TW': '測試', en: 'Testing' },
    development: { 'zh-TW': '開發', en: 'Development' },
  },
  systemStatus: {
    planned: { 'zh-TW': '規劃中', en: 'Planned' },
    pre_launch: { 'zh-TW': '上線前', en: 'Pre-launch' },
    online: { 'zh-TW': '上線中', en: 'Online' },
    decommissioned: { 'zh-TW': '已下線', en: 'Decommissioned' },
  },
  protectionLevel: {
    normal: { 'zh-TW': '普', en: 'Normal' },
    medium: { 'zh-TW': '中', en: 'Medium' },
    high: { 'zh-TW': '高', en: 'High' },
  },
  yesNo: {
    yes: { 'zh-TW': '是', en: 'Yes' },
    no: { 'zh-TW': '否', en: 'No' },
  },
  hostLocation: {
    on_premise: { 'zh-TW': '地端', en: 'On-premise' },
    cloud: { 'zh-TW': '雲端', en: 'Cloud' },
  },
  contactKind: {
    business_owner: { 'zh-TW': '業務負責人', en: 'Business owner' },
    system_owner: { 'zh-TW': '應用系統負責人', en: 'System owner' },
    maintenance_unit: { 'zh-TW': '維護單位', en: 'Maintenance unit' },
  },
} as const satisfies Record<string, Record<string, Bilingual>>;
export type ImportOptionSet = keyof typeof IMPORT_OPTIONS;

/** What a column holds; decides how a cell is read and checked. */
export type ImportColumnKind =
  | 'text'
  | 'longText'
  | 'identifier'
  | 'code'
  | 'option'
  | 'date'
  | 'amount'
  | 'email'
  | 'phone'
  | 'hostname'
  | 'ipList'
  | 'urlList'
  | 'codeList'
  | 'nameList';

export type ImportColumn = {
  /** Stable key, used in row errors. */
  key: string;
  label: Bilingual;
  required: boolean;
  kind: ImportColumnKind;
  /** Longest text, or most values in a list. */
  max?: number;
  option?: ImportOptionSet;
  /** Shown in the guide sheet. */
  hint?: Bilingual;
};

const col = (
  key: string,
  zh: string,
  en: string,
  kind: ImportColumnKind,
  extra: Partial<Omit<ImportColumn, 'key' | 'label' | 'kind'>> = {},
): ImportColumn => ({ key, label: { 'zh-TW': zh, en }, kind, required: false, ...extra });

const LIST_HINT: Bilingual = {
  'zh-TW': '多筆以換行或分號分隔',
  en: 'Several values: one per line, or separated by semicolons',
};

/** The columns of every sheet, in template order. An export writes the same columns. */
export const IMPORT_COLUMNS: Record<ImportSheet, readonly ImportColumn[]> = {
  units: [
    col('code', '代碼', 'Code', 'code', { required: true, max: 32 }),
    col('name', '名稱', 'Name', 'text', { required: true, max: 200 }),
    col('nameEn', '英文名稱', 'English name', 'text', { max: 200 }),
    col('unitType', '單位類型', 'Unit type', 'option', {
      option: 'unitType',
      hint: { 'zh-TW': '空白為「其他」', en: 'Blank means Other' },
    }),
    col('parentCode', '上層單位代碼', 'Parent unit code', 'code', {
      max: 32,
      hint: {
        'zh-TW': '受委辦單位留空；廠商填所屬單位代碼',
        en: 'Blank for a commissioned unit; for a vendor, the code of its unit',
      },
    }),
  ],
  contracts: [
    col('number', '案號', 'Contract number', 'identifier', { required: true, max: 64 }),
    col('name', '名稱', 'Name', 'text', { required: true, max: 200 }),
    col('type', '類型', 'Type', 'option', { required: true, option: 'contractType' }),
    col('divisionCode', '督導司處代碼', 'Supervising division code', 'code', { required: true, max: 32 }),
    col('ownerEmail', '業務承辦人 e-mail', 'Business owner e-mail', 'email', {
      hint: { 'zh-TW': '本部業務承辦人帳號的 e-mail', en: "E-mail of the Ministry business owner's account" },
    }),
    col('unitCode', '受委辦單位代碼', 'Commissioned unit code', 'code', { required: true, max: 32 }),
    col('periodStart', '期間起', 'Period start', 'date', { required: true }),
    col('periodEnd', '期間迄', 'Period end', 'date', { required: true }),
    col('amount', '金額', 'Amount (NTD)', 'amount'),
    col('subcontractorCodes', '分包廠商代碼', 'Subcontractor codes', 'codeList', { max: 50, hint: LIST_HINT }),
    col('notes', '備註', 'Notes', 'longText', { max: 4000 }),
  ],
  systems: [
    col('unitCode', '單位代碼', 'Unit code', 'code', { required: true, max: 32 }),
    col('name', '系統名稱', 'System name', 'text', { required: true, max: 200 }),
    col('kind', '類型', 'Kind', 'option', {
      option: 'systemKind',
      hint: { 'zh-TW': '空白為「網站」', en: 'Blank means Website' },
    }),
    col('urls', '網址', 'URLs', 'urlList', { max: 10, hint: LIST_HINT }),
    col('environment', '環境', 'Environment', 'option', {
      option: 'environment',
      hint: { 'zh-TW': '空白為「正式」', en: 'Blank means Production' },
    }),
    col('status', '狀態', 'Status', 'option', {
      option: 'systemStatus',
      hint: { 'zh-TW': '空白為「規劃中」', en: 'Blank means Planned' },
    }),
    col('launchDate', '上線日', 'Launch date', 'date'),
    col('decommissionDate', '下線日', 'Decommission date', 'date', {
      hint: { 'zh-TW': '僅「已下線」系統填寫', en: 'Only for decommissioned systems' },
    }),
    col('protectionLevel', '防護等級', 'Protection level', 'option', { required: true, option: 'protectionLevel' }),
    col('handlesPersonalData', '個資', 'Personal data', 'option', {
      option: 'yesNo',
      hint: { 'zh-TW': '是：須填類別、目的及法源', en: 'Yes: categories, purpose and legal basis are required' },
    }),
    col('personalDataCategories', '個資類別', 'Personal data categories', 'longText', { max: 1000 }),
    col('personalDataPurpose', '蒐集目的', 'Purpose of collection', 'longText', { max: 1000 }),
    col('personalDataLegalBasis', '法源依據', 'Legal basis', 'longText', { max: 1000 }),
    col('exitPlan', '退場機制', 'Exit plan', 'longText', { max: 4000 }),
    col('description', '說明', 'Description', 'longText', { max: 4000 }),
    col('contractNumbers', '所屬案號', 'Contract numbers', 'codeList', { max: 200, hint: LIST_HINT }),
  ],
  hosts: [
    col('unitCode', '單位代碼', 'Unit code', 'code', { required: true, max: 32 }),
    col('hostname', '主機名稱', 'Host name', 'hostname', { required: true, max: 253 }),
    col('ips', 'IP 位址', 'IP addresses', 'ipList', { max: 32, hint: LIST_HINT }),
    col('os', '作業系統', 'Operating system', 'text', { max: 200 }),
    col('role', '角色', 'Role', 'text', { max: 200 }),
    col('location', '位置', 'Location', 'option', {
      option: 'hostLocation',
      hint: { 'zh-TW': '空白為「地端」', en: 'Blank means On-premise' },
    }),
    col('site', '機房', 'Server room / cloud region', 'text', { max: 200 }),
    col('systemNames', '服務系統名稱', 'Systems served', 'nameList', {
      max: 200,
      hint: {
        'zh-TW': '同單位的系統名稱，多筆以換行或分號分隔',
        en: 'Names of systems of the same unit, one per line or separated by semicolons',
      },
    }),
    col('notes', '備註', 'Notes', 'longText', { max: 4000 }),
  ],
  contacts: [
    col('unitCode', '單位代碼', 'Unit code', 'code', { required: true, max: 32 }),
    col('systemName', '系統名稱', 'System name', 'text', { required: true, max: 200 }),
    col('kind', '角色', 'Role', 'option', { required: true, option: 'contactKind' }),
    col('name', '姓名', 'Name', 'text', { required: true, max: 100 }),
    col('organisation', '所屬單位', 'Organisation', 'text', {
      max: 200,
      hint: { 'zh-TW': '維護單位必填（公司名稱）', en: 'Required for the maintenance unit (company name)' },
    }),
    col('title', '職稱', 'Job title', 'text', { max: 100 }),
    col('phone', '電話', 'Phone', 'phone', { required: true, max: 40 }),
    col('email', 'e-mail', 'E-mail', 'email', { required: true }),
  ],
};

/** The label of a column in a language, or the key when the column is unknown. */
export function importColumnLabel(sheet: ImportSheet, key: string | null, locale: keyof Bilingual): string {
  if (key === null) {
    return '';
  }
  return IMPORT_COLUMNS[sheet].find((c) => c.key === key)?.label[locale] ?? key;
}

/**
 * Codes a row error can carry. Each is a stable error code with messages in both languages
 * (errors.ts); the web app localises them by code.
 */
export const IMPORT_ROW_ERROR_CODES = [
  'IMPORT_MISSING_COLUMN',
  'IMPORT_ROW_REQUIRED',
  'IMPORT_ROW_INVALID_OPTION',
  'IMPORT_ROW_INVALID_DATE',
  'IMPORT_ROW_INVALID_NUMBER',
  'IMPORT_ROW_INVALID_TEXT',
  'IMPORT_ROW_INVALID_CODE',
  'IMPORT_ROW_INVALID_EMAIL',
  'IMPORT_ROW_INVALID_PHONE',
  'IMPORT_ROW_INVALID_URL',
  'IMPORT_ROW_TOO_MANY_VALUES',
  'IMPORT_ROW_DUPLICATE',
  'IMPORT_ROW_FORBIDDEN',
  'IMPORT_ROW_UNKNOWN_UNIT',
  'IMPORT_ROW_UNKNOWN_DIVISION',
  'IMPORT_ROW_UNKNOWN_OWNER',
  'IMPORT_ROW_UNKNOWN_VENDOR',
  'IMPORT_ROW_UNKNOWN_CONTRACT',
  'IMPORT_ROW_UNKNOWN_SYSTEM',
  'IMPORT_ROW_AMBIGUOUS_SYSTEM',
  'IMPORT_ROW_NOT_DECOMMISSIONED',
  'IMPORT_ROW_SYSTEM_EXISTS',
  'IMPORT_ROW_SYSTEM_ONLINE',
  'IMPORT_ROW_CONTACT_EXISTS',
  'INVALID_IP',
  'INVALID_HOSTNAME',
  'ORG_CODE_TAKEN',
  'CONTRACT_NUMBER_TAKEN',
  'CONTRACT_PERIOD_INVALID',
  'HOSTNAME_TAKEN',
  'SYSTEM_DATES_INVALID',
  'SYSTEM_UNIT_INVALID',
  'PERSONAL_DATA_DETAILS_REQUIRED',
  'LINK_ORG_MISMATCH',
] as const satisfies readonly ErrorCode[];
export const ImportRowErrorCodeSchema = z.enum(IMPORT_ROW_ERROR_CODES).describe('Stable error code of the row');
export type ImportRowErrorCode = z.infer<typeof ImportRowErrorCodeSchema>;

/** One problem found in one cell (or row) of the upload. */
export const ImportRowErrorSchema = z.object({
  sheet: ImportSheetSchema,
  row: z.number().int().describe('Row number as the spreadsheet shows it (1 = first header row)'),
  column: z.string().nullable().describe('Column key (see the template); null for the whole row'),
  code: ImportRowErrorCodeSchema,
  value: z.string().nullable().describe('The offending value as read, shortened; null when empty'),
});
export type ImportRowError = z.infer<typeof ImportRowErrorSchema>;

export const ImportRowErrorItemSchema = ImportRowErrorSchema.extend({
  message: z.string().describe('Localised message for the code'),
});
export type ImportRowErrorItem = z.infer<typeof ImportRowErrorItemSchema>;

export const IMPORT_JOB_STATUSES = ['preview', 'committed', 'discarded', 'expired'] as const;
export const ImportJobStatusSchema = z
  .enum(IMPORT_JOB_STATUSES)
  .describe('preview: waiting for commit or discard; expired: the preview passed its deadline');
export type ImportJobStatus = z.infer<typeof ImportJobStatusSchema>;

const perSheet = (what: string) =>
  z
    .object({
      units: z.number().int().describe(`${what}: 單位`),
      contracts: z.number().int().describe(`${what}: 委辦案`),
      systems: z.number().int().describe(`${what}: 系統`),
      hosts: z.number().int().describe(`${what}: 主機`),
      contacts: z.number().int().describe(`${what}: 聯絡人`),
    })
    .describe(what);
export type ImportSheetCounts = Record<ImportSheet, number>;

export const ImportJobSchema = z.object({
  id: z.uuid().describe('Import job id'),
  fileName: z.string().describe('Name of the uploaded file'),
  format: z.enum(['xlsx', 'csv']).describe('Format detected from the content'),
  status: ImportJobStatusSchema,
  counts: perSheet('Data rows per sheet'),
  errorRows: perSheet('Rows with at least one error, per sheet'),
  errorCount: z.number().int().describe('Errors found, over all sheets'),
  canCommit: z.boolean().describe('Whether the job is a preview without errors'),
  createdAt: z.string().describe('Upload time (ISO 8601, UTC)'),
  expiresAt: z.string().describe('The preview is discarded after this time (ISO 8601, UTC)'),
  committedAt: z.string().nullable().describe('Commit time (ISO 8601, UTC)'),
});
export type ImportJob = z.infer<typeof ImportJobSchema>;

export const ImportJobDetailSchema = ImportJobSchema.extend({
  errors: z
    .object({
      items: z.array(ImportRowErrorItemSchema).describe('Errors of this page, by sheet and row'),
      total: z.number().int().describe('Stored errors matching the filter'),
      page: z.number().int().describe('1-based page number'),
      pageSize: z.number().int().describe('Errors per page'),
    })
    .describe('Row errors, paginated'),
  isErrorListTruncated: z
    .boolean()
    .describe(`Whether more errors were found than the ${IMPORT_LIMITS.maxStoredErrors} kept`),
});
export type ImportJobDetail = z.infer<typeof ImportJobDetailSchema>;

export const ImportErrorQuerySchema = PageQuerySchema.omit({ q: true }).extend({
  sheet: ImportSheetSchema.optional().describe('Only errors of this sheet'),
});
export type ImportErrorQuery = z.infer<typeof ImportErrorQuerySchema>;

/** The template for one sheet as CSV. */
export const ImportTemplateSheetParamSchema = z.object({ sheet: ImportSheetSchema });

/** Lists that export to XLSX, with the template's columns. */
export const EXPORT_LISTS = IMPORT_SHEETS;
export type ExportList = ImportSheet;

const WITHOUT_PAGE = { page: true, pageSize: true } as const;

/**
 * The filters of each export: exactly those of its list page, so an export holds the rows
 * the list shows (ADR 0011). The units export is the organisations list restricted to
 * units and vendors; the contacts export holds the contacts of the systems list's systems.
 */
export const EXPORT_QUERY_SCHEMAS = {
  units: OrganisationListQuerySchema.omit(WITHOUT_PAGE),
  contracts: ContractListQuerySchema.omit(WITHOUT_PAGE),
  systems: SystemListQuerySchema.omit(WITHOUT_PAGE),
  hosts: HostListQuerySchema.omit(WITHOUT_PAGE),
  contacts: SystemListQuerySchema.omit(WITHOUT_PAGE),
} as const;

/** The filters of one list's export. */
export type ExportQueries = { [L in ExportList]: z.infer<(typeof EXPORT_QUERY_SCHEMAS)[L]> };
export type ExportQuery = ExportQueries[ExportList];
