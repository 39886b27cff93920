import { subMonths } from 'date-fns/subMonths';
import { defineJob } from '../../lib/jobs.js';
import { pruneNotifications } from './notifications.repository.js';
import { composeDigests } from './notifications.digest.js';
import { sendDueMessages } from './notifications.sender.js';

/**
 * The notifications module's jobs (ADR 0013, 0020): the outbox sender every minute, and the
 * digests at 08:00 Taipei time, daily and on Mondays; at 03:30, sent mail and read
 * notifications older than NOTIFICATION_RETENTION_MONTHS are deleted.
 */
export const notificationJobs = [
  defineJob({
    name: 'notifications.send',
    cron: '* * * * *',
    // Each message keeps its own retry schedule; a failed run is simply the next minute's.
    retryLimit: 0,
    expireInSeconds: 600,
    handler: async (deps, run) => {
      const result = await sendDueMessages(deps, run.now);
      if (result.sent + result.retrying + result.failed + result.abandoned > 0) {
        deps.log.info({ job: run.id, ...result }, 'notification outbox processed');
      }
    },
  }),
  defineJob({
    name: 'notifications.digest-daily',
    cron: '0 8 * * *',
    handler: async (deps, run) => {
      const written = await composeDigests(deps, 'daily', run.now);
      deps.log.info({ job: run.id, written }, 'daily notification digests written');
    },
  }),
  defineJob({
    name: 'notifications.digest-weekly',
    cron: '0 8 * * 1',
    handler: async (deps, run) => {
      const written = await composeDigests(deps, 'weekly', run.now);
      deps.log.info({ job: run.id, written }, 'weekly notification digests written');
    },
  }),
  defineJob({
    name: 'notifications.retention',
    cron: '30 3 * * *',
    handler: async (deps, run) => {
      const before = subMonths(run.now, deps.config.NOTIFICATION_RETENTION_MONTHS);
      const pruned = await pruneNotifications(deps.db, before);
      deps.log.info(
        { job: run.id, before: before.toISOString(), ...pruned },
        'sent mail and read notifications pruned',
      );
    },
  }),
];
