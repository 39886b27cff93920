import { defineJob } from '../../lib/jobs.js';
import { rebuildDashboardSnapshot } from './dashboard.snapshot.js';

/**
 * Rebuilds the dashboard's snapshot (ADR 0025) from the records, at the job's instant: after
 * midnight in Asia/Taipei, when the counts that depend on the day ("expired", "overdue",
 * "expiring within") move on (the snapshot already holds the new day's numbers, counted the
 * day before; the rebuild counts the day after and corrects anything written past the
 * services); and when a process starts, if the snapshot is stale or was counted by code
 * that counts differently (its fingerprint).
 */
export const dashboardRefreshJob = defineJob({
  name: 'dashboard.refresh',
  cron: '5 0 * * *',
  runAtStart: true,
  handler: async (deps, { now, data }) => {
    const { rebuilt } = await rebuildDashboardSnapshot(deps, now, { onlyIfStale: data.atStart === true });
    deps.log.info({ now, rebuilt, atStart: data.atStart === true }, 'dashboard snapshot refresh');
  },
});

export const dashboardJobs = [dashboardRefreshJob];
