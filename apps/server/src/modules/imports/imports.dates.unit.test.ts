import { describe, expect, it } from 'vitest';
import { parseImportDate } from './imports.dates.js';

describe('parseImportDate', () => {
  it.each([
    ['2026-03-01', '2026-03-01'],
    ['2026/3/1', '2026-03-01'],
    ['2026.03.01', '2026-03-01'],
    [' 2026-12-31 ', '2026-12-31'],
    ['115/03/01', '2026-03-01'],
    ['115-03-01', '2026-03-01'],
    ['115.3.1', '2026-03-01'],
    ['99/12/31', '2010-12-31'],
    ['1/1/1', '1912-01-01'],
    ['民國115年3月1日', '2026-03-01'],
    ['115年03月01日', '2026-03-01'],
    ['中華民國 113 年 2 月 29 日', '2024-02-29'],
    ['１１５/０３/０１', '2026-03-01'],
    ['2024-02-29', '2024-02-29'],
    ['113/02/29', '2024-02-29'],
    ['2199-12-31', '2199-12-31'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseImportDate(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '',
    'tomorrow',
    '2026-02-29',
    '114/02/29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '115/03',
    '0/01/01',
    '1911-12-31',
    '2200-01-01',
    '289/01/01',
    '2026-03-01T10:00',
    '20260301',
    '2026-03-01-02',
    '民國2026年3月1日',
  ])('refuses %j', (input) => {
    expect(parseImportDate(input)).toEqual({ ok: false });
  });

  it('takes the calendar day of an Excel date cell (UTC midnight)', () => {
    expect(parseImportDate(new Date(Date.UTC(2026, 2, 1)))).toEqual({ ok: true, value: '2026-03-01' });
    expect(parseImportDate(new Date(Number.NaN))).toEqual({ ok: false });
  });
});
