import { parse } from 'csv-parse/sync';
import { hasControlCharacters, WORKING_DAYS_MAX_BYTES, type WorkingDayImportProblem } from '@custodian/shared';

/*
 * The government's yearly office calendar (政府行政機關辦公日曆表) as the open-data CSV
 * publishes it: a header 西元日期,星期,是否放假,備註 and one row per day, the date as
 * YYYYMMDD, the weekday as 一…日, 是否放假 2 for a rest day and 0 for a working day, and a
 * note (春節, 補假, 補行上班). UTF-8 (with or without a byte-order mark) or Big5, which
 * older years used. Every day of each year must be there: a partial year would silently
 * turn its missing holidays into working days.
 */

export type ParsedWorkingDay = { date: string; isHoliday: boolean; note: string | null };
export type WorkingDaysParse =
  { ok: true; days: ParsedWorkingDay[]; years: number[] } | { ok: false; problems: WorkingDayImportProblem[] };

const COLUMNS = ['西元日期', '星期', '是否放假', '備註'] as const;
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
/** A file's problems reported at most; the first ones are enough to fix a file. */
const MAX_PROBLEMS = 20;
const MAX_NOTE = 100;

function decode(bytes: Buffer): string | undefined {
  for (const encoding of ['utf-8', 'big5']) {
    try {
      return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      // next encoding
    }
  }
  return undefined;
}

function isoOf(compact: string): string | undefined {
  if (!/^\d{8}$/.test(compact)) {
    return undefined;
  }
  const iso = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  const t = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(t.getTime()) || t.toISOString().slice(0, 10) !== iso) {
    return undefined;
  }
  const year = Number(iso.slice(0, 4));
  return year >= 1912 && year <= 2199 ? iso : undefined;
}

function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** Reads an office calendar CSV: every row valid and every year complete, or the problems found. */
export function parseWorkingDaysCsv(bytes: Buffer): WorkingDaysParse {
  if (bytes.length > WORKING_DAYS_MAX_BYTES) {
    return { ok: false, problems: [{ line: 0, reason: 'columns', value: 'file too large' }] };
  }
  const text = decode(bytes);
  if (text === undefined || hasControlCharacters(text.replace(/\r?\n/g, ''))) {
    return { ok: false, problems: [{ line: 1, reason: 'columns', value: 'not UTF-8 or Big5 text' }] };
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (err) {
    return { ok: false, problems: [{ line: 1, reason: 'columns', value: (err as Error).message.slice(0, 200) }] };
  }
  const header = records[0]?.map((cell) => cell.trim()) ?? [];
  const index = COLUMNS.map((name) => header.indexOf(name));
  if (index.slice(0, 3).some((i) => i < 0)) {
    return { ok: false, problems: [{ line: 1, reason: 'columns', value: header.join(',').slice(0, 200) }] };
  }
  const [dateAt, weekdayAt, flagAt, noteAt] = index as [number, number, number, number];
  const problems: WorkingDayImportProblem[] = [];
  const days = new Map<string, ParsedWorkingDay>();
  for (const [i, record] of records.slice(1).entries()) {
    const line = i + 2;
    const cell = (at: number) => (at >= 0 ? (record[at] ?? '').trim() : '');
    const date = isoOf(cell(dateAt));
    if (!date) {
      problems.push({ line, reason: 'date', value: cell(dateAt).slice(0, 40) });
    } else if (WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()] !== cell(weekdayAt)) {
      problems.push({ line, reason: 'weekday', value: cell(weekdayAt).slice(0, 40) });
    } else if (cell(flagAt) !== '0' && cell(flagAt) !== '2') {
      problems.push({ line, reason: 'holiday_flag', value: cell(flagAt).slice(0, 40) });
    } else if (days.has(date)) {
      problems.push({ line, reason: 'duplicate', value: cell(dateAt) });
    } else if (cell(noteAt).length > MAX_NOTE) {
      problems.push({ line, reason: 'columns', value: cell(noteAt).slice(0, 40) });
    } else {
      days.set(date, { date, isHoliday: cell(flagAt) === '2', note: cell(noteAt) === '' ? null : cell(noteAt) });
    }
    if (problems.length >= MAX_PROBLEMS) {
      break;
    }
  }
  if (problems.length === 0 && days.size === 0) {
    problems.push({ line: 2, reason: 'year_incomplete', value: null });
  }
  const years = [...new Set([...days.keys()].map((d) => Number(d.slice(0, 4))))].sort();
  if (problems.length === 0) {
    for (const year of years) {
      const count = [...days.keys()].filter((d) => d.startsWith(`${year}-`)).length;
      if (count !== daysInYear(year)) {
        problems.push({ line: records.length, reason: 'year_incomplete', value: `${year}: ${count} days` });
      }
    }
  }
  if (problems.length > 0) {
    return { ok: false, problems };
  }
  return { ok: true, days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)), years };
}

/** A calendar from parsed or stored days: what `computeDue` reads. */
export function calendarOf(days: readonly ParsedWorkingDay[]) {
  return {
    importedYears: new Set(days.map((d) => Number(d.date.slice(0, 4)))),
    days: new Map(days.map((d) => [d.date, { isHoliday: d.isHoliday, note: d.note }])),
  };
}
