import { taipeiToday } from '@custodian/shared';

/**
 * The one place the web app reads the time (ADR 0014); components call `now()` or `today()`,
 * never `new Date()` or `Date.now()`, so there is one seam for a test to set the time at.
 */

/** The current instant, a new Date on each call. */
export function now(): Date {
  return new Date();
}

/** Today's date in Asia/Taipei as YYYY-MM-DD: the day rules, deadlines and file names use. */
export function today(): string {
  return taipeiToday(now());
}
