import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { abilities } from './permissions.js';
import { RecordAccessSchema } from './record-access.js';
import { PageQuerySchema } from './pagination.js';
import { DateInputSchema } from './dates.js';
import { IsoDateSchema } from './policy.js';
import {
  AllocationKindSchema,
  AllocationStatusSchema,
  RenewalStatusSchema,
  SystemStatusSchema,
} from './registry-enums.js';
import { normaliseIdentifier } from './identifiers.js';
import { textField } from './text.js';

/**
 * Domain and IP allocations of item 十一: a system's domains, addresses and ranges, each
 * for a period of at most `rules.allocations.maxYears` years (policy data), renewed at the
 * end of the period on the Ministry's approval and released when the system goes offline.
 */

/** The furthest an "expiring soon" filter may look ahead. */
export const ALLOCATION_EXPIRING_MAX_DAYS = 365;

export const AllocationSchema = z.object({
  id: z.uuid().describe('Allocation id'),
  systemId: z.uuid().describe('System the domain or address is allocated to'),
  systemName: z.string().describe('Name of that system'),
  systemStatus: SystemStatusSchema.describe('Life-cycle status of that system'),
  orgId: z.uuid().describe('Unit that runs the system'),
  orgName: z.string().describe('Name of that unit'),
  orgNameEn: orgNameEnField('that unit'),
  kind: AllocationKindSchema,
  value: z.string().describe('Normalised value: lower-case FQDN (IDNs in A-label form), or address/prefix'),
  startsOn: IsoDateSchema.describe('First day of the current period'),
  expiresOn: IsoDateSchema.describe('Last day of the current period'),
  status: AllocationStatusSchema.describe('active, or released (no longer blocks others)'),
  isExpired: z.boolean().describe('Active but past its last day (Asia/Taipei)'),
  daysToExpiry: z
    .number()
    .int()
    .describe('Calendar days from today (Asia/Taipei) to the last day; negative once expired'),
  hasPendingRenewal: z.boolean().describe('Whether a renewal request awaits the Ministry'),
  releasedAt: z.string().nullable().describe('Release time (ISO 8601, UTC)'),
  releaseReason: z.string().nullable().describe('Why it was released'),
  policyVersionId: z.uuid().describe('Rule set the maximum period was taken from'),
  policyVersion: z.number().int().describe('Version number of that rule set'),
  maxYears: z.number().int().describe('Maximum period in years under that rule set'),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
  can: abilities(['release', 'renew']),
  access: RecordAccessSchema,
});
export type Allocation = z.infer<typeof AllocationSchema>;

export const AllocationRenewalSchema = z.object({
  id: z.uuid().describe('Renewal request id'),
  allocationId: z.uuid().describe('Allocation to renew'),
  status: RenewalStatusSchema.describe('pending, approved or rejected'),
  reason: z.string().nullable().describe('Why the unit asks to renew'),
  requestedBy: z.uuid().nullable().describe('Requesting user'),
  requestedByName: z.string().nullable().describe('Name of the requesting user'),
  requestedAt: z.string().describe('Request time (ISO 8601, UTC)'),
  decidedBy: z.uuid().nullable().describe('Ministry user who decided'),
  decidedByName: z.string().nullable().describe('Name of that user'),
  decidedAt: z.string().nullable().describe('Decision time (ISO 8601, UTC)'),
  decisionNote: z.string().nullable().describe('Note given with the decision'),
  newStartsOn: IsoDateSchema.nullable().describe('First day of the period an approval started'),
  newExpiresOn: IsoDateSchema.nullable().describe('Last day of the period an approval started'),
});
export type AllocationRenewal = z.infer<typeof AllocationRenewalSchema>;

/** A renewal request with the allocation it concerns, for the Ministry's queue. */
export const AllocationRenewalQueueItemSchema = AllocationRenewalSchema.extend({
  allocation: AllocationSchema.describe('The allocation as it stands now'),
  proposedStartsOn: IsoDateSchema.nullable().describe(
    'Pending requests: first day of the period an approval today would start',
  ),
  proposedExpiresOn: IsoDateSchema.nullable().describe(
    'Pending requests: last day of the period an approval today would start',
  ),
  can: abilities(['decide']),
});
export type AllocationRenewalQueueItem = z.infer<typeof AllocationRenewalQueueItemSchema>;

export const AllocationDetailSchema = AllocationSchema.extend({
  renewals: z.array(AllocationRenewalSchema).describe('Renewal requests, newest first'),
});
export type AllocationDetail = z.infer<typeof AllocationDetailSchema>;

export const AllocationListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(200).optional().describe('Search in the value and the system name'),
  orgId: z.uuid().optional().describe('Only allocations of this unit'),
  systemId: z.uuid().optional().describe('Only allocations of this system'),
  kind: AllocationKindSchema.optional().describe('Only domains, IPv4 or IPv6'),
  status: AllocationStatusSchema.optional().describe('Only active or only released allocations'),
  expiringWithinDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(ALLOCATION_EXPIRING_MAX_DAYS)
    .optional()
    .describe('Only active allocations whose last day is within the next N days (today included)'),
  expired: z.enum(['true']).optional().describe('Only active allocations past their last day'),
  overlaps: z
    .string()
    .trim()
    .max(300)
    .optional()
    .describe('Only allocations that overlap this domain, address or range (invalid values match nothing)'),
});
export type AllocationListQuery = z.infer<typeof AllocationListQuerySchema>;

export const AllocationCreateSchema = z.object({
  systemId: z.uuid().describe('System to allocate to; not a decommissioned one'),
  value: z
    .string()
    // Full-width digits and dots, or a zero-width space, would otherwise dodge the overlap check.
    .overwrite(normaliseIdentifier)
    .min(1)
    .max(300)
    .describe('A domain name (FQDN), an IPv4/IPv6 address, or a CIDR range on its network address'),
  startsOn: DateInputSchema.describe('First day of the period'),
  expiresOn: DateInputSchema.optional().describe(
    'Last day of the period; defaults to, and may not exceed, the latest the rules in force on startsOn allow',
  ),
});
export type AllocationCreateInput = z.infer<typeof AllocationCreateSchema>;

export const AllocationPeriodQuerySchema = z.object({
  startsOn: DateInputSchema.describe('First day of the period'),
});
export type AllocationPeriodQuery = z.infer<typeof AllocationPeriodQuerySchema>;

export const AllocationPeriodSchema = z.object({
  startsOn: IsoDateSchema.describe('First day of the period'),
  latestExpiresOn: IsoDateSchema.describe('Latest allowed last day (Civil Code art. 121)'),
  maxYears: z.number().int().describe('Maximum period in years'),
  policyVersionId: z.uuid().describe('Rule set in force on startsOn'),
  policyVersion: z.number().int().describe('Version number of that rule set'),
});
export type AllocationPeriod = z.infer<typeof AllocationPeriodSchema>;

export const AllocationReleaseSchema = z.object({
  reason: textField(500).describe('Why the allocation is released'),
});
export type AllocationReleaseInput = z.infer<typeof AllocationReleaseSchema>;

export const AllocationRenewalRequestSchema = z.object({
  reason: textField(500).describe('Why the allocation is still needed'),
});
export type AllocationRenewalRequestInput = z.infer<typeof AllocationRenewalRequestSchema>;

export const AllocationRenewalApproveSchema = z.object({
  note: textField(500).optional().describe('Optional note with the approval'),
});
export type AllocationRenewalApproveInput = z.infer<typeof AllocationRenewalApproveSchema>;

export const AllocationRenewalRejectSchema = z.object({
  note: textField(500).describe('Why the renewal is refused'),
});
export type AllocationRenewalRejectInput = z.infer<typeof AllocationRenewalRejectSchema>;

export const AllocationRenewalListQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(200).optional().describe('Search in the allocation value and the system name'),
  status: RenewalStatusSchema.default('pending').describe('Requests in this state (default: pending)'),
  orgId: z.uuid().optional().describe('Only requests of this unit'),
});
export type AllocationRenewalListQuery = z.infer<typeof AllocationRenewalListQuerySchema>;
