import { describe, expect, it } from 'vitest';
import {
  DateInputSchema,
  DateTimeInputSchema,
  formatDateTime,
  formatIsoDate,
  formatRocDate,
  MAX_DATE,
  MIN_DATE,
  taipeiToday,
} from './dates.js';

describe('dates', () => {
  it('formats ROC dates in Taipei time', () => {
    expect(formatRocDate('2026-11-24T03:00:00Z')).toBe('民國115年11月24日');
    // 16:30 UTC on the 23rd is already the 24th in Taipei (UTC+8).
    expect(formatRocDate('2026-11-23T16:30:00Z')).toBe('民國115年11月24日');
    expect(formatRocDate('1912-01-01T00:00:00Z')).toBe('民國1年1月1日');
  });

  it('refuses dates before the ROC calendar', () => {
    expect(() => formatRocDate('1911-06-01T00:00:00Z')).toThrow(RangeError);
  });

  it('formats ISO dates and times in Taipei', () => {
    expect(formatIsoDate('2026-11-23T16:30:00Z')).toBe('2026-11-24');
    expect(formatDateTime('2026-11-23T16:30:00Z', 'iso')).toBe('2026-11-24 00:30');
    expect(formatDateTime('2026-02-28T23:59:00Z', 'roc')).toBe('民國115年3月1日 07:59');
  });

  it('bounds every date input to MIN_DATE … MAX_DATE, naming DATE_OUT_OF_RANGE', () => {
    for (const day of [MIN_DATE, '2026-02-28', MAX_DATE]) {
      expect(DateInputSchema.safeParse(day).success, day).toBe(true);
    }
    for (const day of ['0000-01-01', '0001-01-01', '1911-12-31', '2200-01-01', '9999-12-31']) {
      expect(
        DateInputSchema.safeParse(day).error?.issues.map((i) => i.message),
        day,
      ).toEqual(['DATE_OUT_OF_RANGE']);
    }
    // Every day in the range has an ROC date to show it with.
    expect(formatRocDate(MIN_DATE)).toBe('民國1年1月1日');
    expect(DateTimeInputSchema.safeParse('1912-01-01T00:00:00Z').success).toBe(true);
    expect(DateTimeInputSchema.safeParse('2199-12-31T23:59:59+00:00').success).toBe(true);
    for (const at of ['0000-01-01T00:00:00Z', '1911-12-31T23:59:59Z', '2200-01-01T00:00:00Z']) {
      expect(
        DateTimeInputSchema.safeParse(at).error?.issues.map((i) => i.message),
        at,
      ).toEqual(['DATE_OUT_OF_RANGE']);
    }
  });

  it('takes the Taipei calendar day from the instant it is given', () => {
    // 15:59:59 UTC is 23:59:59 in Taipei; one second later the day changes there, not in UTC.
    expect(taipeiToday(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(taipeiToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(taipeiToday(new Date('2024-02-28T16:00:00Z'))).toBe('2024-02-29');
  });

  it('refuses an invalid instant instead of printing NaN', () => {
    expect(() => formatIsoDate('not a date')).toThrow(RangeError);
  });
});
