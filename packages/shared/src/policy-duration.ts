import { Temporal } from 'temporal-polyfill';

/*
 * ISO 8601 durations of the rule set (P3Y, P12M, P60D, PT4H). Parsing and arithmetic are the
 * Temporal API's (temporal-polyfill until Node.js and the browsers ship it): it refuses
 * trailing text, which the small duration parsers on npm accept (ADR 0015).
 */

/** The parts of a duration, in the order they are written. */
export const DURATION_PARTS = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'] as const;
export type DurationPart = (typeof DURATION_PARTS)[number];
export type DurationParts = Record<DurationPart, number>;

/**
 * Bounds compare durations by adding them to the same day: one month is then 31 days and
 * one year 365. Any fixed day would do; this one is simply not a leap year.
 */
const COMPARISON_DAY = Temporal.PlainDate.from('2001-01-01');

function toDuration(text: string): Temporal.Duration | undefined {
  // The stored form: upper case, whole non-negative numbers. Temporal alone would also take
  // `p3y`, `-P3Y` and `PT1.5H`, which a reader of the rule set should never have to decode.
  if (text !== text.toUpperCase() || /[-+.,\s]/.test(text)) {
    return undefined;
  }
  try {
    return Temporal.Duration.from(text);
  } catch {
    return undefined;
  }
}

/** Whether a text is a duration as the rule set stores it: `P3Y`, `P1Y6M`, `P60D`, `PT4H`. */
export function isPolicyDuration(text: string): boolean {
  return toDuration(text) !== undefined;
}

/** The parts of a stored duration (zero for those it does not name), or undefined if it is not one. */
export function durationParts(text: string): DurationParts | undefined {
  const d = toDuration(text);
  if (!d) {
    return undefined;
  }
  return {
    years: d.years,
    months: d.months,
    weeks: d.weeks,
    days: d.days,
    hours: d.hours,
    minutes: d.minutes,
    seconds: d.seconds,
  };
}

/**
 * Orders two stored durations (-1, 0, 1), both measured from the same day. Throws a
 * RangeError when either is not a duration; validate first.
 */
export function compareDurations(a: string, b: string): number {
  const left = toDuration(a);
  const right = toDuration(b);
  if (!left || !right) {
    throw new RangeError(`not an ISO 8601 duration: ${left ? b : a}`);
  }
  return Temporal.Duration.compare(left, right, { relativeTo: COMPARISON_DAY });
}

/**
 * The day a duration after `day` (YYYY-MM-DD) ends on, in calendar terms: 2024-02-29 plus
 * P1Y is 2025-02-28. Time parts count in whole days only (PT36H is one day).
 */
export function addDurationToDay(day: string, duration: string): string {
  const d = toDuration(duration);
  if (!d) {
    throw new RangeError(`not an ISO 8601 duration: ${duration}`);
  }
  return Temporal.PlainDate.from(day).add(d, { overflow: 'constrain' }).toString();
}
