import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { createTestDb, TEST_KEY, TEST_PG_URL, type TestDb } from '../test/helpers.js';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const CHILD = join(REPO, 'apps', 'server', 'src', 'test', 'fixtures', 'job-runner-process.ts');
const TEST_NOW = '2027-01-01T00:00:00.000Z';

type Child = { process: ChildProcessWithoutNullStreams; ready: Promise<void>; exited: Promise<number | null> };

function startChild(db: TestDb, dataDir: string): Child {
  const child = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', CHILD], {
    cwd: REPO,
    env: {
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ENCRYPTION_KEY: TEST_KEY.toString('base64'),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
      CUSTODIAN_TEST_NOW: TEST_NOW,
    },
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString('utf8').includes('ready')) {
        resolve();
      }
    });
    void exited.then((code) => reject(new Error(`child exited with ${String(code)} before it was ready:\n${stderr}`)));
  });
  return { process: child, ready, exited };
}

type Observed = {
  /** Occurrences pg-boss's schedule pass sent, by slot (UTC minute), with how many sends each got. */
  slots: { slot: string; sends: number }[];
  /** Jobs of the scheduled queue, with how often and where each ran. */
  jobs: { jobId: string; runs: number; pids: number[]; appNow: string | null }[];
};

/**
 * What the two processes did. pg-boss turns each occurrence into one job in two steps: the
 * schedule pass files the occurrence under a singleton slot in its `__pgboss__send-it` queue,
 * whichever process's pass gets there, and that job is forwarded as one job of the queue.
 */
async function observe(db: TestDb): Promise<Observed> {
  const slots = await queryRows<{ slot: string; sends: number }>(
    db.db,
    sql`select data->>'slot' as slot, count(*)::int as sends from pgboss.job
      where name = '__pgboss__send-it' and data->>'name' = 'test.tick' group by 1 order by 1`,
  );
  const jobs = await queryRows<Observed['jobs'][number]>(
    db.db,
    sql`select j.id as "jobId", count(t.job_id)::int as runs,
        coalesce(array_agg(distinct t.pid) filter (where t.pid is not null), '{}') as pids, min(t.app_now)::text as "appNow"
      from pgboss.job j left join job_ticks t on t.job_id = j.id
      where j.name = 'test.tick' group by j.id, j.created_on order by j.created_on`,
  );
  return { slots, jobs };
}

/** A slot as pg-boss writes it ('2026-12-02 05:18:00', UTC wall time) as an instant. */
function slotTime(slot: string): number {
  return Date.parse(`${slot.replace(' ', 'T')}Z`);
}

/**
 * Two real server processes share one PostgreSQL database, each running the job runner with
 * the same job scheduled every minute. pg-boss's schedule claims and singleton slots must
 * turn each minute into one job, run once by one of them. PostgreSQL only: PGlite is one
 * process's database and cannot be shared.
 */
describe.skipIf(!TEST_PG_URL)('job runner across two processes (PostgreSQL only: PGlite cannot be shared)', () => {
  it('runs each scheduled tick exactly once', { timeout: 240_000 }, async () => {
    const db = await createTestDb();
    const dirs = [mkdtempSync(join(tmpdir(), 'custodian-jobs-a-')), mkdtempSync(join(tmpdir(), 'custodian-jobs-b-'))];
    const children: Child[] = [];
    try {
      await db.db.execute(
        sql`create table job_ticks (job_id uuid not null, pid int not null, app_now timestamptz not null, ran_at timestamptz not null default now())`,
      );
      children.push(...dirs.map((dir) => startChild(db, dir)));
      await Promise.all(children.map((c) => c.ready));
      // Only occurrences that came due while both processes were running count.
      const bothUp = Date.now();
      const counted = (o: Observed) => o.slots.filter((s) => slotTime(s.slot) >= bothUp);

      // Two minute boundaries and their runs, then a few seconds for any duplicate to show up.
      let seen = await observe(db);
      for (let i = 0; i < 150 && (counted(seen).length < 2 || seen.jobs.some((j) => j.runs === 0)); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 1_000));
        seen = await observe(db);
      }
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      seen = await observe(db);
      const report = JSON.stringify(seen);

      // Every minute while both ran was sent once: no slot twice, no minute left out.
      const ticks = counted(seen);
      expect(ticks.length, report).toBeGreaterThanOrEqual(2);
      for (const [i, tick] of ticks.entries()) {
        expect(tick.sends, report).toBe(1);
        if (i > 0) {
          expect(slotTime(tick.slot) - slotTime(ticks[i - 1]?.slot ?? ''), report).toBe(60_000);
        }
      }
      // Each occurrence became one job, and each job ran once, in one process, at the test
      // instant the processes were started at.
      expect(seen.jobs.length, report).toBe(seen.slots.length);
      for (const job of seen.jobs) {
        expect(job.runs, report).toBe(1);
        expect(job.pids, report).toHaveLength(1);
        expect(new Date(String(job.appNow)).getUTCFullYear(), report).toBe(2027);
      }
      // Both processes shut down cleanly.
      for (const child of children) {
        child.process.kill('SIGTERM');
      }
      expect(await Promise.all(children.map((c) => c.exited))).toEqual([0, 0]);
    } finally {
      for (const child of children) {
        if (child.process.exitCode === null) {
          child.process.kill('SIGKILL');
        }
      }
      await db.drop();
      for (const dir of dirs) {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});
