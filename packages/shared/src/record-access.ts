import { z } from 'zod';

/**
 * Whether the caller may open a record that tenancy lets them read, and if not, why (the
 * modules' access conditions, e.g. item 六's confidentiality commitment, ADR 0028). Lists
 * keep such records and mark each row with it; the web shows the localised reason (the
 * refusal's error code with its parameters) instead of a link that would only be refused.
 */
export const AccessRefusalSchema = z
  .object({
    code: z.string().describe('Error code the record’s own route answers with (COMMITMENT_REQUIRED)'),
    params: z.record(z.string(), z.string()).describe('Its parameters (contractId, state)'),
  })
  .describe('Why the caller may not open the record');

export const RecordAccessSchema = z
  .object({
    open: z.boolean().describe('The caller may open the record and its records'),
    reason: AccessRefusalSchema.nullable().describe('Why not, when `open` is false'),
  })
  .describe('The caller’s ability to open the record (item 六)');
export type RecordAccess = z.infer<typeof RecordAccessSchema>;
