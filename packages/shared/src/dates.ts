/**
 * Date helpers shared by server and web. Times are stored in UTC and shown in
 * Asia/Taipei; official documents use ROC years (民國 = Gregorian − 1911).
 */
export const DISPLAY_TIME_ZONE = 'Asia/Taipei';
export const ROC_YEAR_OFFSET = 1911;

type Parts = { year: number; month: number; day: number; hour: number; minute: number };

function taipeiParts(date: Date): Parts {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const get = (type: string) => Number(fmt.formatToParts(date).find((p) => p.type === type)?.value ?? '0');
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute') };
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
