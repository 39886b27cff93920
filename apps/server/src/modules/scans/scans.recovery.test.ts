import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeSystem } from '../../db/registry-factories.js';
import { createTestClock } from '../../lib/clock.js';
import { systemContext } from '../../lib/context.js';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { stagedFinding } from './scans.import.js';
import { holdImportLock, recoverScanImports, runningImports } from './scans.recovery.js';
import { insertScanImport } from './scans.repository.js';
import { SCAN_LOCK_CLASS, stageFindings } from './scans.stage.repository.js';

/*
 * The recovery of interrupted imports (issue 9): an import left running by a dead process is
 * failed with its staged rows deleted; one this process or another live process runs is not.
 */
describe('recovery of scan imports a dead process left running (issue 9)', () => {
  let t: TestApp;
  let w: World;
  let system: { id: string; orgId: string };
  const ctx = () => systemContext('test', new Date('2027-03-01T02:00:00Z'));

  const newImport = async () => {
    const row = await insertScanImport(t.db.db, {
      orgId: system.orgId,
      systemId: system.id,
      fileName: 'x.nessus',
      fileKey: null,
      fileSize: 10,
      fileSha256: 'a'.repeat(64),
      status: 'running',
    });
    await stageFindings(t.db.db, row.id, [
      stagedFinding('Synth', {
        ruleId: 'R1',
        title: 'R1',
        severity: 'low',
        cves: [],
        cwes: [],
        references: [],
        asset: { ip: '10.0.0.1' },
      }),
    ]);
    return row.id;
  };
  const state = async (id: string) =>
    (
      await queryRows<{ status: string; error_code: string | null; staged: number }>(
        t.db.db,
        sql`select status, error_code, (select count(*)::int from scan_stage where import_id = ${id}) as staged
          from scan_imports where id = ${id}`,
      )
    )[0];

  beforeAll(async () => {
    t = await createTestApp({ clock: createTestClock('2027-03-01T02:00:00Z') });
    w = await makeWorld(t.db.db);
    system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'pre_launch' });
  });
  afterAll(async () => t.close());

  it('fails an import no process runs, deleting its staged rows, and audits it', async () => {
    const id = await newImport();
    const { failed } = await recoverScanImports(t.deps, ctx());
    expect(failed).toEqual([id]);
    expect(await state(id)).toEqual({ status: 'failed', error_code: 'SCAN_IMPORT_INTERRUPTED', staged: 0 });
    const [audit] = await queryRows<{ n: number }>(
      t.db.db,
      sql`select count(*)::int as n from audit_events where action = 'scan.import_failed' and summary->>'importId' = ${id}`,
    );
    expect(audit?.n).toBe(1);
  });

  it('leaves alone an import this process runs, and one another live process runs (its lock held)', async () => {
    const mine = await newImport();
    runningImports.set(mine, { bytes: 0, findings: 0 });
    const release = await holdImportLock(t.deps, mine);
    try {
      const theirs = await newImport();
      // Another process: on PostgreSQL a connection of its own holding the import's lock. On
      // PGlite no other process can open the database, so there is none to simulate.
      const other = t.db.url ? new pg.Client({ connectionString: t.db.url }) : undefined;
      await other?.connect();
      await other?.query('select pg_advisory_lock($1, hashtext($2))', [SCAN_LOCK_CLASS, theirs]);
      try {
        const { failed } = await recoverScanImports(t.deps, ctx());
        expect(failed).toEqual(t.db.url ? [] : [theirs]);
        expect(await state(mine)).toMatchObject({ status: 'running', staged: 1 });
        expect((await state(theirs))?.status).toBe(t.db.url ? 'running' : 'failed');
      } finally {
        // The other process dies: its connection, and so its lock, goes.
        await other?.end();
      }
      const { failed } = await recoverScanImports(t.deps, ctx());
      expect(failed).toEqual(t.db.url ? [theirs] : []);
      expect(await state(theirs)).toMatchObject({ status: 'failed', staged: 0 });
      expect(await state(mine)).toMatchObject({ status: 'running', staged: 1 });
    } finally {
      runningImports.delete(mine);
      await release();
    }
  });

  it('purges staged rows of imports no longer running', async () => {
    const id = await newImport();
    await t.db.db.execute(sql`update scan_imports set status = 'completed' where id = ${id}`);
    const { purgedRows } = await recoverScanImports(t.deps, ctx());
    expect(purgedRows).toBeGreaterThanOrEqual(1);
    expect((await state(id))?.staged).toBe(0);
  });
});
