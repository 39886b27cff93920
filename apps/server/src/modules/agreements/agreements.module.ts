import type { Executor } from '../../db/client.js';
import type { Actor } from '../../lib/context.js';
import { defineTenancy, resolveRegistryScope } from '../../lib/tenancy.js';
import type { AppModule } from '../registry.js';
import { commitmentAccessCondition } from './agreements.access.js';
import { agreementsAudit } from './agreements.audit.js';
import { agreementsDashboard } from './agreements.dashboard.js';
import { agreementExpirySource, commitmentExpirySource } from './agreements.obligations.js';
import { commitmentRoutes } from './agreements.commitments.routes.js';
import { agreementsPolicyUsage } from './agreements.policy.js';
import { findAgreementParty, findCommitmentRow } from './agreements.repository.js';
import { agreementRoutes } from './agreements.routes.js';
import { assertCanManageAgreement, canReadAgreement, type AgreementParty } from './agreements.tenancy.js';

const access = {
  canRead: async (db: Executor, actor: Actor, party: AgreementParty) =>
    canReadAgreement(await resolveRegistryScope(db, actor), party),
  assertCanManage: (db: Executor, actor: Actor, party: AgreementParty) => assertCanManageAgreement(db, actor, party),
};

/** An agreement belongs to its contract's unit (乙方); its signed copies hang on it. */
const agreementTenancy = defineTenancy<AgreementParty>({
  record: 'agreement',
  table: 'agreements',
  find: (db, id) => findAgreementParty(db, id),
  ...access,
});

/** A commitment belongs to its agreement; its signed scan hangs on it. */
const commitmentTenancy = defineTenancy<AgreementParty>({
  record: 'agreement_commitment',
  table: 'agreement_commitments',
  find: async (db, id) => {
    const commitment = await findCommitmentRow(db, id);
    return commitment ? findAgreementParty(db, commitment.agreementId) : undefined;
  },
  ...access,
});

/** Confidentiality agreements, staff lists and personal commitments (item 六, issue 10). */
export const agreementsModule: AppModule = {
  name: 'agreements',
  audit: agreementsAudit,
  obligationSources: [commitmentExpirySource, agreementExpirySource],
  routes: [agreementRoutes, commitmentRoutes],
  policyUsage: agreementsPolicyUsage,
  tenancy: [agreementTenancy, commitmentTenancy],
  attachmentOwners: ['agreement', 'agreement_commitment'],
  accessConditions: [commitmentAccessCondition],
  dashboard: agreementsDashboard,
};
