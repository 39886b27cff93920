import type { FindingStats, FindingStatsQuery } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import { requireActor, resolveRegistryScope } from '../../lib/tenancy.js';
import { meanDaysToRemediate, openBySeverityAt } from './findings-stats.repository.js';

/** Taipei is UTC+8 all year (no daylight saving). */
const TAIPEI_OFFSET_MS = 8 * 3_600_000;

/**
 * The last `months` months (Taipei) ending with the current one, each with the instant it
 * ends: the first moment of the next month in Taipei, or `now` for the current month.
 */
export function monthEnds(now: Date, months: number): { month: string; at: Date }[] {
  const taipei = new Date(now.getTime() + TAIPEI_OFFSET_MS);
  const year = taipei.getUTCFullYear();
  const month = taipei.getUTCMonth();
  const ends: { month: string; at: Date }[] = [];
  for (let back = months - 1; back >= 0; back -= 1) {
    const start = new Date(Date.UTC(year, month - back, 1));
    const label = `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}`;
    const nextStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1) - TAIPEI_OFFSET_MS;
    ends.push({ month: label, at: back === 0 ? now : new Date(nextStart) });
  }
  return ends;
}

const round1 = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);

/** Open findings by severity month by month, and the mean time to remediate, within the caller's scope. */
export async function findingStats(
  deps: AppDeps,
  ctx: RequestContext,
  query: FindingStatsQuery,
): Promise<FindingStats> {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const today = taipeiToday(ctx.now);
  const filter = { systemId: query.systemId, orgId: query.orgId };
  const [months, remediation] = await Promise.all([
    openBySeverityAt(deps.db, { scope, filter, today, ends: monthEnds(ctx.now, query.months) }),
    meanDaysToRemediate(deps.db, { scope, filter, today }),
  ]);
  const mean = (severity: string) => round1(remediation.find((r) => r.severity === severity)?.meanDays);
  return {
    months,
    meanDaysToRemediate: { critical: mean('critical'), high: mean('high'), medium: mean('medium'), low: mean('low') },
    fixedCount: remediation.reduce((n, r) => n + r.fixed, 0),
  };
}
