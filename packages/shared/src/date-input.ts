import { isDateInRange, ROC_YEAR_OFFSET } from './dates.js';

/**
 * Dates as people type them into a date field: ISO (2026-03-01, 2026/3/1) or the ROC
 * calendar official documents use (115/03/01, 115-03-01, 115.3.1, 民國115年3月1日). A year of
 * four digits is Gregorian, of one to three ROC; 民國 always means ROC. Full-width digits are
 * read as ASCII ones.
 */
export type DateInputParse = { ok: true; value: string } | { ok: false; reason: DateInputRefusal };

/** Why a typed date was refused; each has a message (DATE_INPUT_MESSAGES). */
export type DateInputRefusal = 'empty' | 'format' | 'no_such_day' | 'out_of_range';

const pad = (n: number) => String(n).padStart(2, '0');

function fromParts(year: number, month: number, day: number): DateInputParse {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    return { ok: false, reason: 'no_such_day' };
  }
  // Date.UTC rolls 2026-02-30 over to March; a date that does not round-trip does not exist.
  const probe = new Date(Date.UTC(2000, 0, 1));
  probe.setUTCFullYear(year, month - 1, day);
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return { ok: false, reason: 'no_such_day' };
  }
  const value = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return isDateInRange(value) ? { ok: true, value } : { ok: false, reason: 'out_of_range' };
}

const NUMERIC = /^(民國|中華民國)?\s*(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})$/;
const WRITTEN = /^(民國|中華民國)?\s*(\d{1,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/** Parses typed text to YYYY-MM-DD, or says why it cannot. */
export function parseDateInput(input: string): DateInputParse {
  const text = input
    .normalize('NFKC')
    .trim()
    .replace(/^ROC\s*/i, '民國');
  if (text === '') {
    return { ok: false, reason: 'empty' };
  }
  const compact = COMPACT.exec(text);
  if (compact) {
    const [, y = '', m = '', d = ''] = compact;
    return fromParts(Number(y), Number(m), Number(d));
  }
  const match = NUMERIC.exec(text) ?? WRITTEN.exec(text);
  if (!match) {
    return { ok: false, reason: 'format' };
  }
  const [, roc, y = '', m = '', d = ''] = match;
  if (Number(y) === 0) {
    return { ok: false, reason: 'out_of_range' };
  }
  const year = y.length === 4 && !roc ? Number(y) : Number(y) + ROC_YEAR_OFFSET;
  return fromParts(year, Number(m), Number(d));
}

/** What a date field says about text it refuses. */
export const DATE_INPUT_MESSAGES = {
  empty: { 'zh-TW': '請輸入日期。', en: 'Enter a date.' },
  format: {
    'zh-TW': '無法辨識的日期，請輸入如 115/03/01、民國115年3月1日 或 2026-03-01。',
    en: 'Unrecognised date; type it like 115/03/01 (ROC), 2026-03-01 or 民國115年3月1日.',
  },
  no_such_day: { 'zh-TW': '沒有這一天，請檢查月份與日期。', en: 'That day does not exist; check the month and day.' },
  out_of_range: {
    'zh-TW': '日期須介於民國元年（1912 年）與 2199 年之間。',
    en: 'The date must lie between 1912 (ROC year 1) and 2199.',
  },
} as const satisfies Record<DateInputRefusal, { 'zh-TW': string; en: string }>;
