import type { AppModule } from '../registry.js';
import { obligationsAudit } from './obligations.audit.js';
import { obligationsJobs } from './obligations.jobs.js';
import { periodicDutySources } from './obligations.periodic.js';
import { obligationRoutes } from './obligations.routes.js';
import { recomputeChanged } from './obligations.service.js';
import { obligationNotificationTemplates } from './obligations.templates.js';

/**
 * The compliance calendar (issue 13, ADR 0019): its routes, the nightly recompute, reminder
 * and snapshot jobs, the recompute of records other modules changed, the periodic
 * duties' sources, and the templates of the reminder and escalation mails (ADR 0020).
 */
export const obligationsModule: AppModule = {
  name: 'obligations',
  audit: obligationsAudit,
  routes: [obligationRoutes],
  jobs: obligationsJobs,
  obligationSources: periodicDutySources,
  notificationTemplates: obligationNotificationTemplates,
  onRecordChanges: recomputeChanged,
};
