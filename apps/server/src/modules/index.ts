import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../lib/context.js';
import type { JobDefinition } from '../lib/jobs.js';
import type { PolicyUsageCounter } from '../lib/policy-usage.js';
import { accountRoutes } from './account/account.routes.js';
import { auditJobs } from './audit/audit.jobs.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { oidcRoutes } from './auth/oidc.routes.js';
import { dashboardRoutes } from './dashboard/dashboard.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { organisationRoutes } from './organisations/organisations.routes.js';
import { setupRoutes } from './setup/setup.routes.js';
import { userRoutes } from './users/users.routes.js';
import { policyRoutes } from './policy/policy.routes.js';
import { contractRoutes } from './contracts/contracts.routes.js';
import { systemRoutes } from './systems/systems.routes.js';
import { hostRoutes } from './hosts/hosts.routes.js';
import { allocationRoutes } from './allocations/allocations.routes.js';
import { vendorRoutes } from './vendors/vendors.routes.js';
import { attachmentRoutes } from './attachments/attachments.routes.js';
import { importJobs } from './imports/imports.jobs.js';
import { importRoutes } from './imports/imports.routes.js';
import { jobRoutes } from './jobs/jobs.routes.js';
import { contractsPolicyUsage } from './contracts/contracts.policy.js';
import { systemsPolicyUsage } from './systems/systems.policy.js';
import { allocationsPolicyUsage } from './allocations/allocations.policy.js';
import { obligationRoutes } from './obligations/obligations.routes.js';
import { obligationsJobs } from './obligations/obligations.jobs.js';
import { periodicDutySources } from './obligations/obligations.periodic.js';
import type { ObligationSource } from './obligations/obligations.sources.js';
import { contactsObligationSource } from './systems/systems.obligations.js';
import { allocationExpirySource, allocationRenewalSource } from './allocations/allocations.obligations.js';
import { qualificationExpirySource } from './vendors/vendors.obligations.js';
import { dutyNoticeSource, missingClausesSource, riskAssessmentSource } from './contracts/contracts.obligations.js';

type ModuleRoutes = FastifyPluginAsync<{ deps: AppDeps }>;

/** What a module contributes to the app; `MODULES` lists them. */
export type AppModule = {
  name: string;
  /** Route plugins, mounted under `prefix`. */
  routes?: readonly ModuleRoutes[];
  /** Defaults to /api/v1. */
  prefix?: string;
  /** Scheduled and queued work (`<domain>.jobs.ts`), run by the job runner (ADR 0013). */
  jobs?: readonly JobDefinition[];
  /** Counts its records judged by a policy version (`<module>.policy.ts`, ADR 0015). */
  policyUsage?: PolicyUsageCounter;
  /** Records with deadlines it offers the compliance calendar (`<module>.obligations.ts`, ADR 0019). */
  obligationSources?: readonly ObligationSource[];
};

/** The policy module's routes, given every module's usage counter. */
const policyModuleRoutes: ModuleRoutes = async (app, { deps }) => {
  await app.register(policyRoutes, { deps, usage: modulePolicyUsage() });
};

/**
 * Every module, in the order its routes are registered. A new capability (C3–C15) adds its
 * module folder and one entry here; the access plugin and the authorization matrix test pick
 * up its routes, and the job runner its jobs.
 */
export const MODULES: readonly AppModule[] = [
  { name: 'health', routes: [healthRoutes], prefix: '' },
  { name: 'organisations', routes: [organisationRoutes] },
  { name: 'users', routes: [userRoutes] },
  { name: 'audit', routes: [auditRoutes], jobs: auditJobs },
  { name: 'dashboard', routes: [dashboardRoutes] },
  { name: 'setup', routes: [setupRoutes] },
  { name: 'auth', routes: [authRoutes, oidcRoutes] },
  { name: 'account', routes: [accountRoutes] },
  { name: 'policy', routes: [policyModuleRoutes] },
  {
    name: 'contracts',
    routes: [contractRoutes],
    policyUsage: contractsPolicyUsage,
    obligationSources: [dutyNoticeSource, missingClausesSource, riskAssessmentSource],
  },
  {
    name: 'systems',
    routes: [systemRoutes],
    policyUsage: systemsPolicyUsage,
    obligationSources: [contactsObligationSource],
  },
  { name: 'hosts', routes: [hostRoutes] },
  {
    name: 'allocations',
    routes: [allocationRoutes],
    policyUsage: allocationsPolicyUsage,
    obligationSources: [allocationExpirySource, allocationRenewalSource],
  },
  { name: 'vendors', routes: [vendorRoutes], obligationSources: [qualificationExpirySource] },
  { name: 'attachments', routes: [attachmentRoutes] },
  { name: 'imports', routes: [importRoutes], jobs: importJobs },
  { name: 'jobs', routes: [jobRoutes] },
  { name: 'obligations', routes: [obligationRoutes], jobs: obligationsJobs, obligationSources: periodicDutySources },
];

/** Every module's obligation sources (the compliance calendar's rule providers). */
export function moduleObligationSources(modules: readonly AppModule[] = MODULES): ObligationSource[] {
  return modules.flatMap((m) => m.obligationSources ?? []);
}

/** Every module's policy-usage counter, in module order (the policy pages show them so). */
export function modulePolicyUsage(modules: readonly AppModule[] = MODULES): PolicyUsageCounter[] {
  return modules.flatMap((m) => (m.policyUsage ? [m.policyUsage] : []));
}

/** Every module's jobs, for the job runner. */
export function moduleJobs(modules: readonly AppModule[] = MODULES): JobDefinition[] {
  return modules.flatMap((m) => m.jobs ?? []);
}

/** Registers every module's routes. */
export const registerModules: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  for (const mod of MODULES) {
    for (const routes of mod.routes ?? []) {
      await app.register(routes, { deps, prefix: mod.prefix ?? '/api/v1' });
    }
  }
};
