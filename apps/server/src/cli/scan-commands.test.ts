import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../db/client.js';
import { makeWorld } from '../db/factories.js';
import { makeSystem } from '../db/registry-factories.js';
import { fixture } from '../modules/scans/parsers/test-helpers.js';
import { TEST_PG_URL } from '../test/helpers.js';

/**
 * `custodian import-scan FILE --system ID` as a child process on a temporary PGlite data
 * directory (PGlite-only, like cli.test.ts; the services are covered on PostgreSQL elsewhere).
 */
const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const BIN = join(REPO, 'apps', 'server', 'bin', 'custodian.mjs');

function runCli(args: string[], dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

describe.skipIf(Boolean(TEST_PG_URL))('custodian import-scan (child process)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'custodian-scan-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('imports a report into a system and prints the summary; a malformed one stores nothing', async () => {
    const migrated = await runCli(['migrate'], dataDir);
    expect(migrated.code, migrated.stderr).toBe(0);
    const handle = await openDatabase({ pgliteDir: dataDir });
    let systemId: string;
    try {
      const w = await makeWorld(handle.db);
      systemId = (await makeSystem(handle.db, { orgId: w.orgs.unitA.id })).id;
    } finally {
      await handle.close();
    }
    const ok = await runCli(['import-scan', fixture('zap/zap-results-first-scan.xml'), '--system', systemId], dataDir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/zap_xml, OWASP ZAP/);
    expect(ok.stdout).toMatch(/124 findings/);
    expect(ok.stdout).toMatch(/new\s+critical 0, high 5, medium 25, low 48, info 46/);
    const bad = await runCli(['import-scan', fixture('generic/generic_invalid.json'), '--system', systemId], dataDir);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/SCAN_FILE_INVALID/);
    const db = await openDatabase({ pgliteDir: dataDir });
    try {
      const [row] = await queryRows<{ scans: number; failed: number }>(
        db.db,
        sql`select (select count(*)::int from scans) as scans,
          (select count(*)::int from scan_imports where status = 'failed') as failed`,
      );
      expect(row).toEqual({ scans: 1, failed: 1 });
    } finally {
      await db.close();
    }
  }, 120_000);
});
