import type { FastifyPluginAsync } from 'fastify';
import type { AppDeps } from '../lib/context.js';
import type { PolicyUsageCounter } from '../lib/policy-usage.js';
import { accountRoutes } from './account/account.routes.js';
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
import { importRoutes } from './imports/imports.routes.js';
import { contractsPolicyUsage } from './contracts/contracts.policy.js';
import { systemsPolicyUsage } from './systems/systems.policy.js';
import { allocationsPolicyUsage } from './allocations/allocations.policy.js';

/**
 * The modules whose records point at the policy version that judged them, each with its
 * counter (`<module>.policy.ts`); the policy pages show the counts in this order.
 */
export const policyUsageCounters: readonly PolicyUsageCounter[] = [
  contractsPolicyUsage,
  systemsPolicyUsage,
  allocationsPolicyUsage,
];

/**
 * Every module's routes. A new capability (C3–C15) adds its module folder and one
 * line here; the access plugin and the authorization matrix test pick it up.
 */
export const registerModules: FastifyPluginAsync<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(healthRoutes, { deps });
  await app.register(organisationRoutes, { deps, prefix: '/api/v1' });
  await app.register(userRoutes, { deps, prefix: '/api/v1' });
  await app.register(auditRoutes, { deps, prefix: '/api/v1' });
  await app.register(dashboardRoutes, { deps, prefix: '/api/v1' });
  await app.register(setupRoutes, { deps, prefix: '/api/v1' });
  await app.register(authRoutes, { deps, prefix: '/api/v1' });
  await app.register(oidcRoutes, { deps, prefix: '/api/v1' });
  await app.register(accountRoutes, { deps, prefix: '/api/v1' });
  await app.register(policyRoutes, { deps, usage: policyUsageCounters, prefix: '/api/v1' });
  await app.register(contractRoutes, { deps, prefix: '/api/v1' });
  await app.register(systemRoutes, { deps, prefix: '/api/v1' });
  await app.register(hostRoutes, { deps, prefix: '/api/v1' });
  await app.register(allocationRoutes, { deps, prefix: '/api/v1' });
  await app.register(vendorRoutes, { deps, prefix: '/api/v1' });
  await app.register(attachmentRoutes, { deps, prefix: '/api/v1' });
  await app.register(importRoutes, { deps, prefix: '/api/v1' });
};
