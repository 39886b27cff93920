import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirLockedError, lockDataDir, openDatabase, queryRows } from './client.js';
import { makeOrganisation } from './factories.js';
import { TEST_PG_URL } from '../test/helpers.js';

describe('PGlite data directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a second opener while locked, then persists data across reopen', { timeout: 120_000 }, async () => {
    const first = await openDatabase({ pgliteDir: dir });
    await first.migrate();
    await makeOrganisation(first.db, { kind: 'ministry', code: 'MOE', name: '教育部' });
    await expect(openDatabase({ pgliteDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(openDatabase({ pgliteDir: dir })).rejects.toThrow(/in use by another Custodian process/);
    await first.close();

    const second = await openDatabase({ pgliteDir: dir });
    await second.migrate();
    const rows = await queryRows(second.db, sql`select name from organisations`);
    expect(rows).toEqual([{ name: '教育部' }]);
    await second.close();
  });
});

describe('stale lock from a crashed process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'custodian-stale-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('clears a lock whose holder no longer exists', { timeout: 120_000 }, async () => {
    // A child that takes the lock and is then killed without releasing it.
    const child = spawnSync(
      process.execPath,
      [
        '--conditions=development',
        '--import',
        'tsx',
        '-e',
        `import('./apps/server/src/db/client.ts').then(async (m) => { await m.lockDataDir(${JSON.stringify(dir)}); process.kill(process.pid, 'SIGKILL'); });`,
      ],
      { encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    expect(readFileSync(join(dir, 'custodian.pid'), 'utf8')).toMatch(/^\d+$/);
    const release = await lockDataDir(dir);
    expect(readFileSync(join(dir, 'custodian.pid'), 'utf8')).toBe(String(process.pid));
    await release();
  });
});

describe.skipIf(!TEST_PG_URL)('PostgreSQL connections', () => {
  it('run without JIT compilation unless the URL asks for it', async () => {
    const handle = await openDatabase({ databaseUrl: TEST_PG_URL });
    try {
      expect(await queryRows(handle.db, sql`show jit`)).toEqual([{ jit: 'off' }]);
    } finally {
      await handle.close();
    }
    const url = new URL(TEST_PG_URL ?? '');
    url.searchParams.set('options', '-c jit=on');
    const own = await openDatabase({ databaseUrl: url.toString() });
    try {
      expect(await queryRows(own.db, sql`show jit`)).toEqual([{ jit: 'on' }]);
    } finally {
      await own.close();
    }
  });
});
