import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema/index.js';

/*
 * Services are the only writers of their tables (issue 7 part 5, ADR 0018): each table is
 * written (insert, update, delete) by one module only, its owner; every other module goes
 * through the owner's services. The owner is simply the module that writes it, so a new
 * module adds nothing here. The scan reads the source of every module (tests excepted) for
 * drizzle writes (`.insert(t)`, `.update(t)`, `.delete(t)`, `insertRecordset(tx, t, …)`) of
 * a table imported from db/schema, and for SQL text that writes a table by name.
 */

const MODULES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'modules');

/** Export name → SQL name of every table of the schema. */
const TABLES: ReadonlyMap<string, string> = new Map(
  Object.entries(schema).flatMap(([name, value]) => (is(value, PgTable) ? [[name, getTableName(value)] as const] : [])),
);
const SQL_NAMES: ReadonlySet<string> = new Set(TABLES.values());

/**
 * Tables more than one module writes, each with the reason; anything else written by two
 * modules fails. Keep this list short and shrinking.
 */
const SHARED: Record<string, { modules: string[]; reason: string }> = {
  api_tokens: {
    modules: ['account', 'auth'],
    reason:
      'account issues and revokes tokens; sign-in (auth) stamps last use and revokes them with a disabled account',
  },
  invites: {
    modules: ['auth', 'users'],
    reason: 'users issues invitations; accepting one (auth) consumes it',
  },
};

/** Modules allowed to write every table, with the reason. */
const WRITES_EVERYTHING: Record<string, string> = {
  backup: 'a restore replaces every table from the archive, all or nothing',
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Local name → SQL table name, for the tables a file imports from db/schema. */
function schemaImports(source: string): Map<string, string> {
  const names = new Map<string, string>();
  for (const match of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*'[./]*db\/schema(?:\/index)?\.js'/g)) {
    for (const part of (match[1] ?? '').split(',')) {
      const [exported, local] = part
        .replace(/^\s*type\s+/, '')
        .split(/\s+as\s+/)
        .map((s) => s.trim());
      const table = exported ? TABLES.get(exported) : undefined;
      if (table) {
        names.set(local ?? exported ?? '', table);
      }
    }
  }
  return names;
}

/** The SQL names of the tables a source file writes. */
export function tablesWritten(source: string): Set<string> {
  const written = new Set<string>();
  const local = schemaImports(source);
  const patterns = [
    /\.(?:insert|update|delete)\(\s*([A-Za-z_$][\w$]*)\s*\)/g,
    /insertRecordset\(\s*\w+\s*,\s*([A-Za-z_$][\w$]*)/g,
    /\b(?:insert\s+into|update|delete\s+from)\s+\$\{\s*([A-Za-z_$][\w$]*)\s*\}/gi,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const table = local.get(match[1] ?? '');
      if (table) {
        written.add(table);
      }
    }
  }
  for (const match of source.matchAll(
    /\b(?:insert\s+into|delete\s+from)\s+"?([a-z_]+)"?|\bupdate\s+"?([a-z_]+)"?\s+set\b/gi,
  )) {
    const name = (match[1] ?? match[2] ?? '').toLowerCase();
    if (SQL_NAMES.has(name)) {
      written.add(name);
    }
  }
  return written;
}

/** Table → module → files of that module writing it. */
function writersByTable(): Map<string, Map<string, string[]>> {
  const byTable = new Map<string, Map<string, string[]>>();
  for (const file of sourceFiles(MODULES_DIR)) {
    const module = relative(MODULES_DIR, file).split('/')[0] ?? '';
    if (module in WRITES_EVERYTHING || !module || module.endsWith('.ts')) {
      continue;
    }
    for (const table of tablesWritten(readFileSync(file, 'utf8'))) {
      const modules = byTable.get(table) ?? new Map<string, string[]>();
      modules.set(module, [...(modules.get(module) ?? []), relative(MODULES_DIR, file)]);
      byTable.set(table, modules);
    }
  }
  return byTable;
}

describe('table writers', () => {
  it('finds writes in the forms the code uses, and ignores reads', () => {
    const source = `import { organisations, systemHosts as links, users } from '../../db/schema/index.js';
      await db.insert(organisations).values(v);
      await tx.delete(links).where(x);
      await insertRecordset(tx, users, rows);
      await db.select().from(importJobs);
      await db.execute(sql\`update contracts set name = 'x'\`);
      await db.execute(sql\`select * from hosts\`);`;
    expect([...tablesWritten(source)].sort()).toEqual(['contracts', 'organisations', 'system_hosts', 'users']);
  });

  it('lets one module only write each table (the shared exceptions listed with a reason)', () => {
    const problems: string[] = [];
    for (const [table, modules] of writersByTable()) {
      const shared = SHARED[table];
      const writers = [...modules.keys()].sort();
      if (writers.length > 1 && JSON.stringify(writers) !== JSON.stringify(shared?.modules)) {
        const where = [...modules.entries()].map(([m, files]) => `${m} (${files.join(', ')})`).join('; ');
        problems.push(`${table} is written by ${where}: one module owns it, the others call its services`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('keeps the shared exceptions true: each is still written by exactly the modules it names', () => {
    const writers = writersByTable();
    for (const [table, { modules }] of Object.entries(SHARED)) {
      expect([...(writers.get(table)?.keys() ?? [])].sort(), table).toEqual(modules);
    }
  });

  it('has the imports module write its own jobs only, and setup nothing', () => {
    const writers = writersByTable();
    const tablesOf = (module: string) =>
      [...writers.entries()].filter(([, modules]) => modules.has(module)).map(([table]) => table);
    expect(tablesOf('imports')).toEqual(['import_jobs']);
    expect(tablesOf('setup')).toEqual([]);
  });
});
