import type { AppModule } from '../registry.js';
import { allocationsDashboard } from './allocations.dashboard.js';
import { allocationsAudit } from './allocations.audit.js';
import { allocationsPolicyUsage } from './allocations.policy.js';
import { allocationRoutes } from './allocations.routes.js';
import { allocationExpirySource, allocationRenewalSource } from './allocations.obligations.js';

/** Domain and IP allocations and their renewal requests (item 十一). */
export const allocationsModule: AppModule = {
  name: 'allocations',
  audit: allocationsAudit,
  obligationSources: [allocationExpirySource, allocationRenewalSource],
  routes: [allocationRoutes],
  policyUsage: allocationsPolicyUsage,
  dashboard: allocationsDashboard,
};
