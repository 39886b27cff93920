import * as rruleModule from 'rrule';
import { durationParts, parsePolicyRecurrence, type DurationParts, type ObligationRule } from '@custodian/shared';
import { calendarDaysBetween, dayAfter, latestAllowedExpiry } from '../allocations/allocations.period.js';

/*
 * Due-date arithmetic of the compliance calendar, on calendar days (YYYY-MM-DD, Asia/Taipei
 * days as `taipeiToday` gives them). Pure functions: the working-day calendar comes in as data.
 *
 * - A period counted from a record's date does not count that day (民法第120條第2項); it
 *   starts the next day and ends the day before the corresponding day of its last month or
 *   year, or on that month's last day when it has none (民法第121條): confirmed 2026-03-15
 *   + P1Y → 2027-03-15; 2025-02-28 + P3Y → 2028-02-29 (the period starts 1 March);
 *   2026-01-30 + P1M → 2026-02-28. Whole years use the allocations module's
 *   `latestAllowedExpiry`, the same rule for a period whose first day counts.
 * - A due day on a rest day moves to the next working day when the rule says so
 *   (民法第122條): day-based periods do, hour-based clocks do not.
 * - Rest days are Saturdays, Sundays and the holidays of the imported office calendar
 *   (政府行政機關辦公日曆表); a make-up workday (補行上班) on a weekend is a working day.
 *   A year that was not imported counts weekends only.
 */

const rrule: typeof rruleModule =
  typeof rruleModule.RRule === 'function' ? rruleModule : (Reflect.get(rruleModule, 'default') as typeof rruleModule);

export { calendarDaysBetween, dayAfter };

/** One imported day of the office calendar. */
export type CalendarDay = { isHoliday: boolean; note: string | null };

/** The working-day calendar as data: the imported years and their days. */
export type WorkingDayCalendar = {
  importedYears: ReadonlySet<number>;
  days: ReadonlyMap<string, CalendarDay>;
};

export const WEEKENDS_ONLY: WorkingDayCalendar = { importedYears: new Set(), days: new Map() };

/** 0 (Sunday) … 6 (Saturday) of a calendar day. */
export function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

/** The day `n` calendar days after `day` (before, when negative). */
export function addDays(day: string, n: number): string {
  const t = new Date(`${day}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

/**
 * Why a day is a rest day, or null for a working day: the imported calendar's note (春節,
 * 補假) or `holiday` when it has none, `weekend` for a Saturday or Sunday that the imported
 * calendar does not make a working day.
 */
export function restDayReason(calendar: WorkingDayCalendar, day: string): string | null {
  const year = Number(day.slice(0, 4));
  if (calendar.importedYears.has(year)) {
    const entry = calendar.days.get(day);
    if (entry && !entry.isHoliday) {
      return null;
    }
    if (entry?.note) {
      return entry.note;
    }
  }
  const weekday = weekdayOf(day);
  if (weekday === 0 || weekday === 6) {
    return 'weekend';
  }
  return calendar.days.get(day)?.isHoliday ? 'holiday' : null;
}

export function isWorkingDay(calendar: WorkingDayCalendar, day: string): boolean {
  return restDayReason(calendar, day) === null;
}

/** Longest run of rest days searched; no calendar has a longer one. */
const MAX_REST_RUN = 60;

/** The day itself when it is a working day, else the next working day (民法第122條). */
export function nextWorkingDay(calendar: WorkingDayCalendar, day: string): string {
  let current = day;
  for (let i = 0; i < MAX_REST_RUN; i += 1) {
    if (isWorkingDay(calendar, current)) {
      return current;
    }
    current = addDays(current, 1);
  }
  throw new RangeError(`no working day within ${MAX_REST_RUN} days of ${day}`);
}

const NO_PARTS: DurationParts = { years: 0, months: 0, weeks: 0, days: 0, hours: 0, minutes: 0, seconds: 0 };

/**
 * The last day of a period of years and months that starts on `startsOn` (counted): the day
 * before the corresponding day of the last month or year, or that month's last day when it
 * has none (民法第121條第2項). For whole years this is the allocations module's
 * `latestAllowedExpiry`.
 */
function monthsEnd(startsOn: string, years: number, months: number): string {
  if (months === 0 && years > 0) {
    return latestAllowedExpiry(startsOn, years);
  }
  const [y, m, d] = startsOn.split('-').map(Number) as [number, number, number];
  const monthIndex = y * 12 + (m - 1) + years * 12 + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const iso = (day: number) =>
    `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  // No corresponding day (the 31st, 29 February): that month's last day ends the period.
  return d > lastDay ? iso(lastDay) : addDays(iso(d), -1);
}

/**
 * A duration counted from the day after `anchorOn` (民法第120條第2項): years and months by
 * Art. 121, then weeks and days (and whole days of hours) added; P0D is the anchor itself.
 */
function durationEnd(anchorOn: string, parts: DurationParts): string {
  const extraDays =
    parts.weeks * 7 + parts.days + Math.floor((parts.hours * 3600 + parts.minutes * 60 + parts.seconds) / 86_400);
  const base =
    parts.years > 0 || parts.months > 0 ? monthsEnd(dayAfter(anchorOn), parts.years, parts.months) : anchorOn;
  return addDays(base, extraDays);
}

/**
 * The last day of a period counted from `anchorOn` (the record's date, not counted):
 * an ISO 8601 duration (P0D is the anchor itself) or an RRULE recurrence (its next
 * occurrence after the anchor).
 */
export function periodEnd(anchorOn: string, period: string): string {
  const parts = durationParts(period);
  if (parts) {
    return durationEnd(anchorOn, parts);
  }
  const recurrence = parsePolicyRecurrence(period);
  if (!recurrence) {
    throw new RangeError(`not a period: ${period}`);
  }
  if (recurrence.isSimple) {
    // "Every 6 months" is a period of 6 months (Art. 121), not rrule's next 31st of a month
    // that has one: rrule skips months without the anchor's day.
    const n = recurrence.interval;
    const unit = { YEARLY: 'years', MONTHLY: 'months', WEEKLY: 'weeks', DAILY: 'days' } as const;
    return durationEnd(anchorOn, { ...NO_PARTS, [unit[recurrence.frequency]]: n });
  }
  const start = new Date(`${anchorOn}T00:00:00Z`);
  const next = new rrule.RRule({ ...rrule.RRule.parseString(period), dtstart: start }).after(start, false);
  if (!next) {
    throw new RangeError(`recurrence never fires after ${anchorOn}: ${period}`);
  }
  return next.toISOString().slice(0, 10);
}

/** How a due day was computed, for the instance's explanation. */
export type DueComputation = {
  period: string;
  periodSource: string | null;
  computedOn: string;
  dueOn: string;
  shiftedFrom: string | null;
  shiftNote: string | null;
  calendarImported: boolean;
};

/**
 * The due day of a rule for a record dated `anchorOn`, or undefined when the rule sets its
 * period by responsibility level and the unit has none.
 */
export function computeDue(
  rule: Pick<ObligationRule, 'period' | 'periodByLevel' | 'shiftToWorkingDay'>,
  anchorOn: string,
  calendar: WorkingDayCalendar,
  level: 'A' | 'B' | 'C' | null = null,
): DueComputation | undefined {
  let period: string | undefined = rule.period;
  let periodSource: string | null = null;
  if (rule.periodByLevel) {
    if (!level) {
      return undefined;
    }
    period = rule.periodByLevel[level];
    periodSource = `level ${level}`;
  }
  if (!period) {
    return undefined;
  }
  const computedOn = periodEnd(anchorOn, period);
  const dueOn = rule.shiftToWorkingDay ? nextWorkingDay(calendar, computedOn) : computedOn;
  return {
    period,
    periodSource,
    computedOn,
    dueOn,
    shiftedFrom: dueOn === computedOn ? null : computedOn,
    shiftNote: dueOn === computedOn ? null : restDayReason(calendar, computedOn),
    calendarImported: calendar.importedYears.has(Number(dueOn.slice(0, 4))),
  };
}

/** Where an open instance stands on `today`: overdue after its due day, due within its first reminder threshold. */
export function openStateOn(
  dueOn: string,
  reminderDays: readonly number[],
  today: string,
): 'upcoming' | 'due' | 'overdue' {
  const days = calendarDaysBetween(today, dueOn);
  if (days < 0) {
    return 'overdue';
  }
  const window = Math.max(0, ...reminderDays);
  return days <= window ? 'due' : 'upcoming';
}
