import { mkdirSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import lockfile from 'proper-lockfile';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { SQL } from 'drizzle-orm';
import * as schema from './schema/index.js';
import { ensureReferenceData } from './reference-data.js';
import { makeFair } from './fair-queue.js';

import type { Database, DbDriver, Executor } from './types.js';

export type { Schema, Database, Transaction, Executor, DbDriver } from './types.js';

export type DbHandle = {
  db: Database;
  driver: DbDriver;
  /** Runs pending migrations. */
  migrate(): Promise<void>;
  /** Closes connections and releases the data-directory lock. */
  close(): Promise<void>;
  /** The raw PGlite instance (PGlite only), for backup and the job runner. */
  pglite?: PGlite;
  /** The connection pool (PostgreSQL only), shared with the job runner. */
  pool?: pg.Pool;
};

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'db', 'migrations');

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid?: number,
  ) {
    const holder = holderPid ? ` (PID ${holderPid})` : '';
    super(
      `資料目錄 ${dataDir} 已被另一個 Custodian 程序${holder}使用中。The data directory ${dataDir} is in use by another Custodian process${holder}; stop it first.`,
    );
    this.name = 'DataDirLockedError';
  }
}

const PID_FILE = 'custodian.pid';
/**
 * A lock whose holder stops refreshing it for this long is taken over. It is long because
 * PGlite's start-up can block the event loop for several seconds on a busy machine; a
 * crashed holder is detected sooner through its PID file.
 */
const LOCK_STALE_MS = 60_000;

function readHolderPid(dataDir: string): number | undefined {
  const text = readDataFile(dataDir, PID_FILE)?.trim();
  const pid = text ? Number(text) : NaN;
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return err instanceof Error && 'code' in err && err.code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory, so two processes never open it.
 * PGlite is single-process; a second writer would corrupt it. A lock left by a process
 * that no longer exists is cleared at once.
 */
export async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockPath = join(dataDir, 'custodian.lock');
  const options = {
    lockfilePath: lockPath,
    stale: LOCK_STALE_MS,
    update: 10_000,
    retries: 0,
    realpath: false,
    onCompromised: (err: Error) => {
      // Someone removed or took over our lock: stop writing rather than risk corruption.
      process.stderr.write(`Data directory lock compromised: ${err.message}\n`);
      process.exit(70);
    },
  };
  const isLocked = (err: unknown) => err instanceof Error && 'code' in err && err.code === 'ELOCKED';
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dataDir, options);
  } catch (err) {
    if (!isLocked(err)) {
      throw err;
    }
    const holder = readHolderPid(dataDir);
    if (holder === undefined || holder === process.pid || isProcessAlive(holder)) {
      throw new DataDirLockedError(dataDir, holder);
    }
    // The holder crashed without releasing: clear its lock and try once more.
    rmSync(lockPath, { recursive: true, force: true });
    try {
      release = await lockfile.lock(dataDir, options);
    } catch (retryErr) {
      throw isLocked(retryErr) ? new DataDirLockedError(dataDir, readHolderPid(dataDir)) : retryErr;
    }
  }
  writeFileSync(join(dataDir, PID_FILE), String(process.pid));
  return async () => {
    rmSync(join(dataDir, PID_FILE), { force: true });
    await release();
  };
}

export type OpenDbOptions = {
  /** postgres:// URL; when absent, PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite data directory; undefined means in-memory (tests). */
  pgliteDir?: string | undefined;
  /** In-memory PGlite only: start from this dumped data directory instead of an empty one (tests). */
  loadDataDir?: Blob | undefined;
  /** Skip the lock (only for in-memory databases). */
  poolSize?: number;
};

/** Opens the database chosen by the configuration. */
export async function openDatabase(options: OpenDbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    // No JIT compilation: the planner's cost of a list's bounded count (an OR with a hashed
    // subplan) passed jit_above_cost, and compiling took 20-35 ms of a 35-60 ms query, on
    // every request. The app's queries are short; none gains from JIT. A DATABASE_URL with its
    // own `options` parameter keeps them (the URL's settings take precedence in pg).
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      options: '-c jit=off',
    });
    // A failed idle client must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = drizzlePg({ client: pool, schema });
    return {
      db,
      driver: 'postgres',
      pool,
      migrate: async () => {
        await migratePg(db, { migrationsFolder: MIGRATIONS_DIR });
        await ensureReferenceData(db);
      },
      close: () => pool.end(),
    };
  }
  const dir = options.pgliteDir;
  const release = dir ? await lockDataDir(dir) : undefined;
  try {
    const pgDir = dir ? join(dir, 'pglite') : undefined;
    // pg_trgm backs the registry searches' indexes (migration 0006).
    const extensions = { pg_trgm };
    // Requests' queries are served in the order the requests arrived (db/fair-queue.ts).
    const client = makeFair(
      pgDir
        ? await PGlite.create(pgDir, { extensions })
        : await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir, extensions } : { extensions }),
    );
    const db = drizzlePglite({ client, schema });
    return {
      db,
      driver: 'pglite',
      pglite: client,
      migrate: async () => {
        await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
        await ensureReferenceData(db);
      },
      close: async () => {
        await client.close();
        await release?.();
      },
    };
  } catch (err) {
    await release?.();
    throw err;
  }
}

/** Reads a small text file from the data directory, if present. */
export function readDataFile(dataDir: string, name: string): string | undefined {
  const path = join(dataDir, name);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * Rows of a raw SQL query. Both drivers return `{ rows }`, but the shared database type
 * cannot say so; counts come back as numbers from PGlite and strings from pg, so cast
 * them in SQL (`count(*)::int`).
 */
export async function queryRows<T>(db: Executor, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
