import { sql, type SQL } from 'drizzle-orm';

/*
 * Several totals of one table in a single scan: `count(*) filter (where …)` per condition.
 * The dashboard asks for a list's total under several filters; one scan of the rows in
 * scope is cheaper than one query per filter, above all on PGlite, which runs queries one
 * at a time.
 */

/** Select columns n0, n1, … counting the rows that meet each condition (none: every row). */
export function countColumns(conditions: readonly (SQL | undefined)[]): Record<string, SQL<number>> {
  return Object.fromEntries(
    conditions.map((c, i) => [`n${i}`, sql<number>`count(*) filter (where ${c ?? sql`true`})`]),
  );
}

/** The totals of `countColumns`, in order, as numbers (pg returns counts as strings). */
export function readCounts(row: Record<string, unknown> | undefined, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Number(row?.[`n${i}`] ?? 0));
}
