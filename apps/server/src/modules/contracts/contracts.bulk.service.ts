import type { ContractType } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import type { PolicyInForce } from '../../lib/policy.js';
import { throwFirstProblem } from '../../lib/problems.js';
import { evaluateClauseChecklist } from './contracts.compliance.js';
import { insertContracts } from './contracts.repository.js';
import { checkContractPeriod } from './contracts.rules.js';

/** A contract recorded in bulk, its id chosen by the caller so other records can link to it at once. */
export type BulkContract = {
  id: string;
  number: string;
  name: string;
  type: ContractType;
  divisionId: string;
  ownerUserId: string | null;
  unitId: string;
  periodStart: string;
  periodEnd: string;
  amount: number | null;
  notes: string | null;
  subcontractorIds: readonly string[];
};

/**
 * Records contracts in bulk inside the caller's transaction (the importer's commit), judged
 * by `policy` as createContract judges one: nothing is marked yet, so every required clause
 * starts missing (ADR 0010). The contract rules run on every row and the first problem is
 * thrown; parties, numbers and access were checked by the caller in the same transaction,
 * which also records the audit event.
 */
export async function createContractsInBulk(
  tx: Executor,
  options: { policy: PolicyInForce; createdBy: string | null; contracts: readonly BulkContract[] },
): Promise<void> {
  const { policy, createdBy } = options;
  throwFirstProblem(options.contracts.flatMap((c) => checkContractPeriod(c)));
  const verdict = evaluateClauseChecklist(policy.rules.contractClauses, []);
  await insertContracts(tx, {
    contracts: options.contracts.map(({ subcontractorIds: _links, ...c }) => ({
      ...c,
      policyVersionId: policy.id,
      complianceStatus: verdict.status,
      missingClauses: verdict.missing,
      createdBy,
    })),
    subcontractors: options.contracts.flatMap((c) =>
      c.subcontractorIds.map((vendorId) => ({ contractId: c.id, vendorId })),
    ),
  });
}
