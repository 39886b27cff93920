import {
  AllocationListQuerySchema,
  AllocationRenewalListQuerySchema,
  DASHBOARD_ALLOCATION_EXPIRING_DAYS,
  listAddress,
} from '@custodian/shared';
import { TOTAL_ONLY, type AppModule } from '../registry.js';
import { allocationsAudit } from './allocations.audit.js';
import { allocationsPolicyUsage } from './allocations.policy.js';
import { listRenewalQueue } from './allocations.renewals.service.js';
import { allocationRoutes } from './allocations.routes.js';
import { listAllocations } from './allocations.service.js';
import { allocationExpirySource, allocationRenewalSource } from './allocations.obligations.js';

const EXPIRING = { expiringWithinDays: DASHBOARD_ALLOCATION_EXPIRING_DAYS } as const;
const EXPIRED = { expired: 'true' } as const;

/** Domain and IP allocations and their renewal requests (item 十一). */
export const allocationsModule: AppModule = {
  name: 'allocations',
  audit: allocationsAudit,
  obligationSources: [allocationExpirySource, allocationRenewalSource],
  routes: [allocationRoutes],
  policyUsage: allocationsPolicyUsage,
  dashboardCards: async (deps, ctx) => {
    const total = async (filter: object) =>
      (await listAllocations(deps, ctx, AllocationListQuerySchema.parse({ ...TOTAL_ONLY, ...filter }))).total;
    const [expiringSoon, expired, renewalsPending] = await Promise.all([
      total(EXPIRING),
      total(EXPIRED),
      listRenewalQueue(deps, ctx, AllocationRenewalListQuerySchema.parse({ ...TOTAL_ONLY, status: 'pending' })).then(
        (r) => r.total,
      ),
    ]);
    const group = 'dashboard.registry.expiries';
    return [
      {
        id: 'allocations.expiringSoon',
        group,
        label: 'dashboard.registry.allocationsExpiring',
        labelParams: { days: DASHBOARD_ALLOCATION_EXPIRING_DAYS },
        value: expiringSoon,
        to: listAddress('/allocations', EXPIRING),
        icon: 'hourglass',
        tone: 'warning',
      },
      {
        id: 'allocations.expired',
        group,
        label: 'dashboard.registry.allocationsExpired',
        value: expired,
        to: listAddress('/allocations', EXPIRED),
        icon: 'calendar',
        tone: 'danger',
      },
      {
        // The renewal queue is a tab of the allocations page; its pending requests are its default view.
        id: 'allocations.renewalsPending',
        group,
        label: 'dashboard.registry.renewalsPending',
        value: renewalsPending,
        to: listAddress('/allocations', { tab: 'renewals' }),
        icon: 'field-time',
        tone: 'warning',
      },
    ];
  },
};
