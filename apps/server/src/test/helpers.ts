import { Writable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { eq } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.js';
import { loadConfig, type AppConfig } from '../config.js';
import { openDatabase, type DbHandle } from '../db/client.js';
import { keyRingFrom, type KeyRing } from '../lib/crypto.js';
import type { AppDeps } from '../lib/context.js';
import type { Mailer } from '../lib/mailer.js';
import { users } from '../db/schema/index.js';

/** The PostgreSQL server for the database tier in CI; PGlite in memory when unset. */
export const TEST_PG_URL = process.env.TEST_DATABASE_URL;

export type TestDb = DbHandle & { drop(): Promise<void> };

/**
 * A fresh, migrated database: in-memory PGlite, or (when TEST_DATABASE_URL is set) a
 * new PostgreSQL database created for this test file and dropped afterwards.
 */
export async function createTestDb(): Promise<TestDb> {
  if (!TEST_PG_URL) {
    const handle = await openDatabase({});
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
};

/** Builds the real app on a fresh database. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDb();
  const keys = keyRingFrom(TEST_KEY);
  const logLines: string[] = [];
  const logStream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  const app = await buildApp({
    config: testConfig({ ...(options.captureLogs ? { LOG_LEVEL: 'info' } : {}), ...options.config }),
    db,
    keys,
    ...(options.captureLogs ? { logStream } : { logger: false }),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  await options.beforeReady?.(app, db);
  await app.ready();
  return {
    app,
    db,
    deps: app.deps,
    keys,
    logLines,
    close: async () => {
      await app.close();
      await db.drop();
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
  const session = await createSession(t.deps, { userId, stage: 'active', ip: '127.0.0.1', userAgent: 'vitest' });
  return { cookie: `${SESSION_COOKIE}=${session.token}`, 'x-csrf-token': csrfTokenFor(t.deps, session.sessionId) };
}
