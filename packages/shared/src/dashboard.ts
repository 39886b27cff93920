import { z } from 'zod';

/** The dashboard's "expiring soon" window for domain/IP allocations, in days. */
export const DASHBOARD_ALLOCATION_EXPIRING_DAYS = 90;

const n = (what: string) => z.number().int().min(0).describe(what);

/**
 * One card of the dashboard (issue 3, ADR 0018), contributed by the module that owns the list
 * it counts. The number is the total of that list under one filter, with the same tenancy,
 * so a card and the list it opens always agree.
 */
export const DashboardCardSchema = z.object({
  id: z.string().describe('Card id, `<module>.<name>` (e.g. contracts.nonCompliant)'),
  group: z.string().describe('Locale key of the heading of the section the card sits in'),
  label: z.string().describe('Locale key of the card title'),
  labelParams: z
    .record(z.string(), z.number())
    .optional()
    .describe('Values the title interpolates (e.g. a window in days)'),
  value: n('The count'),
  to: z.string().describe('Address of the list counted, with the filter it was counted under'),
  icon: z.string().describe('Icon name (the web falls back to a default icon for names it does not know)'),
  tone: z.enum(['danger', 'warning']).optional().describe('Colour for counts that need attention'),
});
export type DashboardCard = z.infer<typeof DashboardCardSchema>;

/** `path?filter`, with the filter in the query string the lists read (ADR 0011). */
export function listAddress(path: string, filter: Record<string, string | number> = {}): string {
  const query = new URLSearchParams(
    Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return query ? `${path}?${query}` : path;
}

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
  cards: z
    .array(DashboardCardSchema)
    .describe("The modules' cards (contracts, systems, allocations, vendor qualifications, …), in module order"),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
