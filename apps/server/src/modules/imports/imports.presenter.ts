import {
  errorMessage,
  IMPORT_COLUMNS,
  IMPORT_LIMITS,
  IMPORT_SHEETS,
  type ImportErrorQuery,
  type ImportJob,
  type ImportJobDetail,
  type ImportRowError,
  type ImportSheetCounts,
  type Locale,
} from '@custodian/shared';
import type { ImportJobRow } from './imports.repository.js';

const zeroCounts = (): ImportSheetCounts => ({ units: 0, contracts: 0, systems: 0, hosts: 0, contacts: 0 });

/** Errors in the order of the workbook: sheet, row, then column. */
export function sortRowErrors(errors: ImportRowError[]): ImportRowError[] {
  const columnIndex = (e: ImportRowError) => IMPORT_COLUMNS[e.sheet].findIndex((c) => c.key === e.column);
  return [...errors].sort(
    (a, b) =>
      IMPORT_SHEETS.indexOf(a.sheet) - IMPORT_SHEETS.indexOf(b.sheet) ||
      a.row - b.row ||
      columnIndex(a) - columnIndex(b),
  );
}

function storedErrors(row: ImportJobRow): ImportRowError[] {
  return Array.isArray(row.errors) ? (row.errors as ImportRowError[]) : [];
}

/** Maps a job row to the API shape; a pending preview past its deadline at `now` reads as expired. */
export function presentImportJob(row: ImportJobRow, now: Date): ImportJob {
  const counts = { ...zeroCounts(), ...(row.counts as Partial<ImportSheetCounts>) };
  const errorRows = zeroCounts();
  const seen = new Set<string>();
  for (const e of storedErrors(row)) {
    const key = `${e.sheet}:${e.row}`;
    if (!seen.has(key)) {
      seen.add(key);
      errorRows[e.sheet] += 1;
    }
  }
  const isExpired = row.status === 'preview' && row.expiresAt <= now;
  return {
    id: row.id,
    fileName: row.fileName,
    format: row.format,
    status: isExpired ? 'expired' : row.status,
    counts,
    errorRows,
    errorCount: row.errorCount,
    canCommit: row.status === 'preview' && !isExpired && row.errorCount === 0,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    committedAt: row.committedAt?.toISOString() ?? null,
  };
}

/** The job at `now` with one page of its errors, messages in the caller's language. */
export function presentImportJobDetail(
  row: ImportJobRow,
  query: ImportErrorQuery,
  locale: Locale,
  now: Date,
): ImportJobDetail {
  const all = storedErrors(row).filter((e) => !query.sheet || e.sheet === query.sheet);
  const start = (query.page - 1) * query.pageSize;
  return {
    ...presentImportJob(row, now),
    errors: {
      items: all.slice(start, start + query.pageSize).map((e) => ({ ...e, message: errorMessage(e.code, locale) })),
      total: all.length,
      page: query.page,
      pageSize: query.pageSize,
    },
    isErrorListTruncated:
      row.errorCount > storedErrors(row).length && storedErrors(row).length >= IMPORT_LIMITS.maxStoredErrors,
  };
}
