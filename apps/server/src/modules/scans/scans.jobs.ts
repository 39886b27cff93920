import { defineJob } from '../../lib/jobs.js';
import { systemContext } from '../../lib/context.js';
import { expireRiskAcceptances } from './findings.service.js';

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

export const scanJobs = [riskExpiryJob];
