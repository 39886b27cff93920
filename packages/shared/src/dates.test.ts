import { describe, expect, it } from 'vitest';
import { formatDateTime, formatIsoDate, formatRocDate } from './dates.js';

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
});
