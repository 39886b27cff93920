import { ContractListQuerySchema, listAddress } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../lib/context.js';
import { defineTenancy, resolveRegistryScope } from '../../lib/tenancy.js';
import { TOTAL_ONLY, type AppModule } from '../registry.js';
import { contractsAudit } from './contracts.audit.js';
import { contractsPolicyUsage } from './contracts.policy.js';
import { findRiskAssessmentParty } from './contracts.records.repository.js';
import { findContractParty } from './contracts.repository.js';
import { contractRoutes } from './contracts.routes.js';
import { countContractLists } from './contracts.service.js';
import { assertCanManageContract, canReadContract } from './contracts.tenancy.js';
import { dutyNoticeSource, missingClausesSource, riskAssessmentSource } from './contracts.obligations.js';

type Party = { unitId: string; ownerUserId: string | null; orgId: string };
const withOrg = (party: Omit<Party, 'orgId'> | undefined): Party | undefined =>
  party ? { ...party, orgId: party.unitId } : undefined;

/**
 * A contract belongs to its commissioned unit; who may change the contract may change its
 * risk assessments, and both take files.
 */
const contractAccess = {
  canRead: async (db: Executor, actor: Actor, party: Party) =>
    canReadContract(await resolveRegistryScope(db, actor), party),
  assertCanManage: (db: Executor, actor: Actor, party: Party) => assertCanManageContract(db, actor, party),
};

const contractTenancy = defineTenancy<Party>({
  record: 'contract',
  table: 'contracts',
  find: async (db, id) => withOrg(await findContractParty(db, id)),
  ...contractAccess,
});

const riskAssessmentTenancy = defineTenancy<Party>({
  record: 'risk_assessment',
  table: 'risk_assessments',
  find: async (db, id) => withOrg(await findRiskAssessmentParty(db, id)),
  ...contractAccess,
});

const NON_COMPLIANT = { complianceStatus: 'non_compliant' } as const;

/** Commissioning contracts and their clause checklists (items 七, 九, 十二, 十三, 四十二). */
export const contractsModule: AppModule = {
  name: 'contracts',
  audit: contractsAudit,
  obligationSources: [dutyNoticeSource, missingClausesSource, riskAssessmentSource],
  routes: [contractRoutes],
  policyUsage: contractsPolicyUsage,
  tenancy: [contractTenancy, riskAssessmentTenancy],
  attachmentOwners: ['contract', 'risk_assessment'],
  // Both counts in one scan of the contracts in scope.
  dashboardCards: async (deps, ctx) => {
    const [total = 0, nonCompliant = 0] = await countContractLists(
      deps,
      ctx,
      [{}, NON_COMPLIANT].map((f) => ContractListQuerySchema.parse({ ...TOTAL_ONLY, ...f })),
    );
    const group = 'dashboard.registry.contractsAndSystems';
    return [
      {
        id: 'contracts.total',
        group,
        label: 'dashboard.registry.contracts',
        value: total,
        to: listAddress('/contracts'),
        icon: 'file-text',
      },
      {
        id: 'contracts.nonCompliant',
        group,
        label: 'dashboard.registry.contractsNonCompliant',
        value: nonCompliant,
        to: listAddress('/contracts', NON_COMPLIANT),
        icon: 'exception',
        tone: 'danger',
      },
    ];
  },
};
