import { z } from 'zod';

/** GET /api/v1/dashboard: real counts within the caller's scope. */
export const DashboardSchema = z.object({
  organisations: z.object({
    division: z.number().int().describe('Ministry divisions'),
    unit: z.number().int().describe('Commissioned units'),
    vendor: z.number().int().describe('Vendors'),
  }),
  users: z.object({
    total: z.number().int().describe('Accounts'),
    active: z.number().int().describe('Enabled accounts'),
    withMfa: z.number().int().describe('Accounts with MFA'),
    locked: z.number().int().describe('Accounts currently locked'),
  }),
  auditEventsLast24h: z.number().int().describe('Audit events in the last 24 hours (in scope)'),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
