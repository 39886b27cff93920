import type { AppModule } from '../registry.js';
import { scanLaunchBlockers } from './findings.service.js';
import { scansAudit } from './scans.audit.js';
import { scanJobs } from './scans.jobs.js';
import { overdueFindingsSource, vulnerabilityScanDutySource } from './scans.obligations.js';
import { scansPolicyUsage } from './scans.policy.js';
import { scanRoutes } from './scans.routes.js';
import { findingStatsRoutes } from './findings-stats.routes.js';

/**
 * Vulnerability scans and their findings (issue 9; items 九, 十七, 四十二, 四十三): streaming
 * imports, deduplication across scans, the findings' lifecycle and due days, and the
 * pre-launch gate the systems module asks through `launchChecks`.
 */
export const scansModule: AppModule = {
  name: 'scans',
  audit: scansAudit,
  routes: [scanRoutes, findingStatsRoutes],
  jobs: scanJobs,
  policyUsage: scansPolicyUsage,
  launchChecks: [scanLaunchBlockers],
  obligationSources: [vulnerabilityScanDutySource, overdueFindingsSource],
};
