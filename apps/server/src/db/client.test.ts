import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DataDirLockedError, openDatabase } from './client.js';
import { makeOrganisation } from './factories.js';

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
    const rows = await second.db.execute(sql`select name from organisations`);
    expect(rows.rows).toEqual([{ name: '教育部' }]);
    await second.close();
  });
});
