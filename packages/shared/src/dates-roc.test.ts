import { describe, expect, it } from 'vitest';
import { formatRocDocumentDate, formatRocShortDate, rocDateParts } from './dates.js';

describe('ROC dates for documents', () => {
  it('writes the document form 「中華民國 115 年 11 月 24 日」 and the short form 115/11/24', () => {
    expect(formatRocDocumentDate('2026-11-24')).toBe('中華民國 115 年 11 月 24 日');
    expect(formatRocShortDate('2026-11-24')).toBe('115/11/24');
    expect(formatRocShortDate('2026-01-05')).toBe('115/01/05');
    expect(rocDateParts('2026-11-24')).toEqual({ year: 115, month: 11, day: 24 });
  });

  it('starts at 民國 1 年 on 1912-01-01 and refuses earlier days', () => {
    expect(formatRocDocumentDate('1912-01-01')).toBe('中華民國 1 年 1 月 1 日');
    expect(rocDateParts('1912-01-01')).toEqual({ year: 1, month: 1, day: 1 });
    expect(() => rocDateParts('1911-12-31')).toThrow(RangeError);
    expect(() => formatRocDocumentDate('1911-12-31')).toThrow(RangeError);
  });

  it('turns the ROC year over with the Gregorian one', () => {
    expect(formatRocDocumentDate('2025-12-31')).toBe('中華民國 114 年 12 月 31 日');
    expect(formatRocDocumentDate('2026-01-01')).toBe('中華民國 115 年 1 月 1 日');
    expect(formatRocShortDate('2025-12-31')).toBe('114/12/31');
  });

  it('reads an instant as the Taipei calendar day (UTC+8), across midnight and the year', () => {
    // 15:59 UTC on 31 December is 23:59 in Taipei: still 114.
    expect(formatRocDocumentDate('2025-12-31T15:59:59Z')).toBe('中華民國 114 年 12 月 31 日');
    // 16:00 UTC is midnight in Taipei: already 115 年 1 月 1 日.
    expect(formatRocDocumentDate('2025-12-31T16:00:00Z')).toBe('中華民國 115 年 1 月 1 日');
    expect(rocDateParts(new Date('2026-11-23T16:30:00Z'))).toEqual({ year: 115, month: 11, day: 24 });
    // 1911-12-31T16:00Z is 1912-01-01 00:00 in Taipei: 民國 1 年.
    expect(rocDateParts('1911-12-31T16:00:00Z')).toEqual({ year: 1, month: 1, day: 1 });
  });
});
