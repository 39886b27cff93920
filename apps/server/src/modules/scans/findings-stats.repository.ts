import { sql, type SQL } from 'drizzle-orm';
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

/**
 * Findings open at each instant of `ends` (the ends of the months, ascending), by severity.
 *
 * One pass over the findings (issue 9, 1,000,000 findings): each finding gets the first month
 * whose end is at or after its opening (`o`) and after its closing (`c`), from `width_bucket`
 * over the month ends; the findings are grouped by severity, `o` and `c` (a few hundred
 * groups), and a month counts a group when `o <= month < c`. The same as testing every
 * finding against every month end (`opened_at <= at and (closed_at is null or closed_at >
 * at)`), which joined 1,000,000 findings to 12 months and took seconds.
 */
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
  const ats = sql`${sql.param(ends.map((e) => e.at.toISOString()))}::timestamptz[]`;
  // The first month whose end is at or after x (w = width_bucket(x), the month ends at or before x):
  // 1 + the number of month ends before x.
  const firstMonth = (x: SQL, w: SQL) =>
    sql`(1 + ${w} - case when ${w} > 0 and (${ats})[${w}] = ${x} then 1 else 0 end)`;
  const rows = await queryRows<MonthCounts>(
    db,
    sql`with s as (${spans(options.scope, options.filter, options.today)}),
      w as (select severity, opened_at, width_bucket(opened_at, ${ats}) as wo,
                   closed_at, width_bucket(closed_at, ${ats}) as wc from s),
      g as (select severity, ${firstMonth(sql`opened_at`, sql`wo`)} as o,
                   case when closed_at is not null then ${firstMonth(sql`closed_at`, sql`wc`)} end as c, count(*)::int as n
            from w group by 1, 2, 3),
      e as (select * from unnest(${sql.param(ends.map((e) => e.month))}::text[]) with ordinality as e(month, i))
      select e.month,
        coalesce(sum(g.n) filter (where g.severity = 'critical'), 0)::int as critical,
        coalesce(sum(g.n) filter (where g.severity = 'high'), 0)::int as high,
        coalesce(sum(g.n) filter (where g.severity = 'medium'), 0)::int as medium,
        coalesce(sum(g.n) filter (where g.severity = 'low'), 0)::int as low
      from e left join g on g.o <= e.i and (g.c is null or g.c > e.i)
      group by e.month, e.i order by e.i`,
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
