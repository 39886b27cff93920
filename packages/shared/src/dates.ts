import { z } from 'zod';

/**
 * Date helpers shared by server and web. Times are stored in UTC and shown in
 * Asia/Taipei; official documents use ROC years (民國 = Gregorian − 1911).
 */
import { TZDateMini } from '@date-fns/tz';

export const DISPLAY_TIME_ZONE = 'Asia/Taipei';
export const ROC_YEAR_OFFSET = 1911;

/**
 * The days a date field accepts. The first is 民國元年 (1912-01-01): earlier days have no
 * ROC date to show them with. The last leaves two centuries of room. Outside the range a
 * date is a typing error (year 0000 even makes PostgreSQL fail: SQLSTATE 22008).
 */
export const MIN_DATE = '1912-01-01';
export const MAX_DATE = '2199-12-31';

/** Whether a YYYY-MM-DD day lies within MIN_DATE … MAX_DATE (the strings order like the days). */
export function isDateInRange(day: string): boolean {
  return day >= MIN_DATE && day <= MAX_DATE;
}

const MIN_INSTANT = Date.parse(`${MIN_DATE}T00:00:00Z`);
const MAX_INSTANT = Date.parse(`${MAX_DATE}T23:59:59.999Z`);

/**
 * Every date a request carries (body or query): a calendar day that exists, within
 * MIN_DATE … MAX_DATE. Responses use IsoDateSchema, which only checks the format, so a
 * computed day (an allocation's latest end) past MAX_DATE can still be shown.
 */
export const DateInputSchema = z.iso
  .date()
  .refine(isDateInRange, { message: 'DATE_OUT_OF_RANGE' })
  .describe(`Calendar date, YYYY-MM-DD, from ${MIN_DATE} to ${MAX_DATE}`);

/** Every date and time a request carries: ISO 8601 with an offset, within the same days (UTC). */
export const DateTimeInputSchema = z.iso
  .datetime({ offset: true })
  .refine(
    (v) => {
      const at = Date.parse(v);
      return at >= MIN_INSTANT && at <= MAX_INSTANT;
    },
    { message: 'DATE_OUT_OF_RANGE' },
  )
  .describe(`Date and time, ISO 8601 with offset, from ${MIN_DATE} to ${MAX_DATE}`);

type Parts = { year: number; month: number; day: number; hour: number; minute: number };

/** The calendar fields of an instant as a clock in Taipei shows them. */
function taipeiParts(date: Date): Parts {
  if (Number.isNaN(date.getTime())) {
    throw new RangeError('Invalid time value');
  }
  const t = new TZDateMini(date.getTime(), DISPLAY_TIME_ZONE);
  return {
    year: t.getFullYear(),
    month: t.getMonth() + 1,
    day: t.getDate(),
    hour: t.getHours(),
    minute: t.getMinutes(),
  };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * 民國115年11月24日 for a date, in Taipei time; in English, ROC 115/11/24 (the form the date
 * fields take). Years before 1912 are refused.
 */
export function formatRocDate(input: Date | string, language: 'zh-TW' | 'en' = 'zh-TW'): string {
  const p = taipeiParts(new Date(input));
  const roc = p.year - ROC_YEAR_OFFSET;
  if (roc < 1) {
    throw new RangeError('ROC calendar starts in 1912');
  }
  return language === 'en' ? `ROC ${roc}/${pad(p.month)}/${pad(p.day)}` : `民國${roc}年${p.month}月${p.day}日`;
}

/** The ROC calendar fields of a day, for filling the 「中華民國 ╴╴年╴╴月╴╴日」 blanks of a form. */
export type RocDateParts = { year: number; month: number; day: number };

/**
 * The ROC year, month and day of a date (a YYYY-MM-DD day or an instant, read in Taipei
 * time): 2026-11-24 → { year: 115, month: 11, day: 24 }. Years before 1912 are refused.
 */
export function rocDateParts(input: Date | string): RocDateParts {
  const p = taipeiParts(new Date(input));
  const year = p.year - ROC_YEAR_OFFSET;
  if (year < 1) {
    throw new RangeError('ROC calendar starts in 1912');
  }
  return { year, month: p.month, day: p.day };
}

/**
 * The date as official documents write it, 「中華民國 115 年 11 月 24 日」 (the spaced form
 * of the forms' 「中華民國 ╴╴年╴╴月╴╴日」 line). The UI's compact form is formatRocDate.
 */
export function formatRocDocumentDate(input: Date | string): string {
  const r = rocDateParts(input);
  return `中華民國 ${r.year} 年 ${r.month} 月 ${r.day} 日`;
}

/** The short ROC form used in tables and file names: 115/11/24. */
export function formatRocShortDate(input: Date | string): string {
  const r = rocDateParts(input);
  return `${r.year}/${pad(r.month)}/${pad(r.day)}`;
}

/**
 * The calendar day in Taipei at `now`, as YYYY-MM-DD: the day rules and deadlines are judged
 * on. `now` comes from the caller's clock (the request context or the job runner), never
 * from a hidden read of the system time, so any day can be replayed.
 */
export function taipeiToday(now: Date): string {
  return formatIsoDate(now);
}

/** 2026-11-24 for a date, in Taipei time. */
export function formatIsoDate(input: Date | string): string {
  const p = taipeiParts(new Date(input));
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`;
}

/** Date and time in Taipei, in the user's chosen style. */
export function formatDateTime(input: Date | string, style: 'roc' | 'iso', language: 'zh-TW' | 'en' = 'zh-TW'): string {
  const p = taipeiParts(new Date(input));
  const date = style === 'roc' ? formatRocDate(input, language) : formatIsoDate(input);
  return `${date} ${pad(p.hour)}:${pad(p.minute)}`;
}
