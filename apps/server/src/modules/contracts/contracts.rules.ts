import { throwFirstProblem, type Problem } from '../../lib/problems.js';

/**
 * The rules of a contract's record that need no database, as functions returning every
 * problem (the importer reports them all; the service throws the first).
 */

/** The period ends on or after its start; unknown ends (`undefined`/null) are not judged. */
export function checkContractPeriod(period: {
  periodStart: string | null | undefined;
  periodEnd: string | null | undefined;
}): Problem[] {
  const { periodStart, periodEnd } = period;
  return periodStart && periodEnd && periodEnd < periodStart
    ? [{ path: 'periodEnd', code: 'CONTRACT_PERIOD_INVALID', value: periodEnd }]
    : [];
}

/** The period rule, for a service: CONTRACT_PERIOD_INVALID. */
export function assertContractPeriod(period: { periodStart: string; periodEnd: string }): void {
  throwFirstProblem(checkContractPeriod(period));
}
