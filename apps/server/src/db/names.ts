import { inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client.js';

export type RowName = { name: string; nameEn: string | null; parentId: string | null };

/**
 * Display names of a batch of rows of one table, by id, in one query (the audit log names
 * the records its events point to, a page at a time). Rows that no longer exist are absent.
 * `parent` is read too when the row's page is its parent's (a risk assessment's contract);
 * `nameEn`, when the rows have an English name as well (organisations).
 */
export async function namesByIds(
  db: Executor,
  options: { table: PgTable; id: PgColumn; name: PgColumn | SQL<string>; nameEn?: PgColumn; parent?: PgColumn },
  ids: readonly string[],
): Promise<Map<string, RowName>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({
      id: sql<string>`${options.id}`,
      name: sql<string>`${options.name}`,
      nameEn: options.nameEn ? sql<string | null>`${options.nameEn}` : sql<null>`null`,
      parentId: options.parent ? sql<string | null>`${options.parent}` : sql<null>`null`,
    })
    .from(options.table)
    .where(inArray(options.id, [...ids]));
  return new Map(rows.map((row) => [row.id, { name: row.name, nameEn: row.nameEn, parentId: row.parentId }]));
}
