import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, type DbHandle } from '../db/client.js';
import { loadKeyRing } from '../lib/crypto.js';
import { systemContext } from '../lib/context.js';
import { verifyAuditChain } from '../modules/audit/audit.verify.js';
import { tableDigest } from '../modules/backup/backup.repository.js';
import { listBackupTables } from '../modules/backup/backup.tables.js';
import { TEST_PG_URL, testConfig } from '../test/helpers.js';

/**
 * The real `custodian` binary (apps/server/bin/custodian.mjs, what `npx custodian` runs) as
 * child processes on temporary PGlite data directories. It runs the compiled CLI when the
 * build is fresh (CI's typecheck builds it) and the TypeScript sources otherwise.
 * Slow (each process loads the app and PGlite), so they are few and share one setup.
 * PGlite-only: the PostgreSQL tier covers the same services in backup.test.ts.
 */
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const BIN = join(REPO, 'apps', 'server', 'bin', 'custodian.mjs');

type Run = { code: number | null; stdout: string; stderr: string };

function runCli(args: string[], dataDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: REPO,
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', ENCRYPTION_KEY: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function withDb<T>(dataDir: string, run: (db: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ pgliteDir: dataDir });
  try {
    return await run(handle);
  } finally {
    await handle.close();
  }
}

async function digests(dataDir: string): Promise<Record<string, string>> {
  return withDb(dataDir, async ({ db }) => {
    const out: Record<string, string> = {};
    for (const table of listBackupTables()) {
      out[table.name] =
        table.name === 'audit_events'
          ? // Compared up to the source's last event: the restore appends its own.
            ((
              (await db.execute(
                sql`select md5(string_agg(row_to_json(t)::text, E'\n' order by seq)) as d from audit_events t where action <> 'backup.restore'`,
              )) as unknown as { rows: { d: string }[] }
            ).rows[0]?.d ?? '')
          : await tableDigest(db, table);
    }
    return out;
  });
}

describe.skipIf(Boolean(TEST_PG_URL))('custodian CLI (child processes)', () => {
  const work = mkdtempSync(join(tmpdir(), 'custodian-cli-test-'));
  const source = join(work, 'source');
  const target = join(work, 'target');
  const archive = join(work, 'backup.tar.gz');
  let seeded: Run;

  beforeAll(async () => {
    seeded = await runCli(['seed', '--demo'], source);
  }, 120_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('seeds the demo data and prints the accounts once', () => {
    expect(seeded.stderr).toBe('');
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toMatch(/yating\.chen@moe\.example/);
    expect(seeded.stdout).toMatch(/Registry 登錄資料: contracts [1-9]\d* .*, systems [1-9]\d*, hosts [1-9]\d*/);
    expect(seeded.stdout).toMatch(/所有示範帳號的密碼: Demo-\S{11}/);
  });

  it('backs up and restores into an empty data directory with identical data', async () => {
    mkdirSync(join(source, 'files', 'contracts'), { recursive: true });
    writeFileSync(join(source, 'files', 'contracts', 'sla.txt'), '維護合約 SLA 99.9%\n');
    const backup = await runCli(['backup', archive, '--include-key'], source);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stderr).toMatch(/encryption key is inside this backup/);
    const restore = await runCli(['restore', archive], target);
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout).toMatch(/row counts checked/);
    expect(await digests(target)).toEqual(await digests(source));
    expect(readFileSync(join(target, 'files', 'contracts', 'sla.txt'), 'utf8')).toBe('維護合約 SLA 99.9%\n');
    const keys = loadKeyRing({ dataDir: target });
    const config = testConfig({ DATA_DIR: target });
    const verified = await withDb(target, (h) =>
      verifyAuditChain({ db: h.db, keys, config }, systemContext('test', new Date())),
    );
    expect(verified.ok).toBe(true);
  }, 120_000);

  it('detects the newest audit events deleted, then every row deleted, against the checkpoint', async () => {
    // The restore above checkpointed the restored trail in target/audit-anchors.
    const head = await withDb(target, async ({ db }) => {
      const res = (await db.execute(sql`select max(seq)::int as n from audit_events`)) as unknown as {
        rows: { n: number }[];
      };
      return res.rows[0]?.n ?? 0;
    });
    expect(head).toBeGreaterThan(3);
    const intact = await runCli(['audit', 'verify'], target);
    expect(intact.code, intact.stderr).toBe(0);
    expect(intact.stdout).toContain(`reach the checkpoint at seq ${head}`);

    // DELETE WHERE seq > head - 3, as a database administrator could.
    await withDb(target, ({ db }) => db.execute(sql`delete from audit_events where seq > ${head - 3}`));
    const refused = await runCli(['audit', 'checkpoint'], target);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^REFUSED: audit events \d+–\d+ missing/);
    const cut = await runCli(['audit', 'verify'], target);
    expect(cut.code).toBe(1);
    expect(cut.stdout).toContain(`TAMPERED: events ${head - 2}–${head} missing after checkpoint at seq ${head}`);

    await withDb(target, ({ db }) => db.execute(sql`delete from audit_events`));
    const erased = await runCli(['audit', 'verify'], target);
    expect(erased.code).toBe(1);
    expect(erased.stdout).toContain(`TAMPERED: events 1–${head} missing after checkpoint at seq ${head}`);
  }, 240_000);

  it('detects an audit row edited by hand, then a deleted one', async () => {
    const original = await withDb(source, async ({ db }) => {
      const res = (await db.execute(sql`select summary::text as s from audit_events where seq = 5`)) as unknown as {
        rows: { s: string }[];
      };
      await db.execute(sql`update audit_events set summary = '{"after":{"name":"竄改"}}'::jsonb where seq = 5`);
      return res.rows[0]?.s ?? '{}';
    });
    const edited = await runCli(['audit', 'verify'], source);
    expect(edited.code).toBe(1);
    expect(edited.stdout).toMatch(/TAMPERED: audit event seq 5 fails \(hash_mismatch\)/);

    await withDb(source, async ({ db }) => {
      await db.execute(sql`update audit_events set summary = ${original}::jsonb where seq = 5`);
      await db.execute(sql`delete from audit_events where seq = 8`);
    });
    const deleted = await runCli(['audit', 'verify'], source);
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toMatch(/TAMPERED: audit event seq 8 fails \(gap\)/);
  }, 120_000);

  it('exits with code 2 and a clear message when another process holds the data directory', async () => {
    const result = await withDb(target, () => runCli(['audit', 'verify'], target));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/in use by another Custodian process/);
    expect(result.stdout).toBe('');
  }, 120_000);
});
