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

/**
 * `expr ilike '%q%'`, with LIKE wildcards in q taken as text. The registry's searched
 * columns have pg_trgm GIN indexes (migration 0007), which serve ILIKE directly when q has
 * three characters or more; shorter queries scan (see docs/performance.md).
 */
export function containsSql(expr: SQL | AnyPgColumn, q: string): SQL {
  return sql`${expr} ilike ${likePattern(q)}`;
}

/** The elements of a text[] joined by spaces, as indexed by the trigram indexes on URLs and IPs. */
export function joinedText(expr: AnyPgColumn): SQL {
  return sql`custodian_join_text(${expr})`;
}

/** Characters in q (code points, so 招生 is two). */
const lengthOf = (q: string) => [...q].length;

/** Whether q is too short for a trigram index (one or two characters, e.g. 招生). */
export function isShortQuery(q: string): boolean {
  return lengthOf(q) <= 2;
}

/**
 * A name contains q: through the trigram index for three characters or more, and for one
 * or two through the name's single characters and adjacent pairs (`custodian_short_grams`,
 * migration 0008, GIN-indexed on systems and contracts), which is the same test for such
 * a q. Only the columns with that index may use it.
 */
export function nameContainsSql(expr: AnyPgColumn, q: string): SQL {
  if (!isShortQuery(q)) {
    return containsSql(expr, q);
  }
  return sql`custodian_short_grams(${expr}) @> array[lower(${q})]::text[]`;
}
