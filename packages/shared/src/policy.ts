import { z } from 'zod';
import { DateInputSchema } from './dates.js';
import { textField } from './text.js';
import { PageQuerySchema } from './pagination.js';
import { PolicyRulesSchema, StoredPolicyRulesSchema } from './policy-sections/index.js';

export * from './policy-clauses.js';
export * from './policy-descriptors.js';
export * from './policy-diff.js';
export * from './policy-duration.js';
export * from './policy-recurrence.js';
export * from './policy-registry.js';
export * from './policy-sections/index.js';

/** ISO calendar date (YYYY-MM-DD) that exists on the calendar, as responses carry it; inputs use DateInputSchema. */
export const IsoDateSchema = z.iso.date().describe('Calendar date, YYYY-MM-DD');

export const PolicyVersionSchema = z.object({
  id: z.uuid().describe('Version id'),
  version: z.number().int().describe('Sequential version number'),
  effectiveFrom: IsoDateSchema.describe('First day the rules apply'),
  rules: StoredPolicyRulesSchema,
  notes: z.string().describe('What changed'),
  publishedBy: z.uuid().nullable().describe('User who published it; null for the shipped first version'),
  publishedByName: z.string().nullable().describe('Name of that user'),
  createdAt: z.string().describe('Publication time (ISO 8601, UTC)'),
  isCurrent: z.boolean().describe('Whether this is the version in force today'),
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

export const PolicyPublishSchema = z.object({
  effectiveFrom: DateInputSchema.describe('First day the new rules apply; not before the current version'),
  rules: PolicyRulesSchema,
  notes: textField(2000).describe('What changed, e.g. the amendment it follows'),
});
export type PolicyPublishInput = z.infer<typeof PolicyPublishSchema>;

/** Where a version stands today: in force, published for a later date, or replaced. */
export const POLICY_VERSION_STATUSES = ['current', 'scheduled', 'superseded'] as const;
export const PolicyVersionStatusSchema = z
  .enum(POLICY_VERSION_STATUSES)
  .describe('current: in force today; scheduled: takes effect later; superseded: replaced by a later version');
export type PolicyVersionStatus = z.infer<typeof PolicyVersionStatusSchema>;

/**
 * How many records were judged by a version (their policy_version_id), by the module that
 * owns them: `contracts`, `systems`, `allocations`. Each module registers its own counter.
 */
export const PolicyVersionUsageSchema = z
  .record(z.string().describe('Module that owns the records, e.g. contracts'), z.number().int())
  .describe(
    'Records that point at this version, by module: contracts (clause checklist), systems (contact re-confirmation), allocations (period)',
  );
export type PolicyVersionUsage = z.infer<typeof PolicyVersionUsageSchema>;

/** A version as the policy pages list and show it. */
export const PolicyVersionDetailSchema = PolicyVersionSchema.extend({
  status: PolicyVersionStatusSchema,
  usage: PolicyVersionUsageSchema,
});
export type PolicyVersionDetail = z.infer<typeof PolicyVersionDetailSchema>;

/** The rule set in force today, and any version already published for a later date. */
export const PolicyCurrentSchema = PolicyVersionSchema.extend({
  scheduled: z
    .array(
      z.object({
        id: z.uuid().describe('Version id'),
        version: z.number().int().describe('Version number'),
        effectiveFrom: IsoDateSchema.describe('Day it takes effect'),
      }),
    )
    .describe('Versions published to take effect after today, earliest first'),
});
export type PolicyCurrent = z.infer<typeof PolicyCurrentSchema>;

export const PolicyVersionListQuerySchema = PageQuerySchema.omit({ q: true });
export type PolicyVersionListQuery = z.infer<typeof PolicyVersionListQuerySchema>;

/** Effective date of version 1: the platform's baseline, not a claim about the amendment date. */
export const INITIAL_POLICY_EFFECTIVE_FROM = '2020-01-01';
