import { contracts } from '../../db/schema/index.js';
import { countRowsByPolicyVersion, type PolicyUsageCounter } from '../../lib/policy-usage.js';
import { contractsVisibleSql } from './contracts.tenancy.js';

/*
 * The contracts module and the rule set. Its section (the clause checklist) is
 * `packages/shared/src/policy-sections/contracts.ts`, shared with the web app's form.
 */

/** Contracts whose clause checklist each version judged, for the policy pages. */
export const contractsPolicyUsage: PolicyUsageCounter = {
  module: 'contracts',
  count: (db, scope, versionIds) =>
    countRowsByPolicyVersion(
      db,
      {
        table: contracts,
        versionColumn: contracts.policyVersionId,
        visible: contractsVisibleSql(scope, { unitId: contracts.unitId, ownerUserId: contracts.ownerUserId }),
      },
      versionIds,
    ),
};
