import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingStats } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { makeSystem } from '../../db/registry-factories.js';
import { createTestClock, type TestClock } from '../../lib/clock.js';
import { systemContext } from '../../lib/context.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { monthEnds } from './findings-stats.service.js';
import type { ParsedFinding, ScanEvent } from './parsers/types.js';
import { importScanEvents } from './scans.import.js';
import { insertScanImport } from './scans.repository.js';

const finding = (ruleId: string, severity: ParsedFinding['severity']): ParsedFinding => ({
  ruleId,
  title: `Weakness ${ruleId}`,
  severity,
  cves: [],
  cwes: [],
  references: [],
  asset: { ip: '10.0.0.9', port: 443, protocol: 'tcp' },
});

async function* events(findings: readonly ParsedFinding[], scope?: string[]): AsyncGenerator<ScanEvent> {
  yield { kind: 'meta', meta: { tool: 'Synth', toolVersion: '1.0', ...(scope ? { scope } : {}) } };
  for (const f of findings) {
    yield { kind: 'finding', finding: f };
  }
}

describe('findings charts: open by severity per month and mean time to remediate (issue 9)', () => {
  let clock: TestClock;
  let t: TestApp;
  let w: World;
  let system: { id: string; orgId: string };

  /** Imports a scan taken now (the clock) into the system. */
  const importNow = async (findings: readonly ParsedFinding[], scope?: string[]) => {
    const row = await insertScanImport(t.db.db, {
      orgId: system.orgId,
      systemId: system.id,
      uploadedBy: w.users.unitAdminA.id,
      fileName: 'synthetic.json',
      fileKey: null,
      fileSize: 10,
      fileSha256: 'b'.repeat(64),
      status: 'running',
      createdAt: clock.now(),
    });
    await importScanEvents(t.deps, systemContext('test', clock.now()), {
      target: {
        importId: row.id,
        orgId: system.orgId,
        systemId: system.id,
        uploadedBy: w.users.unitAdminA.id,
        format: 'generic_json',
        file: {
          key: 'bb/cc/bbcc0000000000000000000000000000',
          name: 'synthetic.json',
          size: 10,
          sha256: 'b'.repeat(64),
        },
      },
      events: events(findings, scope),
      progress: { bytes: 0, findings: 0 },
    });
  };
  const statsAs = async (userId: string, query = '') =>
    json<FindingStats>(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/scans/stats?months=4${query}`,
        headers: await loginAs(t, userId),
      }),
    );

  beforeAll(async () => {
    clock = createTestClock('2026-09-15T02:00:00Z');
    t = await createTestApp({ clock });
    w = await makeWorld(t.db.db);
    system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'pre_launch' });
    // 15 Sep: a High, a Medium and an Info finding. 20 Oct: the Medium is gone. 10 Nov: all gone.
    await importNow([finding('H1', 'high'), finding('M1', 'medium'), finding('I1', 'info')]);
    clock.set('2026-10-20T02:00:00Z');
    await importNow([finding('H1', 'high'), finding('I1', 'info')]);
    clock.set('2026-11-10T02:00:00Z');
    // A clean scan of the host: it names its target, which it found nothing on.
    await importNow([], ['10.0.0.9']);
    clock.set('2026-11-20T02:00:00Z');
  });
  afterAll(async () => t.close());

  it('counts what was open at the end of each Taipei month, without info findings', async () => {
    const stats = await statsAs(w.users.ministryAdmin.id);
    expect(stats, JSON.stringify(stats)).toHaveProperty('months');
    expect(stats.months).toEqual([
      { month: '2026-08', critical: 0, high: 0, medium: 0, low: 0 },
      { month: '2026-09', critical: 0, high: 1, medium: 1, low: 0 },
      { month: '2026-10', critical: 0, high: 1, medium: 0, low: 0 },
      { month: '2026-11', critical: 0, high: 0, medium: 0, low: 0 },
    ]);
  });

  it('gives the mean days from first report to the scan that found it fixed', async () => {
    const stats = await statsAs(w.users.unitAdminA.id, `&systemId=${system.id}`);
    expect(stats.meanDaysToRemediate).toEqual({ critical: null, high: 56, medium: 35, low: null });
    expect(stats.fixedCount).toBe(2);
  });

  it("shows another unit nothing of this unit's findings", async () => {
    const stats = await statsAs(w.users.unitAdminB.id);
    expect(stats.months.every((m) => m.high + m.medium === 0)).toBe(true);
    expect(stats.fixedCount).toBe(0);
  });

  it('ends each month at midnight in Taipei, the current one now', () => {
    const now = new Date('2026-12-31T17:30:00Z'); // 1 Jan 2027, 01:30 in Taipei
    expect(monthEnds(now, 2)).toEqual([
      { month: '2026-12', at: new Date('2026-12-31T16:00:00Z') },
      { month: '2027-01', at: now },
    ]);
  });
});
