import { PassThrough, type Readable } from 'node:stream';
import { loadExcelJS } from '../../lib/excel.js';
import {
  IMPORT_COLUMNS,
  IMPORT_OPTIONS,
  IMPORT_SHEET_LABELS,
  MINISTRY_ROLES,
  type Bilingual,
  type ExportList,
  type ExportQueries,
  type ImportColumn,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { requireActor, resolveOrgScope, resolveRegistryScope } from '../../lib/tenancy.js';
import { taipeiToday } from '../../lib/policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { DATA_SHEET_OPTIONS, layOutDataSheet } from './imports.layout.js';
import { forEachKeysetBatch } from '../../db/keyset.js';
import { refusedContractIds } from '../../lib/access-conditions.js';
import { findExportRows, type ExportRow, type ExportScopes } from './exports.repository.js';

/**
 * XLSX exports of the registry lists, with the template's columns and labels, so an
 * export re-imports into an empty registry unchanged. Written with exceljs' streaming
 * writer in batches: memory stays flat however long the list.
 */
export const EXPORT_MAX_ROWS = 100_000;
const BATCH = 1_000;

/** A value as the template expects it: option labels in zh-TW, lists one per line. */
function cellOf(column: ImportColumn, value: unknown): string | number | null {
  if (value === null || value === undefined) {
    return null;
  }
  if (column.kind === 'option' && column.option) {
    const options: Record<string, Bilingual> = IMPORT_OPTIONS[column.option];
    const code = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    return options[code]?.['zh-TW'] ?? code;
  }
  if (Array.isArray(value)) {
    return value.length > 0 ? value.join('\n') : null;
  }
  if (column.kind === 'amount') {
    return Number(value);
  }
  return String(value);
}

function toCells(list: ExportList, row: ExportRow): (string | number | null)[] {
  return IMPORT_COLUMNS[list].map((c) => cellOf(c, row[c.key]));
}

/**
 * Streams one list as XLSX, within the caller's scope and the list's filters. The export
 * is recorded in the audit log first (it can carry contacts' personal data).
 */
export async function exportListXlsx<L extends ExportList>(
  deps: AppDeps,
  ctx: RequestContext,
  list: L,
  query: ExportQueries[L],
): Promise<Readable> {
  const actor = requireActor(ctx.actor);
  const [orgs, registry] = await Promise.all([resolveOrgScope(deps.db, actor), resolveRegistryScope(deps.db, actor)]);
  // Ministry staff e-mail addresses go only to Ministry roles; units get the contract without them.
  const scopes: ExportScopes = {
    orgs,
    registry,
    withOwnerEmail: MINISTRY_ROLES.includes(actor.role),
    today: taipeiToday(ctx.now),
    refusedContractIds: await refusedContractIds(deps, actor, ctx.now),
  };
  await deps.db.transaction(async (tx) => {
    await recordAudit(tx, deps, ctx, {
      action: 'registry.export',
      orgId: actor.orgId,
      targetType: list,
      summary: { list, filter: query, maxRows: EXPORT_MAX_ROWS },
    });
  });
  const stream = new PassThrough();
  const excel = await loadExcelJS();
  const workbook = new excel.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Custodian';
  const worksheet = workbook.addWorksheet(IMPORT_SHEET_LABELS[list]['zh-TW'], DATA_SHEET_OPTIONS);
  layOutDataSheet(worksheet, list, { notes: false });
  const write = async () => {
    await forEachKeysetBatch(
      { batchSize: BATCH, maxRows: EXPORT_MAX_ROWS },
      (batch) => findExportRows(deps.db, { list, scopes, query, batch }),
      (rows) => {
        for (const row of rows) {
          worksheet.addRow(toCells(list, row)).commit();
        }
      },
    );
    worksheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => {
    deps.log.error({ err: err instanceof Error ? { name: err.name, stack: err.stack } : err }, 'export failed');
    stream.destroy(err instanceof Error ? err : new Error('export failed'));
  });
  return stream;
}
