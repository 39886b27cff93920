import { sql, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from './client.js';
import { queryRows } from './client.js';

/*
 * List totals whose cost is bounded (issue 12). An exact `count(*)` reads every matching
 * row; over tens of thousands of rows, on every page request, that was most of a list's
 * cost. A total is counted exactly up to a bound, and beyond it the planner's estimate is
 * returned and flagged, so the web shows 「約 40,000 筆」 rather than a false exact number.
 */

/** Lists count exactly up to this many matching rows. */
export const EXACT_TOTAL_LIMIT = 10_000;

export type ListTotal = { total: number; totalIsEstimate: boolean };

/**
 * Something with `.limit(n)` that is a query: a drizzle select of the list's rows under
 * its filters (any columns, no order, no limit yet).
 */
type Limitable = SQLWrapper & { limit(n: number): SQLWrapper };

/**
 * The total of a list: exact up to `limit` rows (a count over at most limit + 1 rows),
 * else the planner's row estimate for the whole query (never below limit + 1).
 */
export async function boundedTotal(
  db: Executor,
  query: Limitable,
  limit: number = EXACT_TOTAL_LIMIT,
): Promise<ListTotal> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (${query.limit(limit + 1)}) as bounded`,
  );
  const n = Number(row?.n ?? 0);
  if (n <= limit) {
    return { total: n, totalIsEstimate: false };
  }
  return { total: Math.max(limit + 1, await estimateRows(db, query)), totalIsEstimate: true };
}

type ExplainRow = { 'QUERY PLAN': unknown };

/** The planner's estimate of a query's rows (EXPLAIN, nothing executed). */
export async function estimateRows(db: Executor, query: SQLWrapper): Promise<number> {
  const [row] = await queryRows<ExplainRow>(db, sql`explain (format json) ${query}`);
  const raw = row?.['QUERY PLAN'];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [{ Plan: { 'Plan Rows': number } }] | undefined;
  const rows = plan?.[0]?.Plan['Plan Rows'] ?? 0;
  // Round to two significant figures: the estimate is not exact, and should not look it.
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(rows, 1))) - 1);
  return Math.round(rows / magnitude) * magnitude;
}
