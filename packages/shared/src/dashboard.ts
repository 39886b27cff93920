import { z } from 'zod';

/** The dashboard's "expiring soon" window for domain/IP allocations, in days. */
export const DASHBOARD_ALLOCATION_EXPIRING_DAYS = 90;

const n = (what: string) => z.number().int().min(0).describe(what);

/**
 * The registry at a glance (issue 3). Each number is the total of a list under one of
 * its filters, with the same tenancy, so a card and the list it opens always agree.
 */
export const DashboardRegistrySchema = z.object({
  contracts: z
    .object({
      total: n('Contracts in scope (the contracts list)'),
      nonCompliant: n('Of those, contracts missing required security clauses (complianceStatus=non_compliant)'),
    })
    .describe('Commissioning contracts and their clause checklist (items 七, 九, 十二, 十三, 四十二)'),
  systems: z
    .object({
      total: n('Systems and websites in scope, any status (the systems list)'),
      online: n('Of those, systems online (status=online)'),
      contactsOverdue: n(
        'Systems whose contacts were never confirmed or are past their due day, decommissioned excluded (contactsOverdue=true)',
      ),
    })
    .describe('Application systems and websites, and their contacts (item 十)'),
  allocations: z
    .object({
      expiringWithinDays: n('Window of the expiringSoon count, in days'),
      expiringSoon: n('Active allocations whose last day is within the window, today included (expiringWithinDays)'),
      expired: n('Active allocations past their last day (expired=true)'),
    })
    .describe('Domain and IP allocations (item 十一)'),
  renewalRequestsPending: n('Allocation renewal requests awaiting the Ministry (renewal queue, status=pending)'),
  vendorQualifications: z
    .object({
      expiryWarningDays: n('Warning period of the rule set in force, in days (item 三十九)'),
      expiring: n('Qualifications expiring within the warning period (status=expiring)'),
      expired: n('Qualifications past their expiry day (status=expired)'),
    })
    .describe('Security qualifications of vendors and units (item 三十九)'),
});
export type DashboardRegistry = z.infer<typeof DashboardRegistrySchema>;

/** GET /api/v1/dashboard: real counts within the caller's scope. */
export const DashboardSchema = z.object({
  organisations: z
    .object({
      division: z.number().int().describe('Ministry divisions'),
      unit: z.number().int().describe('Commissioned units'),
      vendor: z.number().int().describe('Vendors'),
    })
    .describe('Organisations in scope, by kind'),
  users: z
    .object({
      total: z.number().int().describe('Accounts'),
      active: z.number().int().describe('Enabled accounts'),
      withMfa: z.number().int().describe('Accounts with MFA'),
      locked: z.number().int().describe('Accounts currently locked'),
    })
    .describe('Accounts of the organisations in scope'),
  auditEventsLast24h: z.number().int().describe('Audit events in the last 24 hours (in scope)'),
  registry: DashboardRegistrySchema.describe('Contracts, systems, allocations and vendor qualifications in scope'),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
