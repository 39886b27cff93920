import { sql } from 'drizzle-orm';
import type { FindingListQuery } from '@custodian/shared';
import { queryRows, type Executor } from '../../db/client.js';
import { scanFindings } from '../../db/schema/index.js';
import type { RegistryScope } from '../../lib/tenancy.js';
import { findingListFilters } from './findings.repository.js';

/** Reads of the findings' charts (issue 9): nothing here writes. */

type Severity = 'critical' | 'high' | 'medium' | 'low';
export type MonthCounts = Record<Severity, number> & { month: string };
export type RemediationRow = { severity: Severity; meanDays: number | null; fixed: number };

/**
 * When each finding in scope opened (its first scan) and, if it did, stopped being open: the
 * scan that found it fixed, or the day it was marked a false positive or accepted as a risk.
 * A finding that reopened counts from its first report (reopenings are not kept apart).
 */
function spans(scope: RegistryScope, filter: Pick<FindingListQuery, 'systemId' | 'orgId'>, today: string) {
  const where = findingListFilters(scope, { page: 1, pageSize: 1, ...filter }, today);
  // The list's filters name the table itself (scan_findings.…), so it is read unaliased.
  return sql`select ${scanFindings.severity} as severity, first.taken_at as opened_at,
      case when ${scanFindings.state} in ('fixed', 'verified_fixed') then fixed.taken_at
           when ${scanFindings.state} in ('false_positive', 'risk_accepted') then ${scanFindings.stateChangedAt}
      end as closed_at,
      ${scanFindings.state} as state
    from ${scanFindings}
    join scans first on first.id = ${scanFindings.firstSeenScanId}
    left join scans fixed on fixed.id = ${scanFindings.fixedInScanId}
    where ${scanFindings.severity} <> 'info' and ${where ?? sql`true`}`;
}

/** Findings open at each instant of `ends` (the ends of the months), by severity. */
export async function openBySeverityAt(
  db: Executor,
  options: {
    scope: RegistryScope;
    filter: Pick<FindingListQuery, 'systemId' | 'orgId'>;
    today: string;
    ends: { month: string; at: Date }[];
  },
): Promise<MonthCounts[]> {
  const { ends } = options;
  const rows = await queryRows<MonthCounts>(
    db,
    sql`with s as (${spans(options.scope, options.filter, options.today)}),
      e as (select * from unnest(${sql.param(ends.map((e) => e.month))}::text[],
                                 ${sql.param(ends.map((e) => e.at.toISOString()))}::timestamptz[]) as e(month, at))
      select e.month,
        (count(s.severity) filter (where s.severity = 'critical'))::int as critical,
        (count(s.severity) filter (where s.severity = 'high'))::int as high,
        (count(s.severity) filter (where s.severity = 'medium'))::int as medium,
        (count(s.severity) filter (where s.severity = 'low'))::int as low
      from e left join s on s.opened_at <= e.at and (s.closed_at is null or s.closed_at > e.at)
      group by e.month order by e.month`,
  );
  return rows.map((r) => ({
    month: r.month,
    critical: Number(r.critical),
    high: Number(r.high),
    medium: Number(r.medium),
    low: Number(r.low),
  }));
}

/** Mean days from first report to the scan that found it fixed, by severity. */
export async function meanDaysToRemediate(
  db: Executor,
  options: { scope: RegistryScope; filter: Pick<FindingListQuery, 'systemId' | 'orgId'>; today: string },
): Promise<RemediationRow[]> {
  const rows = await queryRows<{ severity: Severity; mean_days: number | string | null; fixed: number | string }>(
    db,
    sql`with s as (${spans(options.scope, options.filter, options.today)})
      select severity, avg(extract(epoch from closed_at - opened_at) / 86400.0) as mean_days, count(*) as fixed
      from s where state in ('fixed', 'verified_fixed') and closed_at is not null
      group by severity`,
  );
  return rows.map((r) => ({
    severity: r.severity,
    meanDays: r.mean_days === null ? null : Number(r.mean_days),
    fixed: Number(r.fixed),
  }));
}
