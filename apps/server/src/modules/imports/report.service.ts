import { PassThrough, type Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { forEachKeysetBatch, type KeysetBatch, type KeysetPage } from '../../db/keyset.js';
import { loadExcelJS } from '../../lib/excel.js';
import {
  CONTACT_KINDS,
  IMPORT_OPTIONS,
  MINISTRY_ROLES,
  formatIsoDate,
  formatRocDate,
  type Bilingual,
  type ClauseRule,
  type ExportQueries,
  type ImportOptionSet,
  type Locale,
  type ReportList,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { policyById, taipeiToday } from '../../lib/policy.js';
import { requireActor, resolveOrgScope, resolveRegistryScope } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { EXPORT_MAX_ROWS } from './exports.service.js';
import type { ExportScopes } from './exports.repository.js';
import { refusedContractIds } from '../../lib/access-conditions.js';
import {
  findContractReportRows,
  findSystemReportRows,
  type ContractReportRow,
  type SystemReportRow,
} from './report.repository.js';

/*
 * The readable report workbooks (issue 11, defect 12), beside the re-importable template
 * export: one sheet whose header row is frozen and filtered, names instead of codes, dates
 * as the reader reads them (民國 in zh-TW, ISO in English), the clause verdict with the
 * missing clauses named, and the contact state with its overdue flag.
 */

type Cell = string | number | null;
type ReportColumn<R> = { header: Bilingual; width: number; value: (row: R, locale: Locale) => Cell };
type Labels = { locale: Locale; clauseLabel: (policyVersionId: string, code: string) => string };

const BATCH = 1_000;
const TEXT = {
  compliant: { 'zh-TW': '符合', en: 'Compliant' },
  nonCompliant: { 'zh-TW': '不符合', en: 'Non-compliant' },
  complete: { 'zh-TW': '齊全', en: 'Complete' },
  missing: { 'zh-TW': '尚缺：', en: 'Missing: ' },
  never: { 'zh-TW': '尚未確認', en: 'Never confirmed' },
  notRequired: { 'zh-TW': '無須確認（已下線）', en: 'Not required (decommissioned)' },
  ended: { 'zh-TW': '已屆期', en: 'Ended' },
  current: { 'zh-TW': '履約中', en: 'In force' },
  upcoming: { 'zh-TW': '尚未開始', en: 'Not started' },
} as const satisfies Record<string, Bilingual>;
const SHEET_NAMES: Record<ReportList, Bilingual> = {
  contracts: { 'zh-TW': '委辦案報表', en: 'Contracts report' },
  systems: { 'zh-TW': '系統與網站報表', en: 'Systems report' },
};

const say = (text: Bilingual, locale: Locale): string => text[locale];
const optionLabel = (set: ImportOptionSet, code: string, locale: Locale): string => {
  const options: Record<string, Bilingual> = IMPORT_OPTIONS[set];
  return options[code]?.[locale] ?? code;
};
/** A day as the reader reads it: 民國115年3月1日 in zh-TW, 2026-03-01 in English. */
const dayOf = (day: Date | string | null, locale: Locale): string | null =>
  day === null ? null : locale === 'zh-TW' ? formatRocDate(day) : formatIsoDate(day);
const nameOf = (zh: string, en: string | null, locale: Locale) => (locale === 'en' && en ? en : zh);
const joinLines = (items: readonly string[]) => (items.length > 0 ? items.join('\n') : null);

function contractColumns(labels: Labels, today: string): ReportColumn<ContractReportRow>[] {
  return [
    { header: { 'zh-TW': '案號', en: 'Number' }, width: 16, value: (r) => r.number },
    { header: { 'zh-TW': '案名', en: 'Name' }, width: 36, value: (r) => r.name },
    { header: { 'zh-TW': '類型', en: 'Type' }, width: 10, value: (r, l) => optionLabel('contractType', r.type, l) },
    {
      header: { 'zh-TW': '受委辦單位', en: 'Commissioned unit' },
      width: 28,
      value: (r, l) => nameOf(r.unitName, r.unitNameEn, l),
    },
    {
      header: { 'zh-TW': '業務單位', en: 'Division' },
      width: 22,
      value: (r, l) => nameOf(r.divisionName, r.divisionNameEn, l),
    },
    { header: { 'zh-TW': '業務承辦人', en: 'Case officer' }, width: 14, value: (r) => r.ownerName },
    { header: { 'zh-TW': '契約起日', en: 'Start' }, width: 18, value: (r, l) => dayOf(r.periodStart, l) },
    { header: { 'zh-TW': '契約迄日', en: 'End' }, width: 18, value: (r, l) => dayOf(r.periodEnd, l) },
    {
      header: { 'zh-TW': '履約狀態', en: 'Period' },
      width: 12,
      value: (r, l) => say(r.periodEnd < today ? TEXT.ended : r.periodStart > today ? TEXT.upcoming : TEXT.current, l),
    },
    { header: { 'zh-TW': '金額（新臺幣）', en: 'Amount (NTD)' }, width: 16, value: (r) => r.amount },
    { header: { 'zh-TW': '分包廠商', en: 'Subcontractors' }, width: 28, value: (r) => joinLines(r.subcontractorNames) },
    {
      header: { 'zh-TW': '資安條款檢核', en: 'Security clauses' },
      width: 14,
      value: (r, l) => say(r.complianceStatus === 'compliant' ? TEXT.compliant : TEXT.nonCompliant, l),
    },
    {
      header: { 'zh-TW': '缺漏條款', en: 'Missing clauses' },
      width: 44,
      value: (r) => joinLines(r.missingClauses.map((code) => labels.clauseLabel(r.policyVersionId, code))),
    },
  ];
}

function systemColumns(): ReportColumn<SystemReportRow>[] {
  return [
    { header: { 'zh-TW': '單位', en: 'Unit' }, width: 28, value: (r, l) => nameOf(r.unitName, r.unitNameEn, l) },
    { header: { 'zh-TW': '系統名稱', en: 'System' }, width: 30, value: (r) => r.name },
    { header: { 'zh-TW': '類型', en: 'Kind' }, width: 12, value: (r, l) => optionLabel('systemKind', r.kind, l) },
    { header: { 'zh-TW': '網址', en: 'URLs' }, width: 32, value: (r) => joinLines(r.urls) },
    {
      header: { 'zh-TW': '環境', en: 'Environment' },
      width: 12,
      value: (r, l) => optionLabel('environment', r.environment, l),
    },
    { header: { 'zh-TW': '狀態', en: 'Status' }, width: 12, value: (r, l) => optionLabel('systemStatus', r.status, l) },
    {
      header: { 'zh-TW': '防護等級', en: 'Protection level' },
      width: 12,
      value: (r, l) => optionLabel('protectionLevel', r.protectionLevel, l),
    },
    { header: { 'zh-TW': '上線日期', en: 'Launched' }, width: 18, value: (r, l) => dayOf(r.launchDate, l) },
    {
      header: { 'zh-TW': '處理個資', en: 'Personal data' },
      width: 10,
      value: (r, l) => optionLabel('yesNo', r.handlesPersonalData ? 'yes' : 'no', l),
    },
    {
      header: { 'zh-TW': '聯絡人', en: 'Contacts' },
      width: 30,
      value: (r, l) => {
        const missing = CONTACT_KINDS.filter((k) => !r.contactKinds.includes(k));
        if (missing.length === 0) {
          return say(TEXT.complete, l);
        }
        return `${say(TEXT.missing, l)}${missing.map((k) => optionLabel('contactKind', k, l)).join(l === 'en' ? ', ' : '、')}`;
      },
    },
    {
      header: { 'zh-TW': '聯絡資料確認日', en: 'Contacts confirmed' },
      width: 18,
      value: (r, l) => dayOf(r.contactsConfirmedAt, l) ?? say(TEXT.never, l),
    },
    {
      header: { 'zh-TW': '下次確認期限', en: 'Next confirmation due' },
      width: 18,
      value: (r, l) => (r.status === 'decommissioned' ? say(TEXT.notRequired, l) : dayOf(r.contactsDueOn, l)),
    },
    {
      header: { 'zh-TW': '聯絡資料逾期', en: 'Contacts overdue' },
      width: 12,
      value: (r, l) => optionLabel('yesNo', r.isContactsOverdue ? 'yes' : 'no', l),
    },
    { header: { 'zh-TW': '委辦案號', en: 'Contracts' }, width: 18, value: (r) => joinLines(r.contractNumbers) },
  ];
}

/** Column letter(s) of a 1-based column number: 1 → A, 27 → AA. */
function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) {
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  }
  return s;
}

/** Writes rows batch by batch under a frozen, filtered header; memory stays flat. */
async function writeSheet<R>(options: {
  worksheet: ExcelJS.Worksheet;
  columns: ReportColumn<R>[];
  locale: Locale;
  fetch: (batch: KeysetBatch) => Promise<KeysetPage<R>>;
}): Promise<void> {
  const { worksheet, columns, locale, fetch } = options;
  worksheet.columns = columns.map((c) => ({ width: c.width }));
  const header = worksheet.addRow(columns.map((c) => c.header[locale]));
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8EA9C1' } } };
  });
  header.commit();
  let rowCount = 1;
  await forEachKeysetBatch({ batchSize: BATCH, maxRows: EXPORT_MAX_ROWS }, fetch, (rows) => {
    for (const row of rows) {
      const added = worksheet.addRow(columns.map((c) => c.value(row, locale)));
      added.alignment = { vertical: 'top', wrapText: true };
      added.commit();
      rowCount += 1;
    }
  });
  worksheet.autoFilter = { from: 'A1', to: `${columnLetter(columns.length)}${rowCount}` };
  worksheet.commit();
}

/** `十二(一) 資安事件通報` for a missing clause code, by the rule set the contract was judged with. */
async function clauseLabeller(deps: AppDeps, locale: Locale) {
  const byVersion = new Map<string, readonly ClauseRule[]>();
  const prepare = async (ids: Iterable<string>) => {
    for (const id of ids) {
      if (!byVersion.has(id)) {
        byVersion.set(id, (await policyById(deps.db, id)).rules.contractClauses);
      }
    }
  };
  const label = (policyVersionId: string, code: string) => {
    const rule = byVersion.get(policyVersionId)?.find((r) => r.code === code);
    return rule ? `${rule.item} ${rule.title[locale]}` : code;
  };
  return { prepare, label };
}

/**
 * Streams a list's report workbook in the caller's language, within their scope and the
 * list's filters. Recorded in the audit log first, as the template export is.
 */
export async function exportReportXlsx<L extends ReportList>(
  deps: AppDeps,
  ctx: RequestContext,
  list: L,
  query: ExportQueries[L],
): Promise<Readable> {
  const actor = requireActor(ctx.actor);
  const [orgs, registry] = await Promise.all([resolveOrgScope(deps.db, actor), resolveRegistryScope(deps.db, actor)]);
  const today = taipeiToday(ctx.now);
  const scopes: ExportScopes = {
    orgs,
    registry,
    withOwnerEmail: MINISTRY_ROLES.includes(actor.role),
    today,
    refusedContractIds: await refusedContractIds(deps, actor, ctx.now),
  };
  const locale = ctx.locale;
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'registry.export',
      orgId: actor.orgId,
      targetType: list,
      summary: { list, format: 'report', filter: query, maxRows: EXPORT_MAX_ROWS },
    });
  });
  const stream = new PassThrough();
  const excel = await loadExcelJS();
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Custodian';
  const worksheet = workbook.addWorksheet(SHEET_NAMES[list][locale], {
    views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }],
  });
  const clauses = await clauseLabeller(deps, locale);
  const write = async () => {
    if (list === 'contracts') {
      await writeSheet<ContractReportRow>({
        worksheet,
        locale,
        columns: contractColumns({ locale, clauseLabel: clauses.label }, today),
        fetch: async (batch) => {
          const page = await findContractReportRows(deps.db, {
            scopes,
            query: query as ExportQueries['contracts'],
            batch,
          });
          await clauses.prepare(new Set(page.rows.map((r) => r.policyVersionId)));
          return page;
        },
      });
    } else {
      await writeSheet<SystemReportRow>({
        worksheet,
        locale,
        columns: systemColumns(),
        fetch: (batch) => findSystemReportRows(deps.db, { scopes, query: query as ExportQueries['systems'], batch }),
      });
    }
    await workbook.commit();
  };
  write().catch((err: unknown) => {
    deps.log.error({ err: err instanceof Error ? { name: err.name, stack: err.stack } : err }, 'report export failed');
    stream.destroy(err instanceof Error ? err : new Error('report export failed'));
  });
  return stream;
}
