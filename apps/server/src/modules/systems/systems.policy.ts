import { systems } from '../../db/schema/index.js';
import { countRowsByPolicyVersion, type PolicyUsageCounter } from '../../lib/policy-usage.js';
import { systemsVisibleSql } from './systems.tenancy.js';

/*
 * The systems module and the rule set. Its section (the contact re-confirmation interval,
 * item 十) is `packages/shared/src/policy-sections/systems.ts`, shared with the web app's form.
 */

/** Systems whose contact re-confirmation follows each version, for the policy pages. */
export const systemsPolicyUsage: PolicyUsageCounter = {
  module: 'systems',
  count: (db, scope, versionIds) =>
    countRowsByPolicyVersion(
      db,
      {
        table: systems,
        versionColumn: systems.policyVersionId,
        visible: systemsVisibleSql(scope, { orgId: systems.orgId, systemId: systems.id }),
      },
      versionIds,
    ),
};
