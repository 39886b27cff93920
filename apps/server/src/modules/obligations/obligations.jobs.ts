import { defineJob } from '../../lib/jobs.js';
import { recompute, writeSnapshot } from './obligations.service.js';
import { sendObligationNotifications } from './obligations.notify.js';

/**
 * The compliance calendar's nightly work (ADR 0019), in Asia/Taipei: recompute every
 * obligation at 01:00 (idempotent), then the day's reminders and escalations at 07:00, and
 * the snapshot of overdue counts at 23:50. A missed night is run once on the next start.
 */
export const obligationsRecomputeJob = defineJob({
  name: 'obligations.recompute',
  cron: '0 1 * * *',
  expireInSeconds: 1800,
  handler: async (deps, { now }) => {
    const result = await recompute(deps, now);
    deps.log.info(result, 'obligations recomputed');
  },
});

export const obligationsRemindJob = defineJob({
  name: 'obligations.remind',
  cron: '0 7 * * *',
  handler: async (deps, { now }) => {
    const sent = await sendObligationNotifications(deps, now);
    deps.log.info({ sent }, 'obligation reminders enqueued');
  },
});

export const obligationsSnapshotJob = defineJob({
  name: 'obligations.snapshot',
  cron: '50 23 * * *',
  handler: async (deps, { now }) => {
    await writeSnapshot(deps.db, now);
  },
});

export const obligationsJobs = [obligationsRecomputeJob, obligationsRemindJob, obligationsSnapshotJob];
