import { defineJob } from '../../lib/jobs.js';
import { systemContext } from '../../lib/context.js';
import { expireRiskAcceptances } from './findings.service.js';
import { recoverScanImports } from './scans.recovery.js';

/** Reopens the findings whose risk acceptance expired (issue 9), each with its audit event. */
export const riskExpiryJob = defineJob({
  name: 'scans.risk-expiry',
  cron: '10 0 * * *', // 00:10 Asia/Taipei: the day after the last accepted day
  handler: async (deps, { now }) => {
    const reopened = await expireRiskAcceptances(deps, systemContext('scans.risk-expiry', now));
    if (reopened > 0) {
      deps.log.info({ reopened }, 'expired risk acceptances reopened');
    }
  },
});

/**
 * Fails the imports a dead process left running, with their staged findings and files deleted,
 * and purges staged findings of imports no longer running (scans.recovery.ts): when a process's
 * job runner starts (after a crash, the restart), and every 10 minutes.
 */
export const recoverImportsJob = defineJob({
  name: 'scans.recover-imports',
  cron: '*/10 * * * *',
  runAtStart: true,
  handler: async (deps, { now }) => {
    const { failed, purgedRows } = await recoverScanImports(deps, systemContext('scans.recover-imports', now));
    if (failed.length > 0 || purgedRows > 0) {
      deps.log.warn({ failed, purgedRows }, 'interrupted scan imports failed and their staging purged');
    }
  },
});

export const scanJobs = [riskExpiryJob, recoverImportsJob];
