import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { formatISO } from 'date-fns/formatISO';
import { isValid } from 'date-fns/isValid';
import { parseISO } from 'date-fns/parseISO';

/**
 * The allocation period of item 十一 ("使用期限最長以三年為限"), computed on calendar dates.
 * Dates are plain YYYY-MM-DD strings: they are parsed into local-midnight Date objects only
 * to use date-fns's calendar arithmetic and formatted straight back, so no time zone can move
 * a day. The number of years is policy data (rules.allocations.maxYears), never a constant.
 */
function toCalendarDate(isoDate: string): Date {
  // parseISO reads a date-only string as local midnight and refuses days a month lacks.
  const date = parseISO(isoDate);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate) || !isValid(date)) {
    throw new RangeError(`not a calendar date: ${isoDate}`);
  }
  return date;
}

const toIso = (date: Date): string => formatISO(date, { representation: 'date' });

/**
 * The last day of a period of `years` years that starts on `startsOn` (the start day counts),
 * following 民法第121條第2項 (Taiwan Civil Code art. 121 para. 2): a period in years that does
 * not start at the beginning of a year ends on the day before the corresponding day of the
 * last year; when the last year's month has no corresponding day (29 February), the period
 * ends on that month's last day.
 *
 *   2026-01-01 + 3 → 2028-12-31      2023-03-01 + 3 → 2026-02-28
 *   2025-02-28 + 3 → 2028-02-27      2024-02-29 + 3 → 2027-02-28
 */
export function latestAllowedExpiry(startsOn: string, years: number): string {
  if (!Number.isInteger(years) || years < 1) {
    throw new RangeError(`period must be a positive whole number of years: ${years}`);
  }
  const start = toCalendarDate(startsOn);
  // date-fns clamps a missing day (29 Feb → 28 Feb) to the month's last day: exactly the
  // proviso's end date, with no "day before" to take off.
  const corresponding = addYears(start, years);
  if (corresponding.getDate() !== start.getDate()) {
    return toIso(corresponding);
  }
  return toIso(addDays(corresponding, -1));
}

/** The calendar day after `isoDate`: where a renewed period starts. */
export function dayAfter(isoDate: string): string {
  return toIso(addDays(toCalendarDate(isoDate), 1));
}

/** Whole calendar days from `fromDate` to `toDate` (negative when `toDate` is earlier). */
export function calendarDaysBetween(fromDate: string, toDate: string): number {
  return differenceInCalendarDays(toCalendarDate(toDate), toCalendarDate(fromDate));
}

/**
 * Where a renewal's new period starts: the day after the current expiry, or `today` when
 * the allocation has already expired (a lapsed allocation is not renewed retroactively).
 */
export function renewalStart(currentExpiresOn: string, today: string): string {
  const next = dayAfter(currentExpiresOn);
  return next < today ? today : next;
}
