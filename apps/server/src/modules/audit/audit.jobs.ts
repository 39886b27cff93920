import { systemContext } from '../../lib/context.js';
import { defineJob } from '../../lib/jobs.js';
import { pruneAuditEvents, runAuditCheckpoint } from './audit.retention.js';

/**
 * Audit retention (item 三十七): every night at 03:00 Taipei time, events older than
 * AUDIT_RETENTION_MONTHS are pruned behind an anchor. A night the server was down is caught
 * up once when it is back; a failed run is retried, then listed as failed.
 */
export const auditRetentionJob = defineJob({
  name: 'audit.retention',
  cron: '0 3 * * *',
  handler: async (deps, { now }) => {
    const result = await pruneAuditEvents(deps, { ctx: systemContext('retention', now) });
    if (result.pruned > 0) {
      deps.log.info(result, 'audit events pruned by retention');
    }
  },
});

/**
 * Audit checkpoints (ADR 0016): every five minutes the chain head is signed into the
 * checkpoint files outside the database, when it moved. Events newer than the last
 * checkpoint can be cut off unnoticed, so this is the window of undetectable loss; the
 * server also checkpoints on shutdown and every backup does.
 */
export const auditCheckpointJob = defineJob({
  name: 'audit.checkpoint',
  cron: '*/5 * * * *',
  handler: async (deps, { now }) => {
    await runAuditCheckpoint(deps, 'interval', now);
  },
});

/** The audit module's jobs, registered in modules/index.ts. */
export const auditJobs = [auditRetentionJob, auditCheckpointJob];
