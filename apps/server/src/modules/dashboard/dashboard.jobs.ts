import { defineJob } from '../../lib/jobs.js';
import { rebuildDashboardSnapshot } from './dashboard.snapshot.js';

/**
 * Rebuilds the dashboard's snapshot (ADR 0025) from the records, at the job's instant: after
 * midnight in Asia/Taipei, when the counts that depend on the day ("expired", "overdue",
 * "expiring within") move on (the snapshot already holds the new day's numbers, counted the
 * day before; the rebuild counts the day after and corrects anything written past the
 * services), and once when a process starts, whose code may count differently.
 */
export const dashboardRefreshJob = defineJob({
  name: 'dashboard.refresh',
  cron: '5 0 * * *',
  runAtStart: true,
  handler: async (deps, { now }) => {
    await rebuildDashboardSnapshot(deps, now);
    deps.log.info({ now }, 'dashboard snapshot rebuilt');
  },
});

export const dashboardJobs = [dashboardRefreshJob];
