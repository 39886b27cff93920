import { sql } from 'drizzle-orm';
import { queryRows as rowsOf, type Executor } from '../../db/client.js';
import { DERIVED_TABLES, quoteIdent, type BackupTable } from './backup.tables.js';

/** The newest applied Drizzle migration, or null on a database never migrated. */
export async function findLatestMigration(db: Executor): Promise<{ hash: string; createdAt: number } | null> {
  const [exists] = await rowsOf<{ ok: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`,
  );
  if (!exists?.ok) {
    return null;
  }
  const [row] = await rowsOf<{ hash: string; created_at: string | number }>(
    db,
    sql`select hash, created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  );
  return row ? { hash: row.hash, createdAt: Number(row.created_at) } : null;
}

/** Whether the database holds accounts or organisations (false before the first migration). */
export async function hasUserData(db: Executor): Promise<boolean> {
  const [exists] = await rowsOf<{ ok: boolean }>(
    db,
    sql`select to_regclass('public.users') is not null and to_regclass('public.organisations') is not null as ok`,
  );
  if (!exists?.ok) {
    return false;
  }
  const [row] = await rowsOf<{ ok: boolean }>(
    db,
    sql`select exists(select 1 from users) or exists(select 1 from organisations) as ok`,
  );
  return row?.ok === true;
}

function orderBy(table: BackupTable): string {
  return table.primaryKey.length > 0 ? table.primaryKey.map(quoteIdent).join(', ') : 'row_to_json(t)::text';
}

/**
 * Streams a table as JSON text, one row at a time, through a cursor in the surrounding
 * transaction; `onBatch` receives each batch of JSON strings in primary-key order.
 */
export async function dumpTable(
  tx: Executor,
  options: { table: BackupTable; batchSize: number; onBatch: (rows: string[]) => Promise<void> },
): Promise<void> {
  const name = quoteIdent(options.table.name);
  await tx.execute(
    sql.raw(
      `declare backup_cursor no scroll cursor for select row_to_json(t)::text as j from ${name} t order by ${orderBy(options.table)}`,
    ),
  );
  for (;;) {
    const rows = await rowsOf<{ j: string }>(tx, sql.raw(`fetch ${options.batchSize} from backup_cursor`));
    if (rows.length > 0) {
      await options.onBatch(rows.map((r) => r.j));
    }
    if (rows.length < options.batchSize) {
      break;
    }
  }
  await tx.execute(sql.raw('close backup_cursor'));
}

/** Inserts rows given as one JSON array text, passed as a single parameter. */
export async function insertRowsJson(tx: Executor, table: BackupTable, jsonArray: string): Promise<void> {
  const name = quoteIdent(table.name);
  const columns = table.insertColumns.map(quoteIdent).join(', ');
  await tx.execute(
    sql`insert into ${sql.raw(name)} (${sql.raw(columns)}) select ${sql.raw(columns)} from json_populate_recordset(null::${sql.raw(name)}, ${jsonArray}::json)`,
  );
}

export async function countRows(db: Executor, table: BackupTable): Promise<number> {
  const [row] = await rowsOf<{ n: string | number }>(
    db,
    sql.raw(`select count(*) as n from ${quoteIdent(table.name)}`),
  );
  return Number(row?.n ?? 0);
}

/** Empties the tables derived from the others (the dashboard's snapshot), which a restore leaves to be rebuilt. */
export async function truncateDerivedTables(tx: Executor): Promise<void> {
  await tx.execute(sql.raw(`truncate ${DERIVED_TABLES.map((name) => quoteIdent(name)).join(', ')}`));
}

/** Empties the given tables (restore --force). */
export async function truncateTables(tx: Executor, tables: BackupTable[]): Promise<void> {
  await tx.execute(sql.raw(`truncate ${tables.map((t) => quoteIdent(t.name)).join(', ')} restart identity cascade`));
}

/** Moves each serial column's sequence past the highest restored value. */
export async function resetSequences(tx: Executor, table: BackupTable): Promise<void> {
  for (const column of table.serialColumns) {
    const name = quoteIdent(table.name);
    const col = quoteIdent(column);
    await tx.execute(
      sql`select setval(pg_get_serial_sequence(${name}, ${column}), coalesce((select max(${sql.raw(col)}) from ${sql.raw(name)}), 0) + 1, false)`,
    );
  }
}

/**
 * md5 of every table's content in primary-key order, for comparing two databases (the
 * restore test and `custodian backup --verify` style checks).
 */
export async function tableDigest(db: Executor, table: BackupTable): Promise<string> {
  const [row] = await rowsOf<{ d: string | null }>(
    db,
    sql.raw(
      `select md5(coalesce(string_agg(row_to_json(t)::text, E'\\n' order by ${orderBy(table)}), '')) as d from ${quoteIdent(table.name)} t`,
    ),
  );
  return row?.d ?? '';
}
