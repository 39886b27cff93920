import type ExcelJS from 'exceljs';

let loading: Promise<typeof ExcelJS> | undefined;

/**
 * exceljs, loaded on first use: with jszip, unzipper and archiver it is some 1.7 MB of
 * JavaScript that only the XLSX import, export and report need, so the server does not
 * load it at start-up (ADR 0024). Type-only imports of 'exceljs' cost nothing.
 */
export function loadExcelJS(): Promise<typeof ExcelJS> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
