import { describe, expect, it } from 'vitest';
import { previewWorkingDaysCsv as previewBytes } from './working-days-csv.js';

const previewWorkingDaysCsv = (text: string) => previewBytes(new TextEncoder().encode(text));

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** A whole year in the government's format: weekends off, with the given exceptions. */
function yearCsv(year: number, exceptions: Record<string, { flag: '0' | '2'; note: string }> = {}): string {
  const rows = ['\uFEFF西元日期,星期,是否放假,備註'];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const compact = d.toISOString().slice(0, 10).replaceAll('-', '');
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const special = exceptions[compact];
    rows.push(`${compact},${WEEKDAYS[d.getUTCDay()]},${special?.flag ?? (weekend ? '2' : '0')},${special?.note ?? ''}`);
  }
  return rows.join('\r\n');
}

describe('previewWorkingDaysCsv', () => {
  it('reads a whole year with holidays and a make-up workday, skipping the BOM and header', () => {
    const preview = previewWorkingDaysCsv(
      yearCsv(2025, {
        '20250101': { flag: '2', note: '開國紀念日' },
        '20250208': { flag: '0', note: '補行上班' },
      }),
    );
    expect(preview.problems).toEqual([]);
    expect(preview.years).toEqual([2025]);
    expect(preview.days).toHaveLength(365);
    expect(preview.makeUpWorkdays).toBe(1);
    expect(preview.days.find((d) => d.date === '2025-02-08')).toMatchObject({
      isHoliday: false,
      isMakeUpWorkday: true,
    });
    expect(preview.days.find((d) => d.date === '2025-01-01')).toMatchObject({ isHoliday: true, note: '開國紀念日' });
    // 104 weekend days, less the make-up Saturday, plus New Year's Day (a Wednesday).
    expect(preview.holidays).toBe(104 - 1 + 1);
  });

  it('reports each faulty line with its reason, and an incomplete year', () => {
    const csv = [
      '西元日期,星期,是否放假,備註',
      '20250101,三,2,開國紀念日',
      '20250102,五,0,',
      '20250230,一,0,',
      '20250103,五,1,',
      '20250101,三,2,',
      '20250104',
      `20250106,一,0,${'註'.repeat(101)}`,
      '"20250105","日","2","星期日, 休息"',
    ].join('\n');
    const preview = previewWorkingDaysCsv(csv);
    expect(preview.problems).toEqual([
      { line: 3, reason: 'weekday', value: '五' },
      { line: 4, reason: 'date', value: '20250230' },
      { line: 5, reason: 'holiday_flag', value: '1' },
      { line: 6, reason: 'duplicate', value: '20250101' },
      { line: 7, reason: 'weekday', value: '' },
      { line: 8, reason: 'columns', value: '註'.repeat(40) },
      { line: 0, reason: 'year_incomplete', value: '2025: 2/365' },
    ]);
    expect(preview.days.find((d) => d.date === '2025-01-05')?.note).toBe('星期日, 休息');
  });

  it('refuses a file without the header, or one that is neither UTF-8 nor Big5', () => {
    expect(previewWorkingDaysCsv('20250101,三,2,開國紀念日').problems).toEqual([
      { line: 1, reason: 'columns', value: '20250101,三,2,開國紀念日' },
    ]);
    expect(previewBytes(new Uint8Array([0xff, 0xff, 0xff])).problems).toMatchObject([{ line: 1, reason: 'columns' }]);
    expect(previewWorkingDaysCsv('西元日期,星期,是否放假,備註\n').problems).toEqual([
      { line: 2, reason: 'year_incomplete', value: null },
    ]);
  });
});
