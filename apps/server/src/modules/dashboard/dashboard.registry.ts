import {
  AllocationListQuerySchema,
  AllocationRenewalListQuerySchema,
  ContractListQuerySchema,
  DASHBOARD_ALLOCATION_EXPIRING_DAYS,
  SystemListQuerySchema,
  VendorQualificationListQuerySchema,
  type DashboardRegistry,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { listRenewalQueue } from '../allocations/allocations.renewals.service.js';
import { listAllocations } from '../allocations/allocations.service.js';
import { countContractLists } from '../contracts/contracts.service.js';
import { countSystemLists } from '../systems/systems.service.js';
import { listVendorQualifications } from '../vendors/vendors.service.js';

/** The smallest page: the dashboard reads a list's total, not its rows. */
const TOTAL_ONLY = { page: 1, pageSize: 1 } as const;

async function totalOf(list: Promise<{ total: number }>): Promise<number> {
  return (await list).total;
}

/**
 * The registry counts of the dashboard. Each is the total of the module's own list query
 * under the filter its card links to, so the definitions (overdue contacts, expiring
 * allocations, qualification validity) and the tenancy are the lists' own and a number can
 * never disagree with the list it opens. Contracts and systems, the largest scopes, count
 * all their filters in one scan.
 */
export async function countRegistry(deps: AppDeps, ctx: RequestContext): Promise<DashboardRegistry> {
  const contracts = (filters: object[]) =>
    countContractLists(
      deps,
      ctx,
      filters.map((f) => ContractListQuerySchema.parse({ ...TOTAL_ONLY, ...f })),
    );
  const systems = (filters: object[]) =>
    countSystemLists(
      deps,
      ctx,
      filters.map((f) => SystemListQuerySchema.parse({ ...TOTAL_ONLY, ...f })),
    );
  const allocations = (filter: object) =>
    totalOf(listAllocations(deps, ctx, AllocationListQuerySchema.parse({ ...TOTAL_ONLY, ...filter })));
  const qualifications = (filter: object) =>
    totalOf(
      listVendorQualifications(deps, ctx, VendorQualificationListQuerySchema.parse({ ...TOTAL_ONLY, ...filter })),
    );
  const [
    [contractsTotal = 0, contractsNonCompliant = 0],
    [systemsTotal = 0, systemsOnline = 0, contactsOverdue = 0],
    expiringSoon,
    expired,
    renewalRequestsPending,
    qualificationsExpiring,
    qualificationsExpired,
    policy,
  ] = await Promise.all([
    contracts([{}, { complianceStatus: 'non_compliant' }]),
    systems([{}, { status: 'online' }, { contactsOverdue: 'true' }]),
    allocations({ expiringWithinDays: DASHBOARD_ALLOCATION_EXPIRING_DAYS }),
    allocations({ expired: 'true' }),
    totalOf(listRenewalQueue(deps, ctx, AllocationRenewalListQuerySchema.parse({ ...TOTAL_ONLY, status: 'pending' }))),
    qualifications({ status: 'expiring' }),
    qualifications({ status: 'expired' }),
    policyInForce(deps.db, taipeiToday(ctx.now)),
  ]);
  return {
    contracts: { total: contractsTotal, nonCompliant: contractsNonCompliant },
    systems: { total: systemsTotal, online: systemsOnline, contactsOverdue },
    allocations: { expiringWithinDays: DASHBOARD_ALLOCATION_EXPIRING_DAYS, expiringSoon, expired },
    renewalRequestsPending,
    vendorQualifications: {
      expiryWarningDays: policy.rules.vendorQualifications.expiryWarningDays,
      expiring: qualificationsExpiring,
      expired: qualificationsExpired,
    },
  };
}
