import { isDateInRange, ROC_YEAR_OFFSET } from '@custodian/shared';

/**
 * Dates as people type them into the onboarding template: ISO (2026-03-01, 2026/3/1), the
 * ROC calendar official documents use (115/03/01, 115-03-01, 115.3.1, 民國115年3月1日), or
 * a real date cell from Excel. A year of four digits is Gregorian; of one to three, ROC.
 */
export type DateParse = { ok: true; value: string } | { ok: false };

const pad = (n: number) => String(n).padStart(2, '0');

function fromParts(year: number, month: number, day: number): DateParse {
  if (month < 1 || month > 12 || day < 1) {
    return { ok: false };
  }
  // Date.UTC rolls 2026-02-30 over to March; a date that does not round-trip does not exist.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { ok: false };
  }
  const value = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  // The days every date field accepts (DateInputSchema): the API and the import agree.
  return isDateInRange(value) ? { ok: true, value } : { ok: false };
}

const NUMERIC = /^(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/;
const WRITTEN = /^(?:民國|中華民國)?\s*(\d{1,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;

/** Parses a date cell to YYYY-MM-DD. Excel date cells arrive as Date at UTC midnight. */
export function parseImportDate(input: string | Date): DateParse {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) {
      return { ok: false };
    }
    return fromParts(input.getUTCFullYear(), input.getUTCMonth() + 1, input.getUTCDate());
  }
  const text = input.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  const match = NUMERIC.exec(text) ?? WRITTEN.exec(text);
  if (!match) {
    return { ok: false };
  }
  const [, y = '', m = '', d = ''] = match;
  const isWrittenRoc = text.includes('民國');
  const year = y.length === 4 && !isWrittenRoc ? Number(y) : Number(y) + ROC_YEAR_OFFSET;
  return fromParts(year, Number(m), Number(d));
}
