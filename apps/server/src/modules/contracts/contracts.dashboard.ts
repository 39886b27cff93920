import { sql } from 'drizzle-orm';
import { ContractListQuerySchema, listAddress } from '@custodian/shared';
import { cardCountsByDay, countSnapshotRows } from '../../db/counts.js';
import { contracts } from '../../db/schema/index.js';
import { TOTAL_ONLY, type DashboardCardSpec, type DashboardRegistration } from '../registry.js';
import { contractQueryFilters } from './contracts.sql.js';

const group = 'dashboard.registry.contractsAndSystems';
const NON_COMPLIANT = { complianceStatus: 'non_compliant' } as const;

/** Each card with the contracts-list filter it counts and links to. */
const CARDS: readonly (DashboardCardSpec & { filter: Record<string, string> })[] = [
  {
    id: 'contracts.total',
    group,
    label: 'dashboard.registry.contracts',
    to: listAddress('/contracts'),
    icon: 'file-text',
    filter: {},
  },
  {
    id: 'contracts.nonCompliant',
    group,
    label: 'dashboard.registry.contractsNonCompliant',
    to: listAddress('/contracts', NON_COMPLIANT),
    icon: 'exception',
    tone: 'danger',
    filter: NON_COMPLIANT,
  },
];

/**
 * The contracts' dashboard cards (ADR 0025): counted with the list's filters, per unit, and
 * per business owner for the contracts they own (they see those wherever the unit sits).
 */
export const contractsDashboard: DashboardRegistration = {
  cards: async () => CARDS.map(({ filter: _filter, ...card }) => card),
  countSql: async (_db, { orgIds, days }) =>
    countSnapshotRows({
      from: sql`${contracts}`,
      orgId: contracts.unitId,
      supervisors: { column: contracts.ownerUserId },
      orgIds,
      counts: cardCountsByDay(CARDS, days, (card) =>
        contractQueryFilters(ContractListQuerySchema.parse({ ...TOTAL_ONLY, ...card.filter })),
      ),
    }),
};
