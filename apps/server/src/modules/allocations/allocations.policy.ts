import { allocations } from '../../db/schema/index.js';
import { countRowsByPolicyVersion, type PolicyUsageCounter } from '../../lib/policy-usage.js';
import { systemsVisibleSql } from '../systems/systems.tenancy.js';

/*
 * The allocations module and the rule set. Its section (the longest period, item 十一) is
 * `packages/shared/src/policy-sections/allocations.ts`, shared with the web app's form.
 */

/** Allocations whose period each version set, for the policy pages. */
export const allocationsPolicyUsage: PolicyUsageCounter = {
  module: 'allocations',
  count: (db, scope, versionIds) =>
    countRowsByPolicyVersion(
      db,
      {
        table: allocations,
        versionColumn: allocations.policyVersionId,
        visible: systemsVisibleSql(scope, { orgId: allocations.orgId, systemId: allocations.systemId }),
      },
      versionIds,
    ),
};
