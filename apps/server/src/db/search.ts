import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Free-text search fragments shared by every module's list queries (a module never imports
 * another module's repository, so these live beside the database client).
 */

/** Escapes LIKE wildcards so a search for "50%" means the text, not a pattern. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `lower(expr) like '%q%'`, with LIKE wildcards in q taken as text; cheaper than ilike. */
export function containsSql(expr: SQL | AnyPgColumn, q: string): SQL {
  return sql`lower(${expr}) like ${likePattern(q.toLowerCase())}`;
}
