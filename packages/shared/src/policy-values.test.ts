import { describe, expect, it } from 'vitest';
import { addDurationToDay, compareDurations, durationParts, isPolicyDuration } from './policy-duration.js';
import { parsePolicyRecurrence } from './policy-recurrence.js';

describe('ISO 8601 durations of the rule set', () => {
  it.each(['P3Y', 'P12M', 'P60D', 'P2W', 'PT4H', 'P1Y6M', 'P1DT12H', 'P0D'])('accepts %s', (text) => {
    expect(isPolicyDuration(text)).toBe(true);
  });

  it.each([
    ['trailing text', 'P3Yjunk'],
    ['leading text', 'xP60D'],
    ['lower case', 'p3y'],
    ['a negative duration', '-P3Y'],
    ['a fraction', 'P1.5Y'],
    ['a fraction with a comma', 'PT1,5H'],
    ['no parts', 'P'],
    ['an empty time part', 'PT'],
    ['no designator', '3Y'],
    ['spaces', 'P 3Y'],
    ['nothing', ''],
  ])('refuses %s (%s)', (_why, text) => {
    expect(isPolicyDuration(text)).toBe(false);
    expect(durationParts(text)).toBeUndefined();
  });

  it('reads the parts of a duration', () => {
    expect(durationParts('P1Y6M')).toEqual({
      years: 1,
      months: 6,
      weeks: 0,
      days: 0,
      hours: 0,
      minutes: 0,
      seconds: 0,
    });
    expect(durationParts('PT4H')?.hours).toBe(4);
  });

  it('orders durations measured from the same day', () => {
    expect(compareDurations('P1M', 'P30D')).toBe(1);
    expect(compareDurations('P1Y', 'P12M')).toBe(0);
    // From 2001-01-01, two months are January and February: 59 days.
    expect(compareDurations('P58D', 'P2M')).toBe(-1);
    expect(compareDurations('P60D', 'P2M')).toBe(1);
    expect(compareDurations('PT24H', 'P1D')).toBe(0);
    expect(() => compareDurations('P1Y', 'soon')).toThrow(RangeError);
  });

  it('adds a duration to a calendar day, keeping to the month end', () => {
    expect(addDurationToDay('2024-02-29', 'P1Y')).toBe('2025-02-28');
    expect(addDurationToDay('2024-01-31', 'P1M')).toBe('2024-02-29');
    expect(addDurationToDay('2026-01-01', 'P60D')).toBe('2026-03-02');
  });
});

describe('RRULE recurrences of the rule set', () => {
  it('reads a simple recurrence', () => {
    expect(parsePolicyRecurrence('FREQ=MONTHLY;INTERVAL=6')).toEqual({
      frequency: 'MONTHLY',
      interval: 6,
      isSimple: true,
    });
    expect(parsePolicyRecurrence('FREQ=YEARLY')).toEqual({ frequency: 'YEARLY', interval: 1, isSimple: true });
  });

  it('reads a recurrence with more parts as not simple', () => {
    expect(parsePolicyRecurrence('FREQ=WEEKLY;BYDAY=MO,FR')).toEqual({
      frequency: 'WEEKLY',
      interval: 1,
      isSimple: false,
    });
    expect(parsePolicyRecurrence('FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=31')?.isSimple).toBe(false);
  });

  it.each([
    ['no frequency', 'INTERVAL=6'],
    ['an unknown frequency', 'FREQ=FORTNIGHTLY'],
    ['a frequency finer than daily', 'FREQ=HOURLY'],
    ['a zero interval', 'FREQ=MONTHLY;INTERVAL=0'],
    ['an interval that is not a number', 'FREQ=MONTHLY;INTERVAL=SIX'],
    ['an interval past 1000', 'FREQ=DAILY;INTERVAL=1001'],
    ['an unknown part', 'FREQ=MONTHLY;FOO=1'],
    ['a repeated part', 'FREQ=MONTHLY;FREQ=YEARLY'],
    ['an end', 'FREQ=DAILY;COUNT=3'],
    ['an end date', 'FREQ=DAILY;UNTIL=20300101T000000Z'],
    ['a prefix', 'RRULE:FREQ=DAILY'],
    ['a start line', 'DTSTART:20200101T000000Z\nRRULE:FREQ=DAILY'],
    ['lower case', 'freq=monthly'],
    ['a month that does not exist', 'FREQ=YEARLY;BYMONTH=13'],
    ['a day that never comes', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'],
    ['a weekday that does not exist', 'FREQ=WEEKLY;BYDAY=MO,XX'],
    ['nothing', ''],
  ])('refuses %s (%s)', (_why, text) => {
    expect(parsePolicyRecurrence(text)).toBeUndefined();
  });
});
