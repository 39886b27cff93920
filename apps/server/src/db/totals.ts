import { asc, desc, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
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
  // The whole query, taken before `.limit()`: drizzle's builders change in place, so an
  // estimate of `query` afterwards was the estimate of at most limit + 1 rows, never more.
  const whole = query.getSQL();
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from (${query.limit(limit + 1)}) as bounded`,
  );
  const n = Number(row?.n ?? 0);
  if (n <= limit) {
    return { total: n, totalIsEstimate: false };
  }
  return { total: Math.max(limit + 1, await estimateRows(db, whole)), totalIsEstimate: true };
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

/** One key of a list's order. */
export type SortKey = { key: AnyPgColumn; direction: 'asc' | 'desc' };

/**
 * A list's order, stated once (issue 12): its keys, then its id column, which breaks ties
 * ascending. `sortOrder` gives the ORDER BY of the list's reads, `sortColumns` the columns
 * `searchPage` reads its matches with, so the two can never disagree.
 */
export type ListSort = { keys: readonly SortKey[]; id: AnyPgColumn };

/** The ORDER BY of a list: its keys, then its id ascending. */
export function sortOrder(sort: ListSort): SQL[] {
  return [...sort.keys.map(({ key, direction }) => (direction === 'desc' ? desc(key) : asc(key))), asc(sort.id)];
}

/** The columns a search's matches are read with: `id`, then the sort keys aliased `s0`, `s1`, … */
export function sortColumns(sort: ListSort): Record<string, AnyPgColumn | SQL.Aliased> {
  const columns: Record<string, AnyPgColumn | SQL.Aliased> = { id: sort.id };
  sort.keys.forEach(({ key }, i) => {
    columns[`s${i}`] = sql`${key}`.as(`s${i}`);
  });
  return columns;
}

/**
 * A search's page of ids and its total from ONE read of its matches (issue 12): the
 * matches (at most `limit` + 1, each with its sort keys) are materialised once, counted,
 * and the page is cut from them in the list's order. Counting the matches separately from
 * paging them read them twice: with a trigram index, the planner walked the order index over
 * 15,000 hosts to find 20 addresses that sort late, then counted the matches again through
 * the trigram index. Returns undefined when the search matches more than `limit` rows: the
 * caller then pages along its order index and estimates the total, as without a search.
 *
 * `matches(columns, n)` selects `columns` (`sortColumns(sort)`) of at most n matching rows,
 * unordered.
 */
export async function searchPage(
  db: Executor,
  sort: ListSort,
  matches: (columns: ReturnType<typeof sortColumns>, n: number) => SQLWrapper,
  page: { page: number; pageSize: number },
  limit: number = EXACT_TOTAL_LIMIT,
): Promise<({ ids: string[] } & ListTotal) | undefined> {
  const order = sql.join(
    [
      ...sort.keys.map(({ direction }, i) => sql.raw(`m.s${i} ${direction === 'desc' ? 'desc' : 'asc'}`)),
      sql.raw('m.id asc'),
    ],
    sql`, `,
  );
  const [row] = await queryRows<{ n: number; ids: string[] | null }>(
    db,
    sql`with m as materialized (${matches(sortColumns(sort), limit + 1)})
        select (select count(*)::int from m) as n,
          (select array_agg(p.id::text order by p.rn) from (
             select m.id, row_number() over (order by ${order}) as rn from m
             order by ${order} limit ${page.pageSize} offset ${(page.page - 1) * page.pageSize}) p) as ids`,
  );
  const n = Number(row?.n ?? 0);
  if (n > limit) {
    return undefined;
  }
  return { ids: row?.ids ?? [], total: n, totalIsEstimate: false };
}
