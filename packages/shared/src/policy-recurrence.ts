import * as rruleModule from 'rrule';

/*
 * Recurrences of the rule set as RFC 5545 RRULE text (`FREQ=MONTHLY;INTERVAL=6`), parsed by
 * the rrule package (ADR 0015).
 */

type RRuleExports = typeof rruleModule;

/**
 * rrule ships CommonJS to Node.js, whose ESM loader then sees one default export, and ESM
 * to bundlers, with named exports only: take the exports from whichever arrived. The
 * default is read with Reflect so that bundlers do not warn about an export their build lacks.
 */
const rrule: RRuleExports =
  typeof rruleModule.RRule === 'function' ? rruleModule : (Reflect.get(rruleModule, 'default') as RRuleExports);

/** How often a rule may repeat: a rule set has no use for hourly or finer recurrences. */
export const RECURRENCE_FREQUENCIES = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY'] as const;
export type RecurrenceFrequency = (typeof RECURRENCE_FREQUENCIES)[number];

function isRecurrenceFrequency(name: string): name is RecurrenceFrequency {
  return (RECURRENCE_FREQUENCIES as readonly string[]).includes(name);
}

/** A recurrence the rule set accepts, read back. */
export type PolicyRecurrence = {
  frequency: RecurrenceFrequency;
  /** Every `interval` periods; 1 when the text does not say. */
  interval: number;
  /** Whether the text says only FREQ and INTERVAL, so "every 6 months" tells all of it. */
  isSimple: boolean;
};

/** RRULE parts only: NAME=value pairs. No DTSTART line, no `RRULE:` prefix, no line breaks. */
const RRULE_TEXT = /^[A-Z]+=[A-Z0-9,+-]+(?:;[A-Z]+=[A-Z0-9,+-]+)*$/;
/** The recurrence repeats for as long as its version is in force: no end, no own start. */
const REFUSED_PARTS = ['COUNT', 'UNTIL', 'DTSTART', 'TZID', 'WKST'];
const MAX_INTERVAL = 1000;
/** A recurrence must fire within this span of a start day; one that never fires is a typing error. */
const SEARCH_START = new Date(Date.UTC(2001, 0, 1));
const SEARCH_END = new Date(Date.UTC(2101, 0, 1));

/**
 * Reads an RRULE text of the rule set, or returns undefined when it is not one we accept:
 * not RRULE syntax (rrule's parser), a frequency finer than daily, a COUNT/UNTIL/DTSTART,
 * an interval that is not a whole number from 1 to 1000, or a rule that never fires.
 */
export function parsePolicyRecurrence(text: string): PolicyRecurrence | undefined {
  if (text.length > 200 || !RRULE_TEXT.test(text)) {
    return undefined;
  }
  const names = text.split(';').map((part) => part.split('=')[0] ?? '');
  if (names.some((name) => REFUSED_PARTS.includes(name)) || new Set(names).size !== names.length) {
    return undefined;
  }
  let options: ReturnType<typeof rrule.RRule.parseString>;
  try {
    options = rrule.RRule.parseString(text);
  } catch {
    return undefined;
  }
  const frequency = options.freq === undefined ? undefined : rrule.RRule.FREQUENCIES[options.freq];
  if (frequency === undefined || !isRecurrenceFrequency(frequency)) {
    return undefined;
  }
  // rrule keeps a malformed INTERVAL as the text it read ("1.5", "abc"), so check its type.
  const interval: unknown = options.interval ?? 1;
  if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1 || interval > MAX_INTERVAL) {
    return undefined;
  }
  try {
    const rule = new rrule.RRule({ ...options, dtstart: SEARCH_START });
    const first = rule.between(SEARCH_START, SEARCH_END, true, (_date, index) => index < 1);
    if (first.length === 0) {
      return undefined;
    }
  } catch {
    return undefined;
  }
  return {
    frequency,
    interval,
    isSimple: names.every((name) => name === 'FREQ' || name === 'INTERVAL'),
  };
}
