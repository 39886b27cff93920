import { PassThrough, Readable } from 'node:stream';
import type { FindingListQuery } from '@custodian/shared';
import { accessOfSystems, systemsAccess } from '../../lib/access-conditions.js';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import { loadExcelJS } from '../../lib/excel.js';
import { taipeiToday } from '../../lib/policy.js';
import { requireActor, resolveRegistryScope, type RegistryScope } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { findFindingsAfter, type FindingRow } from './findings.repository.js';
import { isFindingOverdue } from './scans.presenter.js';

/** Rows one export holds at most; a larger list must be filtered first. */
export const FINDINGS_EXPORT_MAX_ROWS = 200_000;
const BATCH = 1_000;

/** The columns of the export, zh-TW header then the value of a row. */
const COLUMNS: readonly [string, (row: FindingRow, today: string) => string | number | null][] = [
  ['單位', (r) => r.orgName],
  ['系統', (r) => r.systemName],
  ['工具', (r) => r.tool],
  ['規則編號', (r) => r.ruleId],
  ['弱點名稱', (r) => r.title],
  ['風險等級', (r) => r.severity],
  ['CVSS', (r) => r.cvssScore],
  ['CVE', (r) => r.cves.join(' ')],
  ['CWE', (r) => r.cwes.join(' ')],
  ['主機名稱', (r) => r.hostname],
  ['IP', (r) => r.ip],
  ['埠', (r) => r.port],
  ['協定', (r) => r.protocol],
  ['URL', (r) => r.url],
  ['元件', (r) => r.component],
  ['狀態', (r) => r.state],
  ['修補期限', (r) => r.dueOn],
  ['逾期', (r, today) => (isFindingOverdue(r, today) ? '是' : '否')],
  ['首次發現', (r) => r.firstSeenAt.toISOString()],
  ['處置理由', (r) => r.dispositionReason],
  ['核准人', (r) => r.dispositionApprover],
  ['風險接受期限', (r) => r.riskAcceptedUntil],
  ['本部核准', (r) => (r.ministryApproved ? '是' : '否')],
];

/** A cell that a spreadsheet would take for a formula gets a leading apostrophe (CSV injection). */
function safeText(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string | number | null): string {
  const text = value === null ? '' : String(safeText(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * The rows of the list under its filters, in id order, batch by batch (keyset), up to the bound.
 * A finding whose system the actor may not open (item 六's commitment, ADR 0028) is left out:
 * the list shows such a row without its content, and an export is all content.
 */
async function* batches(
  deps: AppDeps,
  options: { actor: Actor; now: Date; scope: RegistryScope; query: FindingListQuery; today: string },
) {
  const { actor, now, ...filter } = options;
  let after: string | undefined;
  for (let taken = 0; taken < FINDINGS_EXPORT_MAX_ROWS;) {
    const limit = Math.min(BATCH, FINDINGS_EXPORT_MAX_ROWS - taken);
    const rows = await findFindingsAfter(deps.db, { ...filter, after, limit });
    const access = await systemsAccess(deps, actor, { systemIds: rows.map((r) => r.systemId), now });
    const open = rows.filter((r) => accessOfSystems(access, [r.systemId]).open);
    if (open.length > 0) {
      yield open;
    }
    taken += rows.length;
    const last = rows.at(-1);
    if (rows.length < limit || !last) {
      return;
    }
    after = last.id;
  }
}

async function auditExport(deps: AppDeps, ctx: RequestContext, format: 'csv' | 'xlsx', query: FindingListQuery) {
  const actor = requireActor(ctx.actor);
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'scan_finding.export',
      orgId: actor.orgId,
      targetType: 'scan_finding',
      summary: { format, filter: query, maxRows: FINDINGS_EXPORT_MAX_ROWS },
    });
  });
  return { actor, now: ctx.now, scope: await resolveRegistryScope(deps.db, actor), today: taipeiToday(ctx.now) };
}

/** The findings list as CSV (UTF-8 with BOM), streamed in batches within the caller's scope and filters. */
export async function exportFindingsCsv(
  deps: AppDeps,
  ctx: RequestContext,
  query: FindingListQuery,
): Promise<Readable> {
  const options = { ...(await auditExport(deps, ctx, 'csv', query)), query };
  async function* lines() {
    yield `\uFEFF${COLUMNS.map(([header]) => csvCell(header)).join(',')}\r\n`;
    for await (const rows of batches(deps, options)) {
      yield rows
        .map((row) => `${COLUMNS.map(([, value]) => csvCell(value(row, options.today))).join(',')}\r\n`)
        .join('');
    }
  }
  return Readable.from(lines());
}

/** The findings list as XLSX, written with exceljs' streaming writer: memory stays flat. */
export async function exportFindingsXlsx(
  deps: AppDeps,
  ctx: RequestContext,
  query: FindingListQuery,
): Promise<Readable> {
  const options = { ...(await auditExport(deps, ctx, 'xlsx', query)), query };
  const stream = new PassThrough();
  const excel = await loadExcelJS();
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: false, useSharedStrings: false });
  workbook.creator = 'Custodian';
  const sheet = workbook.addWorksheet('弱點');
  sheet.addRow(COLUMNS.map(([header]) => header)).commit();
  const write = async () => {
    for await (const rows of batches(deps, options)) {
      for (const row of rows) {
        sheet.addRow(COLUMNS.map(([, value]) => safeText(value(row, options.today)))).commit();
      }
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => {
    deps.log.error(
      { err: err instanceof Error ? { name: err.name, stack: err.stack } : err },
      'findings export failed',
    );
    stream.destroy(err instanceof Error ? err : new Error('export failed'));
  });
  return stream;
}
