import { getTableColumns, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './types.js';

/** Rows per INSERT statement: one JSON parameter each, so the bind limit never applies. */
const CHUNK = 2_000;

/**
 * Inserts many rows of one table with one `jsonb_to_recordset` parameter per chunk instead
 * of one bind parameter per value: several times faster on PGlite for thousands of rows
 * (see bench/import-xlsx.ts). Every row must carry the same keys, the first row's. Only
 * the repository of the table's module calls it (ADR 0018).
 */
export async function insertRecordset<T extends PgTable>(
  tx: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  const [first] = rows;
  if (!first) {
    return;
  }
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((k) => columns[k] !== undefined);
  const defs = keys.map((k) => {
    const column = columns[k];
    if (!column) {
      throw new Error(`unknown column ${k}`);
    }
    return { key: k, name: column.name, type: column.getSQLType() };
  });
  const names = sql.join(
    defs.map((d) => sql.identifier(d.name)),
    sql`, `,
  );
  const types = sql.raw(defs.map((d) => `"${d.name}" ${d.type}`).join(', '));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows
      .slice(i, i + CHUNK)
      .map((row) => Object.fromEntries(defs.map((d) => [d.name, (row as Record<string, unknown>)[d.key] ?? null])));
    await tx.execute(
      sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(${types})`,
    );
  }
}
