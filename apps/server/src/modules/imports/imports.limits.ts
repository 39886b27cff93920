import { IMPORT_COLUMNS, IMPORT_LIMITS } from '@custodian/shared';
import { AppError } from '../../errors.js';

/**
 * What an import may cost the server (issue 8, finding 4): an 88 KB workbook holding one
 * 60-million-character string took 480 MB to read, and six at once 2.2 GB. Every bound is
 * checked on the file itself, before exceljs or csv-parse builds anything from it.
 */

const WIDEST_SHEET = Math.max(...Object.values(IMPORT_COLUMNS).map((columns) => columns.length));

export const IMPORT_FILE_LIMITS = {
  /** Entries in the ZIP archive; a workbook has a few dozen. */
  maxEntries: 1_000,
  /** Unpacked size of one entry; the sheets of a 20,000-row import are about 4 MB each. */
  maxEntryBytes: 32 * 1024 * 1024,
  /** Unpacked size of all entries together. */
  maxUnpackedBytes: 64 * 1024 * 1024,
  /**
   * Characters in one cell, shared or inline string, or any other text or attribute of
   * the workbook's XML: Excel's own cell limit (the template's longest column takes 4,000).
   */
  maxTextChars: 32_767,
  /**
   * Cells over all sheets (`<c>` elements of XLSX, fields of CSV), and shared strings: a full
   * import of the widest sheet (16 columns) with a quarter to spare for formatted blanks.
   * Reading takes about 400 bytes per cell: a million cells cost 420 MiB.
   */
  maxCells: Math.ceil((IMPORT_LIMITS.maxRows * WIDEST_SHEET * 5) / 4),
  /** `<row>` elements over all sheets: generous, since formatted empty rows count too. */
  maxRowElements: 100_000,
} as const;

/**
 * Imports at once in this process: upload and preview (reading the file), or commit. An
 * import can take a few hundred MB for a few seconds, so a user waits for their own
 * previous one, and at most two run together. The counts live in this process's memory:
 * with several server processes, each process has its own.
 */
export const IMPORT_CONCURRENCY = {
  perUser: 1,
  total: 2,
  /** Retry-After of the 429 answer. */
  retryAfterSeconds: 5,
} as const;

const runningByUser = new Map<string, number>();
let runningTotal = 0;

/** Imports running now in this process (tests check that every slot is given back). */
export function countRunningImports(): number {
  return runningTotal;
}

/**
 * Takes one of the import slots for `userId`, or refuses with IMPORT_BUSY (429). Returns
 * the function that gives it back; calling it again does nothing. No queue: a waiting
 * request would hold its upload in memory, which is what the limit is for.
 */
export function claimImportSlot(userId: string): () => void {
  const mine = runningByUser.get(userId) ?? 0;
  if (mine >= IMPORT_CONCURRENCY.perUser || runningTotal >= IMPORT_CONCURRENCY.total) {
    throw new AppError('IMPORT_BUSY', { retryAfterSeconds: IMPORT_CONCURRENCY.retryAfterSeconds });
  }
  runningByUser.set(userId, mine + 1);
  runningTotal += 1;
  let released = false;
  return () => {
    if (released) {
      return;
    }
    released = true;
    runningTotal -= 1;
    const left = (runningByUser.get(userId) ?? 1) - 1;
    if (left > 0) {
      runningByUser.set(userId, left);
    } else {
      runningByUser.delete(userId);
    }
  };
}
