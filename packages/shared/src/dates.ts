/**
 * Date helpers shared by server and web. Times are stored in UTC and shown in
 * Asia/Taipei; official documents use ROC years (民國 = Gregorian − 1911).
 */
import { TZDateMini } from '@date-fns/tz';

export const DISPLAY_TIME_ZONE = 'Asia/Taipei';
export const ROC_YEAR_OFFSET = 1911;

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

/** 民國115年11月24日 for a date, in Taipei time. Years before 1912 are refused. */
export function formatRocDate(input: Date | string): string {
  const p = taipeiParts(new Date(input));
  const roc = p.year - ROC_YEAR_OFFSET;
  if (roc < 1) {
    throw new RangeError('ROC calendar starts in 1912');
  }
  return `民國${roc}年${p.month}月${p.day}日`;
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
export function formatDateTime(input: Date | string, style: 'roc' | 'iso'): string {
  const p = taipeiParts(new Date(input));
  const date = style === 'roc' ? formatRocDate(input) : formatIsoDate(input);
  return `${date} ${pad(p.hour)}:${pad(p.minute)}`;
}
