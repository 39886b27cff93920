import { sql } from 'drizzle-orm';
import {
  AllocationListQuerySchema,
  AllocationRenewalListQuerySchema,
  DASHBOARD_ALLOCATION_EXPIRING_DAYS,
  listAddress,
} from '@custodian/shared';
import { cardCountsByDay, countSnapshotRows } from '../../db/counts.js';
import { allocations } from '../../db/schema/index.js';
import { TOTAL_ONLY, type DashboardCardSpec, type DashboardRegistration } from '../registry.js';
import { systemSupervisorsSql } from '../systems/systems.tenancy.js';
import { allocationQueryFilters } from './allocations.repository.js';
import { renewalQueryFilters, renewalsFromSql } from './allocations.renewals.repository.js';

const group = 'dashboard.registry.expiries';
const EXPIRING = { expiringWithinDays: DASHBOARD_ALLOCATION_EXPIRING_DAYS } as const;
const EXPIRED = { expired: 'true' } as const;

/** The allocation cards, each with the allocations-list filter it counts and links to (both depend on the day). */
const ALLOCATION_CARDS: readonly (DashboardCardSpec & { filter: Record<string, string | number> })[] = [
  {
    id: 'allocations.expiringSoon',
    group,
    label: 'dashboard.registry.allocationsExpiring',
    labelParams: { days: DASHBOARD_ALLOCATION_EXPIRING_DAYS },
    to: listAddress('/allocations', EXPIRING),
    icon: 'hourglass',
    tone: 'warning',
    filter: EXPIRING,
  },
  {
    id: 'allocations.expired',
    group,
    label: 'dashboard.registry.allocationsExpired',
    to: listAddress('/allocations', EXPIRED),
    icon: 'calendar',
    tone: 'danger',
    filter: EXPIRED,
  },
];

/** The renewal queue is a tab of the allocations page; its pending requests are its default view. */
const RENEWALS_CARD: DashboardCardSpec = {
  id: 'allocations.renewalsPending',
  group,
  label: 'dashboard.registry.renewalsPending',
  to: listAddress('/allocations', { tab: 'renewals' }),
  icon: 'field-time',
  tone: 'warning',
};

/** An allocation is seen by whoever sees its system: its unit, and the owners of the system's contracts. */
const supervisors = { pairs: systemSupervisorsSql, rowId: allocations.systemId };

/**
 * The allocations' dashboard cards (ADR 0025): expiring and expired allocations (counted
 * with the list's filters on each day) and pending renewals (the queue's filter), per unit,
 * and per business owner for the systems of the contracts they own.
 */
export const allocationsDashboard: DashboardRegistration = {
  cards: async () => [...ALLOCATION_CARDS.map(({ filter: _filter, ...card }) => card), RENEWALS_CARD],
  countSql: async (_db, { orgIds, days }) => {
    const expiries = countSnapshotRows({
      from: sql`${allocations}`,
      orgId: allocations.orgId,
      supervisors,
      orgIds,
      counts: cardCountsByDay(ALLOCATION_CARDS, days, (card, today) =>
        allocationQueryFilters(AllocationListQuerySchema.parse({ ...TOTAL_ONLY, ...card.filter }), { today }),
      ),
    });
    const renewals = countSnapshotRows({
      from: renewalsFromSql,
      orgId: allocations.orgId,
      supervisors,
      orgIds,
      counts: cardCountsByDay([RENEWALS_CARD], days, () =>
        renewalQueryFilters(AllocationRenewalListQuerySchema.parse({ ...TOTAL_ONLY, status: 'pending' })),
      ),
    });
    return sql`${expiries} union all ${renewals}`;
  },
};
