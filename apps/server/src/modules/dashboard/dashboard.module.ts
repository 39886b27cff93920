import type { AppModule } from '../registry.js';
import { dashboardJobs } from './dashboard.jobs.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { refreshOrganisationCounts } from './dashboard.snapshot.js';

/**
 * The dashboard (issue 12, ADR 0025): its route, the snapshot of the modules' card counts
 * kept by the write paths (`orgRecordsChanged`, in the change's transaction) and rebuilt by
 * its job after midnight and at start.
 */
export const dashboardModule: AppModule = {
  name: 'dashboard',
  routes: [dashboardRoutes],
  jobs: dashboardJobs,
  onOrgRecordsChanged: refreshOrganisationCounts,
};
