import { scanFindings } from '../../db/schema/index.js';
import { countRowsByPolicyVersion, type PolicyUsageCounter } from '../../lib/policy-usage.js';
import { systemsVisibleSql } from '../systems/systems.tenancy.js';

/*
 * The scans module and the rule set. Its section (days to fix by severity) is
 * `packages/shared/src/policy-sections/scans.ts`; each finding stores the version that set its due day.
 */

/** Findings whose due day was set by each version, for the policy pages. */
export const scansPolicyUsage: PolicyUsageCounter = {
  module: 'scans',
  count: (db, scope, versionIds) =>
    countRowsByPolicyVersion(
      db,
      {
        table: scanFindings,
        versionColumn: scanFindings.policyVersionId,
        visible: systemsVisibleSql(scope, { orgId: scanFindings.orgId, systemId: scanFindings.systemId }),
      },
      versionIds,
    ),
};
