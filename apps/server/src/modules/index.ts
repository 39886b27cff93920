import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../lib/context.js';
import type { JobDefinition } from '../lib/jobs.js';
import { accountAudit } from './account/account.audit.js';
import { attachmentsAudit } from './attachments/attachments.audit.js';
import { auditAudit } from './audit/audit.audit.js';
import { authAudit } from './auth/auth.audit.js';
import { backupAudit } from './backup/backup.audit.js';
import { hostsAudit } from './hosts/hosts.audit.js';
import { importsAudit } from './imports/imports.audit.js';
import { notificationsAudit } from './notifications/notifications.audit.js';
import { organisationsAudit } from './organisations/organisations.audit.js';
import { policyAudit } from './policy/policy.audit.js';
import { seedAudit } from './seed/seed.audit.js';
import { setupAudit } from './setup/setup.audit.js';
import { usersAudit } from './users/users.audit.js';
import { accountRoutes } from './account/account.routes.js';
import { agreementsModule } from './agreements/agreements.module.js';
import { allocationsModule } from './allocations/allocations.module.js';
import { auditJobs } from './audit/audit.jobs.js';
import { auditRoutes } from './audit/audit.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { oidcRoutes } from './auth/oidc.routes.js';
import { attachmentRoutes } from './attachments/attachments.routes.js';
import { contractsModule } from './contracts/contracts.module.js';
import { dashboardModule } from './dashboard/dashboard.module.js';
import { healthRoutes } from './health/health.routes.js';
import { hostRoutes } from './hosts/hosts.routes.js';
import { importJobs } from './imports/imports.jobs.js';
import { importRoutes } from './imports/imports.routes.js';
import { jobRoutes } from './jobs/jobs.routes.js';
import { notificationJobs } from './notifications/notifications.jobs.js';
import { notificationRoutes } from './notifications/notifications.routes.js';
import { obligationsModule } from './obligations/obligations.module.js';
import type { ObligationSource } from './obligations/obligations.sources.js';
import { organisationRoutes } from './organisations/organisations.routes.js';
import { policyRoutes } from './policy/policy.routes.js';
import { setupRoutes } from './setup/setup.routes.js';
import { pentestsModule } from './pentests/pentests.module.js';
import { scansModule } from './scans/scans.module.js';
import { systemsModule } from './systems/systems.module.js';
import { userRoutes } from './users/users.routes.js';
import { vendorsModule } from './vendors/vendors.module.js';
import { moduleAttachmentOwners, moduleJobs, moduleObligationSources, type AppModule } from './registry.js';

export type { AppModule } from './registry.js';

/**
 * Every module, in the order its routes are registered (and its dashboard cards shown). A new
 * capability (C3–C15) adds its module folder and one entry here; a module with more than
 * routes declares itself in `<module>.module.ts` (see "Adding a module" in
 * docs/architecture.md and ADR 0018). The access plugin and the authorization matrix pick up
 * its routes, the job runner its jobs, the policy pages its usage counter, the attachments
 * its owner types, the dashboard its cards.
 */
export const MODULES: readonly AppModule[] = [
  { name: 'health', routes: [healthRoutes], prefix: '' },
  { name: 'organisations', routes: [organisationRoutes], audit: organisationsAudit },
  { name: 'users', routes: [userRoutes], audit: usersAudit },
  { name: 'audit', routes: [auditRoutes], jobs: auditJobs, audit: auditAudit },
  dashboardModule,
  { name: 'setup', routes: [setupRoutes], audit: setupAudit },
  { name: 'auth', routes: [authRoutes, oidcRoutes], audit: authAudit },
  { name: 'account', routes: [accountRoutes], audit: accountAudit },
  { name: 'policy', routes: [policyRoutes], audit: policyAudit },
  contractsModule,
  systemsModule,
  { name: 'hosts', routes: [hostRoutes], audit: hostsAudit },
  allocationsModule,
  vendorsModule,
  agreementsModule,
  scansModule,
  pentestsModule,
  { name: 'attachments', routes: [attachmentRoutes], audit: attachmentsAudit },
  { name: 'imports', routes: [importRoutes], jobs: importJobs, audit: importsAudit },
  { name: 'jobs', routes: [jobRoutes] },
  obligationsModule,
  { name: 'notifications', routes: [notificationRoutes], jobs: notificationJobs, audit: notificationsAudit },
  // Command-line tasks without routes: their audit actions only.
  { name: 'backup', audit: backupAudit },
  { name: 'seed', audit: seedAudit },
];

/** Every module's obligation sources (of `MODULES` unless given). */
export function allObligationSources(modules: readonly AppModule[] = MODULES): ObligationSource[] {
  return moduleObligationSources(modules);
}

/** Every module's jobs (of `MODULES` unless given), for the job runner. */
export function allModuleJobs(modules: readonly AppModule[] = MODULES): JobDefinition[] {
  return moduleJobs(modules);
}

/** Registers every module's routes, each given the deps and the modules of the app. */
export const registerModules: FastifyPluginAsync<{ deps: AppDeps; modules?: readonly AppModule[] }> = async (
  app,
  { deps, modules = MODULES },
) => {
  for (const mod of modules) {
    for (const routes of mod.routes ?? []) {
      await app.register(routes, { deps, modules, prefix: mod.prefix ?? '/api/v1' });
    }
  }
};

/** The attachment owner types of `MODULES` unless given (services read `deps.modules` instead). */
export function allAttachmentOwners(
  modules: readonly AppModule[] = MODULES,
): ReturnType<typeof moduleAttachmentOwners> {
  return moduleAttachmentOwners(modules);
}
