import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadConfig, type AppConfig } from './config.js';
import { openDatabase, type DbHandle } from './db/client.js';
import { loadKeyRing, type KeyRing } from './lib/crypto.js';
import { runAuditCheckpoint } from './modules/audit/audit.retention.js';

export type Runtime = { config: AppConfig; db: DbHandle; keys: KeyRing };

/** Opens the configured database (taking the PGlite lock) and loads the key ring. */
export async function openRuntime(config: AppConfig = loadConfig()): Promise<Runtime> {
  const keys = loadKeyRing({ envKey: config.ENCRYPTION_KEY, dataDir: config.dataDir });
  const db = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    pgliteDir: config.DATABASE_URL ? undefined : config.dataDir,
  });
  return { config, db, keys };
}

/** Migrates, builds and starts the HTTP server; stops cleanly on SIGINT/SIGTERM. */
export async function startServer(config: AppConfig = loadConfig()): Promise<FastifyInstance> {
  const runtime = await openRuntime(config);
  let app: FastifyInstance | undefined;
  try {
    await runtime.db.migrate();
    app = await buildApp(runtime);
    const jobs = app.jobs;
    const deps = app.deps;
    app.addHook('onClose', async () => {
      // Running jobs finish (or time out) while the database is still open.
      await jobs.stop();
      // The last events before a shutdown are anchored too, not left to the next interval.
      await runAuditCheckpoint(deps, 'shutdown', deps.clock.now());
      await runtime.db.close();
    });
    await app.listen({ port: config.PORT, host: config.HOST });
    // After listen, so the runner's start (queues, schedules) does not delay the first answer.
    await jobs.start();
    // Tests only (NODE_ENV=test): the night's jobs at the test instant, through the queue.
    for (const name of config.CUSTODIAN_TEST_RUN_JOBS) {
      const result = await jobs.runNow(name);
      app.log.warn({ job: name, result }, 'test job run at start');
    }
  } catch (err) {
    if (app) {
      await app.close();
    } else {
      await runtime.db.close();
    }
    throw err;
  }
  const started = app;
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) {
      return;
    }
    closing = true;
    started.log.info({ signal }, 'shutting down');
    started.close().then(
      () => process.exit(0),
      (err: unknown) => {
        started.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  return started;
}
