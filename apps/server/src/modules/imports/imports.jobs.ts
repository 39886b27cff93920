import { defineJob } from '../../lib/jobs.js';
import { purgeExpiredImports } from './imports.purge.js';

/** Every hour at :05 (Taipei), the rows of expired import previews are dropped. */
export const importPurgeJob = defineJob({
  name: 'imports.purge-expired',
  cron: '5 * * * *',
  handler: async (deps, { now }) => {
    const result = await purgeExpiredImports(deps, now);
    if (result.purged > 0) {
      deps.log.info(result, 'expired import previews purged');
    }
  },
});

/** The imports module's jobs, registered in modules/index.ts. */
export const importJobs = [importPurgeJob];
