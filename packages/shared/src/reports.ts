import type { ExportList } from './imports.js';

/**
 * Lists that also export as a readable report workbook (issue 11, defect 12): names
 * instead of codes, dates in the reader's style, the clause verdict and the contact state.
 * The report takes exactly the list's filters, like the re-importable template export.
 */
export const REPORT_LISTS = ['contracts', 'systems'] as const satisfies readonly ExportList[];
export type ReportList = (typeof REPORT_LISTS)[number];
