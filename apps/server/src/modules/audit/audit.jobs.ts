import { systemContext } from '../../lib/context.js';
import { defineJob } from '../../lib/jobs.js';
import { pruneAuditEvents } from './audit.retention.js';

/**
 * Audit retention (item 三十七): every night at 03:00 Taipei time, events older than
 * AUDIT_RETENTION_MONTHS are pruned behind an anchor. A night the server was down is caught
 * up once when it is back; a failed run is retried, then listed as failed.
 */
export const auditRetentionJob = defineJob({
  name: 'audit.retention',
  cron: '0 3 * * *',
  handler: async (deps, { now }) => {
    const result = await pruneAuditEvents(deps, { now, ctx: systemContext('retention', now) });
    if (result.pruned > 0) {
      deps.log.info(result, 'audit events pruned by retention');
    }
  },
});

/** The audit module's jobs, registered in modules/index.ts. */
export const auditJobs = [auditRetentionJob];
