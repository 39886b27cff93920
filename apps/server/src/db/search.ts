import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/**
 * Free-text search fragments shared by every module's list queries (a module never imports
 * another module's repository, so these live beside the database client).
 */

/** Escapes LIKE wildcards, so user text matches literally ("50%" means the text). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `%q%` with LIKE wildcards in q taken as text, for "contains" searches. */
export function likePattern(q: string): string {
  return `%${escapeLike(q)}%`;
}

/** `lower(expr) like '%q%'`, with LIKE wildcards in q taken as text; cheaper than ilike. */
export function containsSql(expr: SQL | AnyPgColumn, q: string): SQL {
  return sql`lower(${expr}) like ${likePattern(q.toLowerCase())}`;
}
