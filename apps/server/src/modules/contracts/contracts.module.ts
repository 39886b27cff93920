import type { Executor } from '../../db/client.js';
import type { Actor } from '../../lib/context.js';
import { defineTenancy, resolveRegistryScope } from '../../lib/tenancy.js';
import type { AppModule } from '../registry.js';
import { contractsAudit } from './contracts.audit.js';
import { contractsPolicyUsage } from './contracts.policy.js';
import { findRiskAssessmentParty } from './contracts.records.repository.js';
import { findContractParty } from './contracts.repository.js';
import { contractRoutes } from './contracts.routes.js';
import { contractsDashboard } from './contracts.dashboard.js';
import { assertCanManageContract, canReadContract } from './contracts.tenancy.js';
import { dutyNoticeSource, missingClausesSource, riskAssessmentSource } from './contracts.obligations.js';

type Party = { unitId: string; ownerUserId: string | null; orgId: string; contractId?: string };
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
  accessTies: async (_db, _party, id) => ({ contractIds: [id] }),
});

const riskAssessmentTenancy = defineTenancy<Party>({
  record: 'risk_assessment',
  table: 'risk_assessments',
  find: async (db, id) => withOrg(await findRiskAssessmentParty(db, id)),
  ...contractAccess,
  accessTies: async (_db, party) => ({ contractIds: party.contractId ? [party.contractId] : [] }),
});

/** Commissioning contracts and their clause checklists (items 七, 九, 十二, 十三, 四十二). */
export const contractsModule: AppModule = {
  name: 'contracts',
  audit: contractsAudit,
  obligationSources: [dutyNoticeSource, missingClausesSource, riskAssessmentSource],
  routes: [contractRoutes],
  policyUsage: contractsPolicyUsage,
  tenancy: [contractTenancy, riskAssessmentTenancy],
  attachmentOwners: ['contract', 'risk_assessment'],
  dashboard: contractsDashboard,
};
