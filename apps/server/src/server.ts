import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { listenAddressUrl, loadConfig, type AppConfig } from './config.js';
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
    followListenAddress(config, app);
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

/**
 * Without PUBLIC_URL, links (invitations, mail, OIDC) point at the address the server
 * really listens on: the configured host with the port the system gave it (PORT=0 picks
 * a free one). `deps.config` is this same object, so every later link sees the change.
 */
function followListenAddress(config: AppConfig, app: FastifyInstance): void {
  const address = app.server.address();
  if (!config.publicUrlFromListen || !address || typeof address === 'string') {
    return;
  }
  config.PUBLIC_URL = listenAddressUrl(config.HOST, address.port);
}

/** The human-readable start line `custodian serve` prints beside the JSON log. */
export function describeStart(app: FastifyInstance): string {
  const { config } = app.deps;
  const address = app.server.address();
  const listening =
    address && typeof address !== 'string'
      ? `${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
      : String(address);
  const lines = [`Custodian 已啟動 / is running at ${config.PUBLIC_URL}  (listening on ${listening})`];
  if (config.publicUrlFromListen) {
    lines.push('  PUBLIC_URL is not set: invitation and mail links use this address.');
  }
  return `${lines.join('\n')}\n`;
}
