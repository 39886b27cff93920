import type { AppModule } from '../modules/registry.js';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import { INITIAL_POLICY_RULES } from '@custodian/shared';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type AppConfig } from '../config.js';
import { MIGRATIONS_DIR, openDatabase, type DbHandle } from '../db/client.js';
import { keyRingFrom, type KeyRing } from '../lib/crypto.js';
import type { Clock } from '../lib/clock.js';
import type { AppDeps } from '../lib/context.js';
import type { JobDefinition } from '../lib/jobs.js';
import type { Mailer } from '../lib/mailer.js';
import { users } from '../db/schema/index.js';

/** The PostgreSQL server for the database tier in CI; PGlite in memory when unset. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL;

export type TestDb = DbHandle & {
  /** The database's postgres:// URL (PostgreSQL tier only), for child processes. */
  url?: string;
  drop(): Promise<void>;
};

/**
 * A migrated in-memory PGlite, dumped once and shared by every test file through a file in
 * the temporary directory: creating a cluster (initdb) and migrating it costs seconds per
 * file, loading the dump about one. The file name carries a hash of the migrations, the
 * reference data and the PGlite version, so any change makes a new template.
 */
async function migratedPgliteTemplate(): Promise<Blob> {
  const hash = createHash('sha256');
  for (const name of (await readdir(MIGRATIONS_DIR, { recursive: true })).sort()) {
    const path = join(MIGRATIONS_DIR, name);
    if ((await stat(path)).isFile()) {
      hash.update(name).update(await readFile(path));
    }
  }
  const pgliteEntry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  hash.update(await readFile(join(dirname(pgliteEntry), '..', 'package.json')));
  hash.update(JSON.stringify(INITIAL_POLICY_RULES));
  const file = join(tmpdir(), `custodian-pglite-template-${hash.digest('hex').slice(0, 16)}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const handle = await openDatabase({});
    await handle.migrate();
    if (!handle.pglite) {
      throw new Error('expected PGlite');
    }
    const dump = await handle.pglite.dumpDataDir('none');
    await handle.close();
    // Written aside and renamed, so a parallel test file never reads half a template.
    const partial = `${file}.${randomUUID()}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
}

/**
 * A fresh, migrated database: in-memory PGlite, or (when TEST_DATABASE_URL is set) a
 * new PostgreSQL database created for this test file and dropped afterwards.
 */
export async function createTestDb(): Promise<TestDb> {
  if (!TEST_PG_URL) {
    const handle = await openDatabase({ loadDataDir: await migratedPgliteTemplate() });
    // A no-op on the template, but keeps the same code path as a real start-up.
    await handle.migrate();
    return { ...handle, drop: () => handle.close() };
  }
  const name = `custodian_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_PG_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: url.toString(), poolSize: 4 });
  await handle.migrate();
  return {
    ...handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export const TEST_KEY = Buffer.alloc(32, 7);

export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({
    DATA_DIR: '/tmp/custodian-test-unused',
    PUBLIC_URL: 'http://127.0.0.1:8080',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
}

/** A mailer that records messages, for tests that do not need a real SMTP server. */
export function recordingMailer(): Mailer & { sent: { to: string; subject: string; text: string }[] } {
  const sent: { to: string; subject: string; text: string }[] = [];
  return { isConfigured: true, sent, send: async (m) => void sent.push(m), close: () => undefined };
}

export type TestApp = {
  app: FastifyInstance;
  db: TestDb;
  deps: AppDeps;
  keys: KeyRing;
  /** Log lines written so far, when built with `captureLogs`. */
  logLines: string[];
  close(): Promise<void>;
};

export type TestAppOptions = {
  config?: Record<string, string>;
  mailer?: Mailer;
  /** Log at info level into `logLines` instead of not logging. */
  captureLogs?: boolean;
  /** Registers extra routes (outside /api/v1) before the app is sealed. */
  beforeReady?: (app: FastifyInstance, db: TestDb) => void | Promise<void>;
  /** Runs the app at the instants this clock gives (e.g. `createTestClock('2027-01-01T00:00:00Z')`). */
  clock?: Clock;
  /**
   * Starts the job runner (`app.jobs`), polling every half second, with the modules' jobs or
   * these definitions. Without it the runner exists but takes no jobs.
   */
  jobs?: boolean | { definitions: readonly JobDefinition[] };
  /** The app's modules instead of `MODULES` (a module-shaped fixture added to them, say). */
  modules?: readonly AppModule[];
  /** Serves this folder as the built web app instead of apps/web/dist. */
  webDistDir?: string;
};

/** Builds the real app on a fresh database. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDb();
  // Each app stores its files (attachments) in its own directory, removed on close.
  const dataDir = options.config?.DATA_DIR ?? (await mkdtemp(join(tmpdir(), 'custodian-test-')));
  const keys = keyRingFrom(TEST_KEY);
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({
    config: testConfig({ DATA_DIR: dataDir, ...(options.captureLogs ? { LOG_LEVEL: 'info' } : {}), ...options.config }),
    db,
    keys,
    ...(options.captureLogs ? { logStream } : { logger: false }),
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.modules ? { modules: options.modules } : {}),
    ...(options.webDistDir ? { webDistDir: options.webDistDir } : {}),
    jobs: {
      pollingIntervalSeconds: 0.5,
      ...(typeof options.jobs === 'object' ? { definitions: options.jobs.definitions } : {}),
    },
  });
  await options.beforeReady?.(app, db);
  await app.ready();
  if (options.jobs) {
    await app.jobs.start();
  }
  return {
    app,
    db,
    deps: app.deps,
    keys,
    logLines,
    close: async () => {
      await app.close();
      await db.drop();
      if (!options.config?.DATA_DIR) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** Parses a JSON response body. */
export function json<T = Record<string, unknown>>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}

/**
 * Signs a user in directly (active session, MFA passed) and returns headers for inject. A
 * user whose role requires MFA is marked enrolled first, as a real active session implies;
 * otherwise the session would be sent back to enrolment.
 */
export async function loginAs(t: TestApp, userId: string): Promise<Record<string, string>> {
  const { createSession, csrfTokenFor, requiresMfa, SESSION_COOKIE } =
    await import('../modules/auth/session.service.js');
  const [user] = await t.db.db.select().from(users).where(eq(users.id, userId)).limit(1);
  if (user && user.mfaEnabledAt === null && requiresMfa(t.deps.config, user.role)) {
    await t.db.db.update(users).set({ mfaEnabledAt: new Date() }).where(eq(users.id, userId));
  }
  const session = await createSession(t.deps, {
    userId,
    stage: 'active',
    ip: '127.0.0.1',
    userAgent: 'vitest',
    now: t.deps.clock.now(),
  });
  return { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': csrfTokenFor(t.deps, session.sessionId) };
}
