import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { makeWorld, type World } from '../../db/factories.js';
import { auditAnchors, auditEvents } from '../../db/schema/index.js';
import { systemContext, type RequestContext } from '../../lib/context.js';
import { createOrganisation, updateOrganisation } from '../organisations/organisations.service.js';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { pruneAuditEvents } from './audit.retention.js';
import { verifyAuditChain } from './audit.verify.js';

function adminContext(world: World): RequestContext {
  const u = world.users.ministryAdmin;
  return {
    actor: {
      userId: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      orgId: u.orgId,
      scopeOrgIds: [],
      via: 'session',
    },
    ip: '192.0.2.10',
    userAgent: 'vitest',
    requestId: 'req-1',
    locale: 'zh-TW',
    now: new Date(),
  };
}

describe('audit chain verification (service, tampering by hand)', () => {
  let t: TestApp;
  let world: World;
  let ctx: RequestContext;

  beforeAll(async () => {
    t = await createTestApp();
    world = await makeWorld(t.deps.db);
    ctx = adminContext(world);
    // Real service calls, each writing its audit event in its own transaction.
    for (let i = 1; i <= 6; i += 1) {
      await createOrganisation(t.deps, ctx, { kind: 'unit', code: `UNIT-V${i}`, name: `國立測試大學${i}` });
    }
    await updateOrganisation(t.deps, ctx, world.orgs.unitA.id, { nameEn: 'University A' });
  });
  afterAll(async () => t.close());

  it('passes on an untouched chain', async () => {
    expect(await verifyAuditChain(t.deps, ctx)).toEqual({
      ok: true,
      checked: 7,
      firstBadSeq: null,
      problem: null,
      anchorSeq: null,
      checkpoint: null,
      tail: null,
      invalidCheckpoints: 0,
      invalidCheckpointFiles: [],
      foreignCheckpoints: 0,
    });
  });

  it('walks in batches', async () => {
    expect(await verifyAuditChain(t.deps, ctx, { batchSize: 2 })).toMatchObject({ ok: true, checked: 7 });
  });

  it('detects a summary edited with SQL, and passes again once it is put back', async () => {
    const [row] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, 3));
    await t.deps.db.execute(
      sql`update audit_events set summary = '{"after":{"name":"竄改的名稱"}}'::jsonb where seq = 3`,
    );
    expect(await verifyAuditChain(t.deps, ctx, { batchSize: 2 })).toMatchObject({
      ok: false,
      checked: 2,
      firstBadSeq: 3,
      problem: 'hash_mismatch',
    });
    await t.deps.db
      .update(auditEvents)
      .set({ summary: row?.summary ?? {} })
      .where(eq(auditEvents.seq, 3));
    expect((await verifyAuditChain(t.deps, ctx)).ok).toBe(true);
  });

  it('detects an edited time, actor or IP', async () => {
    await t.deps.db.execute(sql`update audit_events set ip = '198.51.100.1' where seq = 6`);
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({ ok: false, firstBadSeq: 6, problem: 'hash_mismatch' });
    await t.deps.db.execute(sql`update audit_events set ip = '192.0.2.10' where seq = 6`);
    expect((await verifyAuditChain(t.deps, ctx)).ok).toBe(true);
  });

  it('detects a deleted row as a gap', async () => {
    await t.deps.db.execute(sql`delete from audit_events where seq = 5`);
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({
      ok: false,
      checked: 4,
      firstBadSeq: 5,
      problem: 'gap',
    });
  });

  it('refuses callers other than the Ministry admin and auditors', async () => {
    const u = world.users.unitAdminA;
    const unitCtx: RequestContext = {
      ...ctx,
      actor: {
        userId: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        orgId: u.orgId,
        scopeOrgIds: [],
        via: 'session',
      },
    };
    await expect(verifyAuditChain(t.deps, unitCtx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('audit retention', () => {
  let t: TestApp;
  let ctx: RequestContext;

  beforeAll(async () => {
    t = await createTestApp({ config: { AUDIT_RETENTION_MONTHS: '6' } });
    const world = await makeWorld(t.deps.db);
    ctx = adminContext(world);
    for (let i = 1; i <= 4; i += 1) {
      await createOrganisation(t.deps, ctx, { kind: 'unit', code: `UNIT-R${i}`, name: `國立保存大學${i}` });
    }
  });
  afterAll(async () => t.close());

  it('keeps events younger than the retention', async () => {
    expect(
      await pruneAuditEvents(t.deps, { ctx: systemContext('test', new Date(Date.now() + 5 * 30 * 86_400_000)) }),
    ).toMatchObject({
      pruned: 0,
      anchorSeq: null,
    });
    const [n] = await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(n?.n).toBe(4);
  });

  it('prunes older events, anchors the chain and still verifies', async () => {
    // Two events are backdated past the 6-month retention; the chain hashes stay valid
    // because only rows that will be deleted are touched.
    await t.deps.db.execute(sql`update audit_events set occurred_at = now() - interval '7 months' where seq <= 2`);
    const result = await pruneAuditEvents(t.deps, { ctx: systemContext('test', new Date()) });
    expect(result).toMatchObject({ pruned: 2, anchorSeq: 2 });
    const anchors = await t.deps.db.select().from(auditAnchors);
    expect(anchors).toMatchObject([{ lastSeq: 2, prunedCount: 2 }]);
    const [prune] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, 5));
    expect(prune).toMatchObject({ action: 'audit.prune', summary: { anchorSeq: 2, prunedCount: 2 } });
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({
      ok: true,
      checked: 3,
      firstBadSeq: null,
      problem: null,
      anchorSeq: 2,
    });
    await createOrganisation(t.deps, ctx, { kind: 'unit', code: 'UNIT-R5', name: '國立保存大學5' });
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({ ok: true, checked: 4, anchorSeq: 2 });
  });

  it('does not trust a forged anchor that hides deleted rows', async () => {
    const [row3] = await t.deps.db.select().from(auditEvents).where(eq(auditEvents.seq, 3));
    await t.deps.db.execute(sql`delete from audit_events where seq <= 3`);
    await t.deps.db.insert(auditAnchors).values({ lastSeq: 3, lastHash: row3?.hash ?? '', prunedCount: 1 });
    expect(await verifyAuditChain(t.deps, ctx)).toMatchObject({
      ok: false,
      firstBadSeq: 4,
      problem: 'prev_mismatch',
      anchorSeq: 3,
    });
  });
});
