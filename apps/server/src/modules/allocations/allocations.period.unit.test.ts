import { describe, expect, it } from 'vitest';
import { calendarDaysBetween, dayAfter, latestAllowedExpiry, renewalStart } from './allocations.period.js';

describe('allocation period (民法第121條)', () => {
  it.each([
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-03-01', 3, '2027-02-28'],
    ['2025-02-28', 3, '2028-02-27'],
    ['2023-03-01', 3, '2026-02-28'],
    ['2026-01-01', 3, '2028-12-31'],
    // A leap day start that lands on a leap year keeps its corresponding day.
    ['2024-02-29', 4, '2028-02-28'],
    ['2027-03-01', 1, '2028-02-29'],
    ['2023-02-28', 1, '2024-02-27'],
    ['2026-12-31', 3, '2029-12-30'],
    ['2026-01-31', 1, '2027-01-30'],
    ['2026-06-15', 10, '2036-06-14'],
  ])('%s + %i years ends on %s', (start, years, expected) => {
    expect(latestAllowedExpiry(start, years)).toBe(expected);
  });

  it('does not drift with the process time zone', () => {
    // Dates are calendar dates: formatting back gives the same digits in any zone.
    expect(latestAllowedExpiry('2026-03-29', 1)).toBe('2027-03-28');
    expect(dayAfter('2026-10-24')).toBe('2026-10-25');
  });

  it('refuses impossible dates and periods', () => {
    expect(() => latestAllowedExpiry('2025-02-29', 3)).toThrow(RangeError);
    expect(() => latestAllowedExpiry('2025-13-01', 3)).toThrow(RangeError);
    expect(() => latestAllowedExpiry('26-01-01', 3)).toThrow(RangeError);
    expect(() => latestAllowedExpiry('2026-01-01', 0)).toThrow(RangeError);
    expect(() => latestAllowedExpiry('2026-01-01', 1.5)).toThrow(RangeError);
  });

  it('counts calendar days across a leap day', () => {
    expect(calendarDaysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(calendarDaysBetween('2027-02-28', '2027-03-01')).toBe(1);
    expect(calendarDaysBetween('2026-05-10', '2026-05-01')).toBe(-9);
  });

  it('starts a renewal the day after the current expiry, or today when lapsed', () => {
    expect(renewalStart('2027-02-28', '2026-12-01')).toBe('2027-03-01');
    expect(renewalStart('2028-02-28', '2026-12-01')).toBe('2028-02-29');
    expect(renewalStart('2026-11-30', '2026-12-01')).toBe('2026-12-01');
    expect(renewalStart('2026-06-30', '2026-12-01')).toBe('2026-12-01');
  });
});
