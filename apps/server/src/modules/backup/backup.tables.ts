import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema/index.js';

/** One table as the backup sees it. */
export type BackupTable = {
  name: string;
  /** Primary-key columns, for a stable dump order. */
  primaryKey: string[];
  /** Rows point at rows of the same table (organisations.parent_id): restore in one statement. */
  selfReferencing: boolean;
  /** Columns fed by a sequence (bigserial), whose sequence must be moved past the restored rows. */
  serialColumns: string[];
  /** Columns a restore writes: all but the generated ones, which the database computes. */
  insertColumns: string[];
};

/**
 * The dashboard's snapshot (ADR 0025): counts derived from the other tables. Not backed up;
 * a restore empties them, and the next dashboard read (or the refresh job) rebuilds them
 * from the restored records.
 */
export const DERIVED_TABLES = ['dashboard_counts', 'dashboard_totals', 'dashboard_snapshot'] as const;

/**
 * Tables that hold no data of their own and are not backed up. `change_counters` counts
 * changes for the in-process actor cache (ADR 0022): triggers raise it whenever users,
 * sessions or scopes change, so a restore moves it by itself, and each database keeps its own.
 */
const NOT_BACKED_UP = new Set<string>(['change_counters', ...DERIVED_TABLES]);

/**
 * Every table of the Drizzle schema but NOT_BACKED_UP, ordered so that a table comes after the tables its
 * foreign keys point to. New tables are picked up automatically.
 */
export function listBackupTables(): BackupTable[] {
  const tables = (Object.values(schema) as unknown[]).filter((value): value is PgTable => is(value, PgTable));
  const info = new Map<string, BackupTable & { dependsOn: Set<string> }>();
  for (const table of tables) {
    const config = getTableConfig(table);
    if (NOT_BACKED_UP.has(config.name)) {
      continue;
    }
    const dependsOn = new Set<string>();
    for (const fk of config.foreignKeys) {
      dependsOn.add(getTableConfig(fk.reference().foreignTable).name);
    }
    const pkColumns = config.columns.filter((c) => c.primary).map((c) => c.name);
    const composite = config.primaryKeys[0]?.columns.map((c) => c.name) ?? [];
    info.set(config.name, {
      name: config.name,
      primaryKey: pkColumns.length > 0 ? pkColumns : composite,
      selfReferencing: dependsOn.has(config.name),
      serialColumns: config.columns.filter((c) => c.columnType.includes('Serial')).map((c) => c.name),
      insertColumns: config.columns.filter((c) => c.generated === undefined).map((c) => c.name),
      dependsOn,
    });
  }
  const ordered: BackupTable[] = [];
  const placed = new Set<string>();
  const names = [...info.keys()].sort();
  while (ordered.length < names.length) {
    const next = names.find(
      (name) => !placed.has(name) && [...(info.get(name)?.dependsOn ?? [])].every((d) => d === name || placed.has(d)),
    );
    const entry = next ? info.get(next) : undefined;
    if (!next || !entry) {
      throw new Error('Foreign keys form a cycle; the backup cannot order the tables');
    }
    const { dependsOn: _dependsOn, ...table } = entry;
    ordered.push(table);
    placed.add(next);
  }
  return ordered;
}

/** Double-quotes an identifier for SQL. Names come from our schema, never from input. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
