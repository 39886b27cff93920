import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { auditAnchors, auditEvents, importJobs } from '../db/schema/index.js';
import { makeWorld, type World } from '../db/factories.js';
import { queryRows } from '../db/client.js';
import { createOrganisation } from '../modules/organisations/organisations.service.js';
import { createTestApp, json, loginAs, type TestApp } from '../test/helpers.js';
import { createTestClock } from './clock.js';
import { systemContext } from './context.js';
import { defineJob, JOB_TIME_ZONE } from './jobs.js';

const MONTH_MS = 30 * 86_400_000;

async function jobState(t: TestApp, id: string): Promise<{ state: string; retryCount: number } | undefined> {
  const [row] = await queryRows<{ state: string; retryCount: number }>(
    t.db.db,
    sql`select state::text as state, retry_count as "retryCount" from pgboss.job where id = ${id}`,
  );
  return row;
}

/** Waits (up to 15 s) until a job reaches a state; retries are due a second or two later. */
async function waitForState(t: TestApp, id: string, state: string): Promise<void> {
  for (let i = 0; i < 300; i += 1) {
    if ((await jobState(t, id))?.state === state) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} never reached ${state}: ${JSON.stringify(await jobState(t, id))}`);
}

describe('job runner: the modules’ scheduled jobs at a chosen instant', () => {
  const clock = createTestClock('2027-01-01T00:00:00Z');
  let t: TestApp;
  let world: World;

  beforeAll(async () => {
    t = await createTestApp({ clock, jobs: true, config: { AUDIT_RETENTION_MONTHS: '6' } });
    world = await makeWorld(t.db.db);
  });
  afterAll(async () => t.close());

  it('schedules the audit checkpoint and retention, the import purge, the notification sender and digests, the compliance calendar jobs, the risk-acceptance expiry, the scan-import recovery and the dashboard refresh in Asia/Taipei', async () => {
    const schedules = await queryRows<{ name: string; cron: string; timezone: string }>(
      t.db.db,
      sql`select name, cron, timezone from pgboss.schedule order by name`,
    );
    expect(schedules).toEqual([
      { name: 'audit.checkpoint', cron: '*/5 * * * *', timezone: JOB_TIME_ZONE },
      { name: 'audit.retention', cron: '0 3 * * *', timezone: JOB_TIME_ZONE },
      { name: 'dashboard.refresh', cron: '5 0 * * *', timezone: JOB_TIME_ZONE },
      { name: 'imports.purge-expired', cron: '5 * * * *', timezone: JOB_TIME_ZONE },
      { name: 'notifications.digest-daily', cron: '0 8 * * *', timezone: JOB_TIME_ZONE },
      { name: 'notifications.digest-weekly', cron: '0 8 * * 1', timezone: JOB_TIME_ZONE },
      { name: 'notifications.retention', cron: '30 3 * * *', timezone: JOB_TIME_ZONE },
      { name: 'notifications.send', cron: '* * * * *', timezone: JOB_TIME_ZONE },
      { name: 'obligations.recompute', cron: '0 1 * * *', timezone: JOB_TIME_ZONE },
      { name: 'obligations.remind', cron: '0 7 * * *', timezone: JOB_TIME_ZONE },
      { name: 'obligations.snapshot', cron: '50 23 * * *', timezone: JOB_TIME_ZONE },
      { name: 'scans.recover-imports', cron: '*/10 * * * *', timezone: JOB_TIME_ZONE },
      { name: 'scans.risk-expiry', cron: '10 0 * * *', timezone: JOB_TIME_ZONE },
    ]);
  });

  it('sends the jobs declared to run at start once when the runner starts: the dashboard rebuild', async () => {
    const sent = async () =>
      queryRows<{ state: string }>(
        t.db.db,
        sql`select state::text as state from pgboss.job where name = 'dashboard.refresh'`,
      );
    for (let i = 0; i < 300 && (await sent())[0]?.state !== 'completed'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await sent()).toEqual([{ state: 'completed' }]);
    // At the clock's instant: 08:00 on 2027-01-01 in Taipei, and the next day.
    expect(
      await queryRows(
        t.db.db,
        sql`select first_day::text as "firstDay", last_day::text as "lastDay" from dashboard_snapshot`,
      ),
    ).toEqual([{ firstDay: '2027-01-01', lastDay: '2027-01-02' }]);
  });

  it('signs the audit chain head into a checkpoint file outside the database', async () => {
    await createOrganisation(t.deps, systemContext('test', new Date()), {
      kind: 'unit',
      code: 'JOB-CP',
      name: '國立檢查點大學',
    });
    const dir = join(t.deps.config.dataDir, 'audit-anchors');
    const before = existsSync(dir) ? readdirSync(dir).length : 0;
    expect(await t.app.jobs.runNow('audit.checkpoint')).toMatchObject({ state: 'completed', error: null });
    expect(readdirSync(dir).length).toBe(before + 1);
  });

  it('prunes audit events by the instant the clock gives the job', async () => {
    const ctx = systemContext('test', new Date());
    for (let i = 1; i <= 3; i += 1) {
      await createOrganisation(t.deps, ctx, { kind: 'unit', code: `JOB-${i}`, name: `國立排程大學${i}` });
    }
    const before = await t.db.db.select({ seq: auditEvents.seq }).from(auditEvents);
    expect(before.length).toBeGreaterThanOrEqual(3);

    // Five months on, the events are still within the six-month retention.
    clock.set(new Date(Date.now() + 5 * MONTH_MS));
    expect(await t.app.jobs.runNow('audit.retention')).toMatchObject({ state: 'completed', error: null });
    expect(await t.db.db.select().from(auditAnchors)).toEqual([]);

    // Seven months on, they are pruned behind an anchor, and the cutoff is the clock's.
    const at = new Date(Date.now() + 7 * MONTH_MS);
    clock.set(at);
    expect(await t.app.jobs.runNow('audit.retention')).toMatchObject({ state: 'completed' });
    const anchors = await t.db.db.select().from(auditAnchors);
    expect(anchors).toMatchObject([{ prunedCount: before.length }]);
    const [prune] = await t.db.db.select().from(auditEvents).where(eq(auditEvents.action, 'audit.prune'));
    const cutoff = new Date(at);
    cutoff.setUTCMonth(cutoff.getUTCMonth() - 6);
    expect(prune?.summary).toMatchObject({ prunedCount: before.length, cutoff: cutoff.toISOString() });
  });

  it('purges the rows of import previews that expired by the instant the clock gives the job', async () => {
    const [job] = await t.db.db
      .insert(importJobs)
      .values({
        createdBy: world.users.unitAdminA.id,
        fileName: 'systems.xlsx',
        format: 'xlsx',
        counts: { systems: 1 },
        errors: [],
        rows: { systems: [{ name: '校務系統' }] },
        expiresAt: new Date('2027-03-01T00:00:00Z'),
      })
      .returning();
    if (!job) {
      throw new Error('no import job');
    }
    const rowsOf = async () =>
      (await t.db.db.select({ rows: importJobs.rows }).from(importJobs).where(eq(importJobs.id, job.id)))[0]?.rows;

    clock.set('2027-02-28T23:59:00Z');
    expect(await t.app.jobs.runNow('imports.purge-expired')).toMatchObject({ state: 'completed' });
    expect(await rowsOf()).toEqual({ systems: [{ name: '校務系統' }] });

    clock.set('2027-03-01T00:01:00Z');
    expect(await t.app.jobs.runNow('imports.purge-expired')).toMatchObject({ state: 'completed' });
    expect(await rowsOf()).toEqual({});
    // The job itself stays, with its counts, and reads as expired.
    const [kept] = await t.db.db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(kept).toMatchObject({ status: 'preview', counts: { systems: 1 } });
  });
});

describe('job runner: retries, failures, metrics and shutdown', () => {
  let t: TestApp;
  let adminHeaders: Record<string, string>;
  let flakyCalls = 0;
  const slow = { started: false, finished: false };

  beforeAll(async () => {
    t = await createTestApp({
      jobs: {
        definitions: [
          defineJob({
            name: 'test.flaky',
            retryLimit: 2,
            retryDelaySeconds: 1,
            handler: async () => {
              flakyCalls += 1;
              if (flakyCalls === 1) {
                throw new Error('first attempt fails');
              }
            },
          }),
          defineJob({
            name: 'test.broken',
            retryLimit: 1,
            retryDelaySeconds: 1,
            handler: async () => {
              throw new Error('the disk is full');
            },
          }),
          defineJob({
            name: 'test.slow',
            handler: async () => {
              slow.started = true;
              await new Promise((resolve) => setTimeout(resolve, 1_000));
              slow.finished = true;
            },
          }),
        ],
      },
    });
    const world = await makeWorld(t.db.db);
    adminHeaders = await loginAs(t, world.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  it('retries a failed attempt with exponential backoff', async () => {
    const first = await t.app.jobs.runNow('test.flaky');
    expect(first).toMatchObject({ state: 'retry', error: 'first attempt fails' });
    const [queued] = await queryRows<{ retryBackoff: boolean; retryDelay: number; retryLimit: number }>(
      t.db.db,
      sql`select retry_backoff as "retryBackoff", retry_delay as "retryDelay", retry_limit as "retryLimit"
        from pgboss.job where id = ${first.id}`,
    );
    expect(queued).toEqual({ retryBackoff: true, retryDelay: 1, retryLimit: 2 });
    await waitForState(t, first.id, 'completed');
    expect(flakyCalls).toBe(2);
  });

  it('lists a job that failed its last attempt to the ministry admin, with its error and attempts', async () => {
    const first = await t.app.jobs.runNow('test.broken');
    expect(first.state).toBe('retry');
    await waitForState(t, first.id, 'failed');

    const res = await t.app.inject({ method: 'GET', url: '/api/v1/jobs/failed', headers: adminHeaders });
    expect(res.statusCode).toBe(200);
    const body = json<{ items: Record<string, unknown>[]; total: number }>(res);
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: first.id, name: 'test.broken', error: 'the disk is full', attempts: 2 });
    expect(Date.parse(String(body.items[0]?.failedAt))).not.toBeNaN();
  });

  it('lets a running job finish when the runner stops', async () => {
    const id = await t.app.jobs.send('test.slow');
    for (let i = 0; i < 400 && !slow.started; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(slow.started).toBe(true);
    await t.app.jobs.stop();
    expect(slow.finished).toBe(true);
    expect(await jobState(t, String(id))).toMatchObject({ state: 'completed' });
  });

  it('counts completed and failed jobs and the queue depth in /metrics', async () => {
    // The runner is stopped now, so a new job stays queued.
    await t.app.jobs.send('test.slow');
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.body).toContain('custodian_jobs_completed_total{queue="test.flaky"} 1');
    expect(res.body).toContain('custodian_jobs_retried_total{queue="test.flaky"} 1');
    expect(res.body).toContain('custodian_jobs_failed_total{queue="test.broken"} 1');
    expect(res.body).toContain('custodian_jobs_retried_total{queue="test.broken"} 1');
    expect(res.body).toContain('custodian_jobs_completed_total{queue="test.slow"} 1');
    expect(res.body).toContain('custodian_job_queue_depth{queue="test.slow",state="queued"} 1');
  });
});

describe('job runner: before its first start', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('lists no failed jobs and still answers /metrics while pg-boss has not installed its tables', async () => {
    const world = await makeWorld(t.db.db);
    const headers = await loginAs(t, world.users.ministryAdmin.id);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/jobs/failed', headers });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ items: [], total: 0 });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('custodian_jobs_failed_total{queue="audit.retention"} 0');
  });
});
