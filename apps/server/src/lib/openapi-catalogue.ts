import type { OperationCatalogue } from './openapi-operations.js';
import { accountOperations } from '../modules/account/account.openapi.js';
import { agreementsOperations } from '../modules/agreements/agreements.openapi.js';
import { allocationsOperations } from '../modules/allocations/allocations.openapi.js';
import { attachmentsOperations } from '../modules/attachments/attachments.openapi.js';
import { auditOperations } from '../modules/audit/audit.openapi.js';
import { authOperations } from '../modules/auth/auth.openapi.js';
import { contractsOperations } from '../modules/contracts/contracts.openapi.js';
import { dashboardOperations } from '../modules/dashboard/dashboard.openapi.js';
import { healthOperations } from '../modules/health/health.openapi.js';
import { hostsOperations } from '../modules/hosts/hosts.openapi.js';
import { importsOperations } from '../modules/imports/imports.openapi.js';
import { jobsOperations } from '../modules/jobs/jobs.openapi.js';
import { notificationsOperations } from '../modules/notifications/notifications.openapi.js';
import { obligationsOperations } from '../modules/obligations/obligations.openapi.js';
import { organisationsOperations } from '../modules/organisations/organisations.openapi.js';
import { pentestsOperations } from '../modules/pentests/pentests.openapi.js';
import { policyOperations } from '../modules/policy/policy.openapi.js';
import { scansOperations } from '../modules/scans/scans.openapi.js';
import { setupOperations } from '../modules/setup/setup.openapi.js';
import { systemsOperations } from '../modules/systems/systems.openapi.js';
import { usersOperations } from '../modules/users/users.openapi.js';
import { vendorsOperations } from '../modules/vendors/vendors.openapi.js';

/**
 * Every operation's summary, operationId and own error codes, one file per module
 * (`modules/<m>/<m>.openapi.ts`). The OpenAPI test fails for a route missing here.
 */
export const OPERATIONS: OperationCatalogue = {
  ...accountOperations,
  ...agreementsOperations,
  ...allocationsOperations,
  ...attachmentsOperations,
  ...auditOperations,
  ...authOperations,
  ...contractsOperations,
  ...dashboardOperations,
  ...healthOperations,
  ...hostsOperations,
  ...importsOperations,
  ...jobsOperations,
  ...notificationsOperations,
  ...obligationsOperations,
  ...organisationsOperations,
  ...pentestsOperations,
  ...policyOperations,
  ...scansOperations,
  ...setupOperations,
  ...systemsOperations,
  ...usersOperations,
  ...vendorsOperations,
};
