import { agreements, contracts } from '../../db/schema/index.js';
import { countRowsByPolicyVersion, type PolicyUsageCounter } from '../../lib/policy-usage.js';
import { contractsVisibleSql } from '../contracts/contracts.tenancy.js';
import { sql } from 'drizzle-orm';

/*
 * The agreements module and the rule set: its section is
 * `packages/shared/src/policy-sections/agreements.ts`. An agreement stores the version its
 * term and e-mail retention were taken from.
 */

/** Agreements whose term each version set, for the policy pages. */
export const agreementsPolicyUsage: PolicyUsageCounter = {
  module: 'agreements',
  count: (db, scope, versionIds) => {
    const visible = contractsVisibleSql(scope, { unitId: contracts.unitId, ownerUserId: contracts.ownerUserId });
    return countRowsByPolicyVersion(
      db,
      {
        table: agreements,
        versionColumn: agreements.policyVersionId,
        visible: visible
          ? sql`exists (select 1 from ${contracts} where ${contracts.id} = ${agreements.contractId} and ${visible})`
          : undefined,
      },
      versionIds,
    );
  },
};
