import type { WorkingDayImportProblem } from '@custodian/shared';

/** One parsed row of the office calendar. */
export type PreviewDay = { line: number; date: string; isHoliday: boolean; note: string; isMakeUpWorkday: boolean };

export type WorkingDaysPreview = {
  days: PreviewDay[];
  years: number[];
  holidays: number;
  makeUpWorkdays: number;
  problems: WorkingDayImportProblem[];
};

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** Splits one CSV line, honouring double quotes ("a,b" and "" inside quotes). */
function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else {
      cell += ch;
    }
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

const COLUMNS = ['西元日期', '星期', '是否放假', '備註'] as const;
/** Longest note the server accepts. */
const MAX_NOTE = 100;

/** The file's text: UTF-8 (with or without a byte-order mark) or Big5, which older years used. */
function decode(bytes: Uint8Array): string | undefined {
  for (const encoding of ['utf-8', 'big5']) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // Try the next encoding.
    }
  }
  return undefined;
}

/**
 * Checks the government office calendar CSV (a header 西元日期,星期,是否放假,備註, then one
 * row per day) in the browser before it is uploaded, with the server's rules, so the
 * person importing sees every faulty line at once. The server checks again and imports
 * all rows or none.
 */
export function previewWorkingDaysCsv(bytes: Uint8Array): WorkingDaysPreview {
  const empty = { days: [], years: [], holidays: 0, makeUpWorkdays: 0 };
  const text = decode(bytes);
  if (text === undefined) {
    return { ...empty, problems: [{ line: 1, reason: 'columns', value: null }] };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '');
  const [dateAt, weekdayAt, flagAt, noteAt] = COLUMNS.map((name) => header.indexOf(name)) as [
    number,
    number,
    number,
    number,
  ];
  if (dateAt < 0 || weekdayAt < 0 || flagAt < 0) {
    return { ...empty, problems: [{ line: 1, reason: 'columns', value: (lines[0] ?? '').slice(0, 60) }] };
  }
  const days: PreviewDay[] = [];
  const problems: WorkingDayImportProblem[] = [];
  const seen = new Set<string>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (index === 0 || raw.trim() === '') {
      return;
    }
    const cells = splitCsvLine(raw);
    const cell = (at: number) => (at >= 0 ? (cells[at] ?? '') : '');
    const dateCell = cell(dateAt);
    const match = /^(\d{4})(\d{2})(\d{2})$/.exec(dateCell);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1) {
      problems.push({ line, reason: 'date', value: dateCell.slice(0, 40) });
      return;
    }
    const iso = `${match[1]}-${match[2]}-${match[3]}`;
    const weekday = date.getUTCDay();
    const flag = cell(flagAt);
    const note = cell(noteAt);
    if (cell(weekdayAt) !== WEEKDAYS[weekday]) {
      problems.push({ line, reason: 'weekday', value: cell(weekdayAt).slice(0, 40) });
    } else if (flag !== '0' && flag !== '2') {
      problems.push({ line, reason: 'holiday_flag', value: flag.slice(0, 40) });
    } else if (seen.has(iso)) {
      problems.push({ line, reason: 'duplicate', value: dateCell });
    } else if (note.length > MAX_NOTE) {
      problems.push({ line, reason: 'columns', value: note.slice(0, 40) });
    } else {
      seen.add(iso);
      const isHoliday = flag === '2';
      days.push({ line, date: iso, isHoliday, note, isMakeUpWorkday: (weekday === 0 || weekday === 6) && !isHoliday });
    }
  });
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
  for (const year of years) {
    const count = days.filter((d) => d.date.startsWith(`${year}-`)).length;
    if (count !== daysInYear(year)) {
      problems.push({ line: 0, reason: 'year_incomplete', value: `${year}: ${count}/${daysInYear(year)}` });
    }
  }
  if (days.length === 0 && problems.length === 0) {
    problems.push({ line: 2, reason: 'year_incomplete', value: null });
  }
  return {
    days,
    years,
    holidays: days.filter((d) => d.isHoliday).length,
    makeUpWorkdays: days.filter((d) => d.isMakeUpWorkday).length,
    problems,
  };
}
