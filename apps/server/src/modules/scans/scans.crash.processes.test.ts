import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openAsBlob } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { writeNessusFile } from '../../../../../bench/scans-nessus-generate.js';
import { openDatabase, queryRows, type DbHandle } from '../../db/client.js';
import { makeOrganisation, makeUser } from '../../db/factories.js';
import { makeSystem } from '../../db/registry-factories.js';
import { apiTokens, scanImports, users } from '../../db/schema/index.js';
import { localFileStore } from '../../lib/file-store.js';
import { sha256Hex } from '../../lib/crypto.js';
import { createTestDb, TEST_PG_URL, type TestDb } from '../../test/helpers.js';

/*
 * The import's fault test (issue 9): a real server process (the CLI's `serve`) is killed with
 * SIGKILL halfway through a large import; after a restart on the same data, the import shows
 * failed, nothing of it is left (no scan, no finding, no staged row, no file), and importing
 * the same file again succeeds. On PGlite (the data directory) and, with TEST_DATABASE_URL,
 * on PostgreSQL.
 */

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', '..');
const CLI = join(REPO, 'apps', 'server', 'bin', 'custodian.mjs');
const MB = 1024 * 1024;
/** Large enough that the import is still parsing when it is killed, on a busy 2-core machine. */
const FILE_MB = 24;

type Server = { url: string; process: ChildProcess; exited: Promise<unknown> };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function startServer(env: { DATA_DIR: string; DATABASE_URL: string }): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [CLI, 'serve'], {
    cwd: REPO,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SCAN_MAX_BYTES: String(1024 * MB),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 1200; i += 1) {
    if (child.exitCode !== null) {
      throw new Error(`server exited with ${child.exitCode}:\n${stderr}`);
    }
    const healthy = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(1000) })
      .then((res) => res.status === 200)
      .catch(() => false);
    if (healthy) {
      return { url, process: child, exited };
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not start:\n${stderr}`);
}

/** The process and its descendants (the CLI runs the server in a child when the build is stale). */
async function processTree(pid: number): Promise<number[]> {
  const children = await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8').catch(() => '');
  const ids = children.split(/\s+/).filter(Boolean).map(Number);
  return [pid, ...(await Promise.all(ids.map(processTree))).flat()];
}

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

/**
 * The signal to the server and every process under it (SIGKILL: the crash; SIGTERM: a stop),
 * the deepest first, each reaped by its parent before the parent gets it (an orphan's zombie
 * would still look like a live holder of the data directory).
 */
async function signalAll(server: Server, signal: NodeJS.Signals): Promise<void> {
  const pids = await processTree(server.process.pid ?? 0);
  for (const pid of pids.reverse()) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone already
    }
    for (let i = 0; i < 1500 && !isGone(pid); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(isGone(pid), `process ${pid} still there after ${signal}`).toBe(true);
  }
  await server.exited;
}

type ImportStatus = {
  id: string;
  status: string;
  bytesParsed: number;
  errorCode: string | null;
  scan: { findingCount: number } | null;
};

describe('scan import killed halfway (SIGKILL), then the server restarted (issue 9)', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'custodian-scan-crash-'));
    file = join(dir, 'large.nessus');
    await writeNessusFile(file, FILE_MB * MB);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const drivers = ['pglite', ...(TEST_PG_URL ? ['postgres'] : [])] as const;

  it.each(drivers)(
    'on %s: leaves no scan, finding, staged row or file of it, shows it failed, and the retry succeeds',
    { timeout: 180_000 },
    async (driver) => {
      const dataDir = await mkdtemp(join(dir, `${driver}-`));
      let pgDb: TestDb | undefined;
      let server: Server | undefined;
      /** The database, opened by the test while no server holds it (PGlite), or alongside (PostgreSQL). */
      const withDb = async <T>(fn: (db: DbHandle) => Promise<T>): Promise<T> => {
        if (pgDb) {
          return fn(pgDb);
        }
        const handle = await openDatabase({ pgliteDir: dataDir });
        try {
          return await fn(handle);
        } finally {
          await handle.close();
        }
      };
      try {
        if (driver === 'postgres') {
          pgDb = await createTestDb();
        }
        const env = { DATA_DIR: dataDir, DATABASE_URL: pgDb?.url ?? '' };
        const token = `cus_${randomBytes(32).toString('base64url')}`;
        const systemId = await withDb(async (handle) => {
          await handle.migrate();
          const db = handle.db;
          const unit = await makeOrganisation(db, { kind: 'unit', code: 'CRASH1', name: '國立當機大學' });
          const admin = await makeUser(db, { orgId: unit.id, role: 'unit_admin', email: 'ci@crash1.edu.tw' });
          await db.update(users).set({ mfaEnabledAt: new Date() }).where(eq(users.id, admin.id));
          await db.insert(apiTokens).values({
            userId: admin.id,
            name: 'CI',
            tokenHash: sha256Hex(token),
            prefix: token.slice(0, 8),
            scopes: ['read', 'write'],
            expiresAt: new Date(Date.now() + 3_600_000),
          });
          return (await makeSystem(db, { orgId: unit.id, status: 'pre_launch' })).id;
        });
        const headers = { authorization: `Bearer ${token}` };
        const upload = async (wait: boolean) => {
          const form = new FormData();
          form.append('file', await openAsBlob(file), 'large.nessus');
          const res = await fetch(`${server?.url ?? ''}/api/v1/scans/imports?systemId=${systemId}&wait=${wait}`, {
            method: 'POST',
            headers,
            body: form,
          });
          const body = (await res.json()) as ImportStatus;
          expect(res.status, JSON.stringify(body)).toBe(wait ? 201 : 202);
          return body;
        };
        const status = async (id: string) =>
          (await (await fetch(`${server?.url ?? ''}/api/v1/scans/imports/${id}`, { headers })).json()) as ImportStatus;

        server = await startServer(env);
        const started = await upload(false);
        let seen = started;
        // Killed once a few batches are staged (a batch holds about 1 MB of text).
        for (let i = 0; i < 3000 && seen.status === 'running' && seen.bytesParsed < 4 * MB; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          seen = await status(started.id);
        }
        // Halfway: parsing, staging, nothing merged.
        expect(seen).toMatchObject({ status: 'running' });
        expect(seen.bytesParsed).toBeGreaterThanOrEqual(4 * MB);
        expect(seen.bytesParsed).toBeLessThan(FILE_MB * MB);
        await signalAll(server, 'SIGKILL');
        server = undefined;

        const store = localFileStore(join(dataDir, 'files'));
        const count = (handle: DbHandle, what: 'scans' | 'findings' | 'staged') =>
          queryRows<{ n: number }>(
            handle.db,
            what === 'scans'
              ? sql`select count(*)::int as n from scans`
              : what === 'findings'
                ? sql`select count(*)::int as n from scan_findings`
                : sql`select count(*)::int as n from scan_stage where import_id = ${started.id}`,
          ).then((rows) => rows[0]?.n);

        // What the crash left: the import running and its file; no scan, no finding.
        const left = await withDb(async (handle) => ({
          scans: await count(handle, 'scans'),
          findings: await count(handle, 'findings'),
          staged: await count(handle, 'staged'),
          import: (await handle.db.select().from(scanImports).where(eq(scanImports.id, started.id)))[0],
        }));
        expect(left).toMatchObject({ scans: 0, findings: 0, import: { status: 'running' } });
        // On PostgreSQL (which did not crash) its staged rows are there. PGlite ran in the killed
        // process: whether its unlogged staging survives depends on how far its files got (its
        // crash recovery may empty unlogged tables), so either is fine there; the recovery below
        // must leave none in both cases.
        if (driver === 'postgres') {
          expect(left.staged).toBeGreaterThan(0);
        }
        const fileKey = left.import?.fileKey ?? '';
        expect(await store.exists(fileKey)).toBe(true);

        // Restarted: the job runner's start-up run of the recovery fails it.
        server = await startServer(env);
        let after = await status(started.id);
        for (let i = 0; i < 600 && after.status === 'running'; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          after = await status(started.id);
        }
        expect(after).toMatchObject({ status: 'failed', errorCode: 'SCAN_IMPORT_INTERRUPTED', scan: null });
        // The file goes once the failure is committed (scans.recovery.ts), a moment after the status.
        await expect.poll(() => store.exists(fileKey), { timeout: 10_000, interval: 50 }).toBe(false);

        const retry = await upload(true);
        expect(retry.status).toBe('completed');
        expect(retry.scan?.findingCount).toBeGreaterThan(3000);
        await signalAll(server, 'SIGTERM');
        server = undefined;

        const imports = await withDb(async (handle) =>
          queryRows<{ id: string; status: string; scans: number; staged: number }>(
            handle.db,
            sql`select i.id, i.status, (select count(*)::int from scans s where s.import_id = i.id) as scans,
              (select count(*)::int from scan_stage g where g.import_id = i.id) as staged
              from scan_imports i order by i.created_at`,
          ),
        );
        expect(imports).toEqual([
          { id: started.id, status: 'failed', scans: 0, staged: 0 },
          { id: retry.id, status: 'completed', scans: 1, staged: 0 },
        ]);
        expect(await withDb((handle) => count(handle, 'findings'))).toBe(retry.scan?.findingCount);
      } finally {
        if (server) {
          await signalAll(server, 'SIGKILL');
        }
        await pgDb?.drop();
      }
    },
  );
});
