import { sql } from 'drizzle-orm';
import { SystemListQuerySchema, listAddress } from '@custodian/shared';
import { cardCountsByDay, countSnapshotRows } from '../../db/counts.js';
import { policyVersions, systems } from '../../db/schema/index.js';
import { TOTAL_ONLY, type DashboardCardSpec, type DashboardRegistration } from '../registry.js';
import { joinPolicy, systemQueryFilters } from './systems.sql.js';
import { systemSupervisorsSql } from './systems.tenancy.js';

const group = 'dashboard.registry.contractsAndSystems';
const ONLINE = { status: 'online' } as const;
const CONTACTS_OVERDUE = { contactsOverdue: 'true' } as const;

/** Each card with the systems-list filter it counts and links to. */
const CARDS: readonly (DashboardCardSpec & { filter: Record<string, string> })[] = [
  {
    id: 'systems.total',
    group,
    label: 'dashboard.registry.systems',
    to: listAddress('/systems'),
    icon: 'cloud-server',
    filter: {},
  },
  {
    id: 'systems.online',
    group,
    label: 'dashboard.registry.systemsOnline',
    to: listAddress('/systems', ONLINE),
    icon: 'global',
    filter: ONLINE,
  },
  {
    // Depends on the day: the snapshot holds it for each day it covers (ADR 0025).
    id: 'systems.contactsOverdue',
    group,
    label: 'dashboard.registry.contactsOverdue',
    to: listAddress('/systems', CONTACTS_OVERDUE),
    icon: 'contacts',
    tone: 'danger',
    filter: CONTACTS_OVERDUE,
  },
];

/**
 * The systems' dashboard cards (ADR 0025): counted with the list's filters on each day, per
 * unit, and per business owner for the systems of the contracts they own.
 */
export const systemsDashboard: DashboardRegistration = {
  cards: async () => CARDS.map(({ filter: _filter, ...card }) => card),
  countSql: async (_db, { orgIds, days }) =>
    countSnapshotRows({
      // The rule set is joined for the overdue filter (each system's own contact interval).
      from: sql`${systems} join ${policyVersions} on ${joinPolicy}`,
      orgId: systems.orgId,
      supervisors: { pairs: systemSupervisorsSql, rowId: systems.id },
      orgIds,
      counts: cardCountsByDay(CARDS, days, (card, day) =>
        systemQueryFilters(SystemListQuerySchema.parse({ ...TOTAL_ONLY, ...card.filter }), day),
      ),
    }),
};
