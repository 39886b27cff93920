import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ObligationRuleSchema, SUGGESTED_OBLIGATION_RULES, taipeiToday } from '@custodian/shared';
import { latestAllowedExpiry } from '../allocations/allocations.period.js';
import {
  computeDue,
  dayAfter,
  nextWorkingDay,
  openStateOn,
  periodEnd,
  restDayReason,
  WEEKENDS_ONLY,
} from './obligations.dates.js';
import { calendarOf, parseWorkingDaysCsv } from './working-days.csv.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

function calendar(...names: string[]) {
  const days = names.flatMap((name) => {
    const parsed = parseWorkingDaysCsv(fixture(name));
    if (!parsed.ok) {
      throw new Error(JSON.stringify(parsed.problems));
    }
    return parsed.days;
  });
  return calendarOf(days);
}

const dayRule = { period: 'P1Y', shiftToWorkingDay: true } as const;

describe('periods (民法第120條第2項、第121條)', () => {
  it.each([
    ['2026-03-15', 'P1Y', '2027-03-15'],
    ['2024-02-29', 'P1Y', '2025-02-28'],
    ['2024-02-29', 'P4Y', '2028-02-29'],
    ['2027-02-28', 'P1Y', '2028-02-29'],
    ['2026-01-31', 'P1M', '2026-02-28'],
    ['2028-01-31', 'P1M', '2028-02-29'],
    ['2026-03-31', 'P1M', '2026-04-30'],
    ['2026-02-28', 'P1M', '2026-03-31'],
    ['2025-02-28', 'P3Y', '2028-02-29'],
    ['2026-01-30', 'P1M', '2026-02-28'],
    ['2026-08-31', 'P6M', '2027-02-28'],
    ['2026-08-30', 'P6M', '2027-02-28'],
    ['2026-05-01', 'P2W', '2026-05-15'],
    ['2026-05-01', 'PT48H', '2026-05-03'],
    ['2026-12-31', 'P30D', '2027-01-30'],
    ['2026-05-01', 'P0D', '2026-05-01'],
  ])('%s + %s ends on %s', (anchor, period, expected) => {
    expect(periodEnd(anchor, period)).toBe(expected);
  });

  it('agrees with the allocations period (Art. 121, start day counted) for a period starting the day after', () => {
    for (const anchor of ['2024-02-28', '2024-02-29', '2025-02-28', '2026-12-31', '2026-01-31', '2023-03-01']) {
      for (const years of [1, 2, 3, 4]) {
        expect(periodEnd(anchor, `P${years}Y`)).toBe(latestAllowedExpiry(dayAfter(anchor), years));
      }
    }
  });

  it('reads a recurrence as its period, and a detailed recurrence by its next occurrence', () => {
    // Every 6 months from the 31st of August: Art. 121's month end, not rrule's next 31st.
    expect(periodEnd('2026-08-31', 'FREQ=MONTHLY;INTERVAL=6')).toBe('2027-02-28');
    expect(periodEnd('2026-08-31', 'FREQ=MONTHLY;INTERVAL=6')).toBe(periodEnd('2026-08-31', 'P6M'));
    expect(periodEnd('2026-03-15', 'FREQ=YEARLY')).toBe('2027-03-15');
    // The first of January and of July, whatever the anchor.
    expect(periodEnd('2026-03-15', 'FREQ=MONTHLY;BYMONTH=1,7;BYMONTHDAY=1')).toBe('2026-07-01');
  });

  it('refuses what is not a period, a negative one included', () => {
    expect(() => periodEnd('2026-01-01', '-P1D')).toThrow(RangeError);
    expect(() => periodEnd('2026-01-01', 'P1Yjunk')).toThrow(RangeError);
  });
});

describe('Asia/Taipei day boundaries', () => {
  it('judges an instant on the Taipei calendar day', () => {
    // 2027-02-05 16:30 UTC is 2027-02-06 00:30 in Taipei: already the day after.
    const today = taipeiToday(new Date('2027-02-05T16:30:00Z'));
    expect(today).toBe('2027-02-06');
    expect(openStateOn('2027-02-05', [7, 0], today)).toBe('overdue');
    // 15:59 UTC is still 23:59 on the due day in Taipei.
    expect(openStateOn('2027-02-05', [7, 0], taipeiToday(new Date('2027-02-05T15:59:00Z')))).toBe('due');
  });

  it('is upcoming before the first reminder threshold and due within it', () => {
    expect(openStateOn('2027-03-31', [30, 7, 0], '2027-02-28')).toBe('upcoming');
    expect(openStateOn('2027-03-31', [30, 7, 0], '2027-03-01')).toBe('due');
    expect(openStateOn('2027-03-31', [], '2027-03-31')).toBe('due');
    expect(openStateOn('2027-03-31', [], '2027-03-30')).toBe('upcoming');
  });
});

describe('working days (民法第122條) and the office calendar', () => {
  const cal = calendar('office-calendar-2025.csv', 'office-calendar-2027.csv');

  it('moves a Saturday deadline before the Lunar New Year holidays to the first working day after them', () => {
    // 2025: Saturday 25 January opens the holidays, which run to Sunday 2 February.
    const due2025 = computeDue(dayRule, '2024-01-25', cal);
    expect(due2025).toMatchObject({
      computedOn: '2025-01-25',
      dueOn: '2025-02-03',
      shiftedFrom: '2025-01-25',
      shiftNote: 'weekend',
      calendarImported: true,
    });
    // 2027: Saturday 6 February is the first day of the year; the holidays run 4–10 February.
    const due2027 = computeDue(dayRule, '2026-02-06', cal);
    expect(due2027).toMatchObject({ computedOn: '2027-02-06', dueOn: '2027-02-11', shiftNote: '春節' });
    expect(nextWorkingDay(cal, '2027-02-04')).toBe('2027-02-11');
  });

  it('does not move a deadline on a make-up workday (補行上班)', () => {
    expect(restDayReason(cal, '2025-02-08')).toBeNull();
    expect(computeDue(dayRule, '2024-02-08', cal)).toMatchObject({ dueOn: '2025-02-08', shiftedFrom: null });
  });

  it('counts weekends only in a year that was not imported', () => {
    // 2026 is not imported: New Year's Day (a Thursday) is a working day there.
    expect(restDayReason(cal, '2026-01-01')).toBeNull();
    expect(computeDue(dayRule, '2025-01-03', cal)).toMatchObject({
      computedOn: '2026-01-03',
      dueOn: '2026-01-05',
      shiftNote: 'weekend',
      calendarImported: false,
    });
    expect(nextWorkingDay(WEEKENDS_ONLY, '2027-02-06')).toBe('2027-02-08');
  });

  it('shifts only when the rule says so (hour-based clocks do not)', () => {
    expect(computeDue({ period: 'P1Y', shiftToWorkingDay: false }, '2026-02-06', cal)).toMatchObject({
      dueOn: '2027-02-06',
      shiftedFrom: null,
    });
  });

  it('takes the period of the unit’s responsibility level, and none without a level', () => {
    const scan = SUGGESTED_OBLIGATION_RULES.find((r) => r.id === 'periodic.vulnerabilityScan');
    const rule = { periodByLevel: { A: 'P6M', B: 'P1Y', C: 'P2Y' }, shiftToWorkingDay: false };
    // The suggested scan rule: twice a year at level A, yearly at B, every two years at C (item 十七).
    expect(scan?.periodByLevel).toEqual(rule.periodByLevel);
    expect(computeDue(rule, '2027-01-01', cal, 'A')).toMatchObject({ dueOn: '2027-07-01', periodSource: 'level A' });
    expect(computeDue(rule, '2027-01-01', cal, 'B')?.dueOn).toBe('2028-01-01');
    expect(computeDue(rule, '2027-01-01', cal, 'C')?.dueOn).toBe('2029-01-01');
    expect(computeDue(rule, '2027-01-01', cal, null)).toBeUndefined();
  });
});

describe('office calendar CSV', () => {
  it('reads the government format, 2027 with its 18 holidays beyond weekends', () => {
    const parsed = parseWorkingDaysCsv(fixture('office-calendar-2027.csv'));
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.years).toEqual([2027]);
      expect(parsed.days).toHaveLength(365);
      expect(parsed.days.find((d) => d.date === '2027-02-05')).toEqual({
        date: '2027-02-05',
        isHoliday: true,
        note: '農曆除夕',
      });
    }
  });

  it('reads Big5 too, as older years were published', () => {
    const utf8 = parseWorkingDaysCsv(fixture('office-calendar-2025.csv'));
    const big5 = parseWorkingDaysCsv(fixture('office-calendar-2025-big5.csv'));
    expect(big5.ok).toBe(true);
    expect(big5).toEqual(utf8);
  });

  it('refuses malformed rows, naming their lines, and incomplete years', () => {
    const good = readFileSync(new URL('./fixtures/office-calendar-2027.csv', import.meta.url), 'utf8');
    const lines = good.split('\r\n');
    const broken = [...lines];
    broken[2] = '20270132,六,2,';
    broken[3] = '20270103,一,0,';
    broken[4] = '20270104,一,1,';
    const parsed = parseWorkingDaysCsv(Buffer.from(broken.join('\r\n')));
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { line: 3, reason: 'date', value: '20270132' },
        { line: 4, reason: 'weekday', value: '一' },
        { line: 5, reason: 'holiday_flag', value: '1' },
      ],
    });
    const partial = parseWorkingDaysCsv(Buffer.from(lines.slice(0, 100).join('\r\n')));
    expect(partial).toMatchObject({ ok: false, problems: [{ reason: 'year_incomplete', value: '2027: 99 days' }] });
    expect(parseWorkingDaysCsv(Buffer.from('date,weekday\n20270101,五\n'))).toMatchObject({
      ok: false,
      problems: [{ reason: 'columns' }],
    });
    const duplicated = [...lines.slice(0, 3), lines[2], ...lines.slice(3)];
    expect(parseWorkingDaysCsv(Buffer.from(duplicated.join('\r\n')))).toMatchObject({
      ok: false,
      problems: [{ line: 4, reason: 'duplicate' }],
    });
  });
});

describe('obligation rules', () => {
  it('accepts the suggested rules and refuses unknown fields and negative periods', () => {
    for (const rule of SUGGESTED_OBLIGATION_RULES) {
      expect(ObligationRuleSchema.safeParse(rule).success).toBe(true);
    }
    const base = SUGGESTED_OBLIGATION_RULES.find((r) => r.id === 'contacts.reconfirm');
    if (!base) {
      throw new Error('the suggested rules lack contacts.reconfirm');
    }
    expect(ObligationRuleSchema.safeParse({ ...base, colour: 'red' }).success).toBe(false);
    expect(ObligationRuleSchema.safeParse({ ...base, period: '-P1Y' }).success).toBe(false);
    expect(ObligationRuleSchema.safeParse({ ...base, periodByLevel: { A: 'P1Y', B: 'P1Y', C: 'P1Y' } }).success).toBe(
      false,
    );
    expect(
      ObligationRuleSchema.safeParse({ ...base, escalation: { businessOwnerAfterDays: 30, ministryAfterDays: 7 } })
        .success,
    ).toBe(false);
  });
});
