import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import { fromPglite, PgBoss, type ConstructorOptions, type Db } from 'pg-boss';

/** The schema pg-boss keeps its queues, jobs and schedules in, apart from the app's tables. */
export const JOB_SCHEMA = 'pgboss';

/** What the job runner needs of an open database: the raw PGlite instance or the pg pool. */
export type JobDbSource = { driver: 'pglite' | 'postgres'; pglite?: PGlite | undefined; pool?: pg.Pool | undefined };

/**
 * pg-boss's connection and backend options for an open database. PGlite goes through
 * pg-boss's own `fromPglite` adapter: the one connection is shared with Drizzle, and PGlite
 * runs each statement (or each of pg-boss's BEGIN … COMMIT blocks) whole before the next.
 * PostgreSQL goes through the app's pool, so the runner opens no connections of its own.
 * PGlite has no autovacuum and no concurrent reindex, so those checks are off there.
 */
export function jobQueueConnection(source: JobDbSource): ConstructorOptions {
  if (source.driver === 'pglite') {
    if (!source.pglite) {
      throw new Error('the job runner needs the PGlite instance');
    }
    return {
      db: fromPglite(source.pglite),
      backend: 'pglite',
      schema: JOB_SCHEMA,
      monitorVacuum: false,
      reindex: false,
    };
  }
  const pool = source.pool;
  if (!pool) {
    throw new Error('the job runner needs the PostgreSQL pool');
  }
  const db: Db = { executeSql: async (text, values) => pool.query(text, values) };
  return { db, backend: 'postgres', schema: JOB_SCHEMA };
}

/**
 * Installs pg-boss's schema, or upgrades it after a pg-boss update, as part of the app's
 * migrations: `custodian migrate`, every start and the tests' migrated template then hold
 * it, and the runner's own start only checks the version. pg-boss takes an advisory lock,
 * so two processes migrating at once do not collide.
 */
export async function migrateJobQueue(source: JobDbSource): Promise<void> {
  const boss = new PgBoss({
    ...jobQueueConnection(source),
    migrate: true,
    supervise: false,
    schedule: false,
    registerInstance: false,
  });
  let failure: unknown;
  boss.on('error', (err: unknown) => {
    failure ??= err;
  });
  await boss.start();
  await boss.stop({ graceful: false, close: false });
  if (failure) {
    throw failure;
  }
}
