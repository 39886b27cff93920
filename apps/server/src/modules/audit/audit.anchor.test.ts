import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeWorld, type World } from '../../db/factories.js';
import { auditAnchors } from '../../db/schema/index.js';
import { systemContext, type RequestContext } from '../../lib/context.js';
import { createOrganisation } from '../organisations/organisations.service.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { ANCHOR_DIR_NAME } from './audit.anchor-store.js';
import { writeAuditCheckpoint } from './audit.anchor.js';
import { pruneAuditEvents } from './audit.retention.js';
import { verifyAuditChain } from './audit.verify.js';

const ctx: RequestContext = systemContext('test', new Date());

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith('.json'))
    .sort();
}

async function addUnits(t: TestApp, codes: string[]): Promise<void> {
  for (const code of codes) {
    await createOrganisation(t.deps, ctx, { kind: 'unit', code, name: `國立${code}大學` });
  }
}

describe('audit checkpoints outside the database', () => {
  const anchorDir = mkdtempSync(join(tmpdir(), 'custodian-anchor-'));
  let t: TestApp;
  let world: World;
  let localDir = '';

  beforeAll(async () => {
    t = await createTestApp({ config: { AUDIT_ANCHOR_DIR: anchorDir } });
    world = await makeWorld(t.deps.db);
    localDir = join(t.deps.config.dataDir, ANCHOR_DIR_NAME);
    await addUnits(t, ['CP-1', 'CP-2', 'CP-3']);
    expect(await writeAuditCheckpoint(t.deps, { reason: 'interval', now: new Date() })).toMatchObject({
      status: 'written',
    });
    await addUnits(t, ['CP-4', 'CP-5', 'CP-6']);
  });
  afterAll(async () => {
    await t.close();
    rmSync(anchorDir, { recursive: true, force: true });
  });

  it('writes a signed checkpoint to DATA_DIR and AUDIT_ANCHOR_DIR, only when the head moved', async () => {
    const result = await writeAuditCheckpoint(t.deps, { reason: 'interval', now: new Date() });
    expect(result).toMatchObject({ status: 'written', checkpoint: { seq: 6, count: 6, reason: 'interval' } });
    expect(jsonFiles(localDir)).toHaveLength(2);
    expect(jsonFiles(anchorDir)).toEqual(jsonFiles(localDir));
    expect(await writeAuditCheckpoint(t.deps, { reason: 'interval', now: new Date() })).toMatchObject({
      status: 'unchanged',
    });
    expect(jsonFiles(localDir)).toHaveLength(2);
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({
      ok: true,
      checked: 6,
      problem: null,
      checkpoint: { seq: 6 },
      tail: null,
      invalidCheckpoints: 0,
    });
  });

  it('reports a checkpoint file whose signature fails', async () => {
    const [name] = jsonFiles(anchorDir).reverse();
    const real = JSON.parse(readFileSync(join(anchorDir, name ?? ''), 'utf8')) as { seq: number };
    const forged = join(anchorDir, '20990101T000000.000Z-000000000002.json');
    writeFileSync(forged, JSON.stringify({ ...real, seq: 2 }));
    try {
      expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({
        ok: false,
        problem: 'checkpoint_invalid',
        invalidCheckpoints: 1,
        invalidCheckpointFiles: [forged],
        checkpoint: { seq: 6 },
      });
    } finally {
      rmSync(forged);
    }
    expect((await verifyAuditChain(t.deps, ctx)).ok).toBe(true);
  });

  it('detects the newest events deleted with SQL, names the range, and will not checkpoint over it', async () => {
    await t.deps.db.execute(sql`delete from audit_events where seq > 3`);
    const expected = {
      ok: false,
      checked: 3,
      firstBadSeq: 4,
      problem: 'events_missing',
      checkpoint: { seq: 6 },
      tail: { from: 4, to: 6 },
    };
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject(expected);
    const admin = await loginAs(t, world.users.ministryAdmin.id);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/verify', headers: admin });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject(expected);
    expect(json(res)).not.toHaveProperty('invalidCheckpointFiles');
    // The periodic writer refuses: a checkpoint of the shortened head would bless the deletion.
    const before = jsonFiles(localDir);
    expect(await writeAuditCheckpoint(t.deps, { reason: 'interval', now: new Date() })).toMatchObject({
      status: 'refused',
      finding: { problem: 'events_missing', from: 4, to: 6 },
    });
    expect(jsonFiles(localDir)).toEqual(before);
  });

  it('still detects the deletion once new events are chained onto the shortened chain', async () => {
    // Chained to seq 3, as the next mutations after the deletion would be.
    await addUnits(t, ['CP-7', 'CP-8']);
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({ ok: false, problem: 'events_missing' });
    await addUnits(t, ['CP-9']);
    // Seq 6 exists again, but it is not the event the checkpoint signed.
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({
      ok: false,
      checked: 6,
      problem: 'events_replaced',
      firstBadSeq: 4,
      tail: { from: 4, to: 6 },
    });
    expect(await writeAuditCheckpoint(t.deps, { reason: 'shutdown', now: new Date() })).toMatchObject({
      status: 'refused',
    });
  });

  it('accepts a restore checkpoint as the start of a new history, then detects every row deleted', async () => {
    expect(await writeAuditCheckpoint(t.deps, { reason: 'restore', now: new Date() })).toMatchObject({
      status: 'written',
      checkpoint: { seq: 6, reason: 'restore' },
    });
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({ ok: true, checkpoint: { seq: 6 } });
    await t.deps.db.execute(sql`delete from audit_events`);
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({
      ok: false,
      checked: 0,
      problem: 'events_missing',
      tail: { from: 1, to: 6 },
    });
  });
});

describe('audit checkpoints and retention', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ config: { AUDIT_RETENTION_MONTHS: '6' } });
    await makeWorld(t.deps.db);
    await addUnits(t, ['RT-1', 'RT-2', 'RT-3', 'RT-4']);
    await writeAuditCheckpoint(t.deps, { reason: 'interval', now: new Date() });
  });
  afterAll(async () => t.close());

  it('keeps verifying when retention prunes events below the checkpoint', async () => {
    await t.deps.db.execute(sql`update audit_events set occurred_at = now() - interval '7 months' where seq <= 2`);
    expect(await pruneAuditEvents(t.deps, { ctx: systemContext('test', new Date()) })).toMatchObject({
      pruned: 2,
      anchorSeq: 2,
    });
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({ ok: true, checked: 3, checkpoint: { seq: 4 } });
    expect(await writeAuditCheckpoint(t.deps, { reason: 'interval', now: new Date() })).toMatchObject({
      status: 'written',
      checkpoint: { seq: 5, count: 3 },
    });
  });

  it('keeps verifying when retention prunes past the checkpoint', async () => {
    await t.deps.db.execute(sql`update audit_events set occurred_at = now() - interval '7 months'`);
    expect(await pruneAuditEvents(t.deps, { ctx: systemContext('test', new Date()) })).toMatchObject({
      pruned: 3,
      anchorSeq: 5,
    });
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({ ok: true, checked: 1, anchorSeq: 5 });
    expect(await writeAuditCheckpoint(t.deps, { reason: 'interval', now: new Date() })).toMatchObject({
      status: 'written',
      checkpoint: { seq: 6 },
    });
  });

  it('does not let an inserted anchor hide deleted events from the checkpoint writer', async () => {
    await t.deps.db.execute(sql`delete from audit_events`);
    await t.deps.db.insert(auditAnchors).values({ lastSeq: 6, lastHash: 'f'.repeat(64), prunedCount: 1 });
    expect(await writeAuditCheckpoint(t.deps, { reason: 'interval', now: new Date() })).toMatchObject({
      status: 'refused',
    });
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({ ok: false, anchorSeq: 6 });
  });
});
