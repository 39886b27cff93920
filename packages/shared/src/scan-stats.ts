import { z } from 'zod';

/**
 * Charts of the findings (issue 9, views): open findings by severity at the end of each
 * month, and the mean time to remediate by severity, for one system, one unit or every
 * system in the caller's scope.
 */

export const FindingStatsQuerySchema = z.object({
  systemId: z.uuid().optional().describe('Only this system'),
  orgId: z.uuid().optional().describe('Only this unit'),
  months: z.coerce.number().int().min(1).max(36).default(12).describe('Months of history, the current one last'),
});
export type FindingStatsQuery = z.infer<typeof FindingStatsQuerySchema>;

const openCounts = z.object({
  critical: z.number().int(),
  high: z.number().int(),
  medium: z.number().int(),
  low: z.number().int(),
});

export const FindingStatsSchema = z.object({
  months: z
    .array(
      openCounts.extend({
        month: z.string().describe('YYYY-MM (Taipei)'),
      }),
    )
    .describe('Findings open at the end of each month (the current month: now), by severity; info left out'),
  meanDaysToRemediate: z
    .object({
      critical: z.number().nullable(),
      high: z.number().nullable(),
      medium: z.number().nullable(),
      low: z.number().nullable(),
    })
    .describe(
      'Mean days from the scan that first reported a finding to the scan that found it fixed, over fixed findings; null when none',
    ),
  fixedCount: z.number().int().describe('Findings fixed so far, the basis of the means'),
});
export type FindingStats = z.infer<typeof FindingStatsSchema>;
