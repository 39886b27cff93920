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

/**
 * Checks the government office calendar CSV (西元日期, 星期, 是否放假, 備註) in the browser
 * before it is uploaded, so the person importing sees every faulty line at once. The
 * server checks again and imports all rows or none.
 */
export function previewWorkingDaysCsv(text: string): WorkingDaysPreview {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const days: PreviewDay[] = [];
  const problems: WorkingDayImportProblem[] = [];
  const seen = new Set<string>();
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') {
      return;
    }
    const cells = splitCsvLine(raw);
    // The header row (西元日期,星期,…) has no digits in its first cell.
    if (index === 0 && !/\d/.test(cells[0] ?? '')) {
      return;
    }
    if (cells.length < 3) {
      problems.push({ line, reason: 'columns', value: raw.slice(0, 60) });
      return;
    }
    const [dateCell = '', weekdayCell = '', flagCell = '', note = ''] = cells;
    const match = /^(\d{4})(\d{2})(\d{2})$/.exec(dateCell);
    const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
    if (!match || !date || date.getUTCDate() !== Number(match[3]) || date.getUTCMonth() !== Number(match[2]) - 1) {
      problems.push({ line, reason: 'date', value: dateCell });
      return;
    }
    const iso = `${match[1]}-${match[2]}-${match[3]}`;
    const weekday = date.getUTCDay();
    if (weekdayCell !== WEEKDAYS[weekday]) {
      problems.push({ line, reason: 'weekday', value: weekdayCell });
    }
    if (flagCell !== '0' && flagCell !== '2') {
      problems.push({ line, reason: 'holiday_flag', value: flagCell });
      return;
    }
    if (seen.has(iso)) {
      problems.push({ line, reason: 'duplicate', value: dateCell });
      return;
    }
    seen.add(iso);
    const isHoliday = flagCell === '2';
    const isWeekend = weekday === 0 || weekday === 6;
    days.push({ line, date: iso, isHoliday, note, isMakeUpWorkday: isWeekend && !isHoliday });
  });
  const years = [...new Set(days.map((d) => Number(d.date.slice(0, 4))))].sort();
  for (const year of years) {
    const count = days.filter((d) => d.date.startsWith(`${year}-`)).length;
    if (count !== daysInYear(year)) {
      problems.push({ line: 0, reason: 'year_incomplete', value: `${year}: ${count}/${daysInYear(year)}` });
    }
  }
  return {
    days,
    years,
    holidays: days.filter((d) => d.isHoliday).length,
    makeUpWorkdays: days.filter((d) => d.isMakeUpWorkday).length,
    problems,
  };
}
