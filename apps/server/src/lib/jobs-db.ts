import type { PGlite } from '@electric-sql/pglite';
import type pg from 'pg';
import type { ConstructorOptions, Db } from 'pg-boss';

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
 * pg-boss is loaded here, on the runner's start after the server listens, so that loading
 * it does not delay the first answer.
 */
export async function jobQueueConnection(source: JobDbSource): Promise<ConstructorOptions> {
  if (source.driver === 'pglite') {
    if (!source.pglite) {
      throw new Error('the job runner needs the PGlite instance');
    }
    const { fromPglite } = await import('pg-boss');
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
