import { z } from 'zod';
import { DateTimeInputSchema } from './dates.js';
import { PageQuerySchema } from './pagination.js';

export const AuditEventSchema = z.object({
  seq: z.number().int().describe('Position in the chain'),
  id: z.uuid().describe('Event id'),
  occurredAt: z.string().describe('Time (ISO 8601, UTC)'),
  actorUserId: z.uuid().nullable().describe('Acting user, if any'),
  actorLabel: z.string().describe('Acting user e-mail, or system label'),
  orgId: z.uuid().nullable().describe('Organisation concerned'),
  orgName: z.string().nullable().describe('Name of that organisation'),
  action: z.string().describe('Dotted action, e.g. organisation.create'),
  targetType: z.string().describe('Kind of record'),
  targetId: z.string().nullable().describe('Record id'),
  summary: z.record(z.string(), z.unknown()).describe('Before/after summary'),
  ip: z.string().nullable().describe('Client IP'),
  userAgent: z.string().nullable().describe('Client user agent'),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** GET /api/v1/audit-events and /api/v1/audit-events/export.csv */
export const AuditQuerySchema = PageQuerySchema.extend({
  action: z.string().trim().max(100).optional().describe('Action prefix, e.g. "user." or "auth.login"'),
  actorUserId: z.uuid().optional().describe('Filter by acting user'),
  orgId: z.uuid().optional().describe('Filter by organisation'),
  targetId: z.string().max(100).optional().describe('Filter by record id'),
  from: DateTimeInputSchema.optional().describe('From (inclusive, ISO 8601)'),
  to: DateTimeInputSchema.optional().describe('To (exclusive, ISO 8601)'),
});
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** GET /api/v1/audit/verify */
export const AuditVerifySchema = z.object({
  ok: z.boolean().describe('True when every event matches the chain'),
  checked: z.number().int().describe('Events checked'),
  firstBadSeq: z.number().int().nullable().describe('First event that fails, if any'),
  problem: z
    .enum(['hash_mismatch', 'gap', 'prev_mismatch', 'events_missing', 'events_replaced', 'checkpoint_invalid'])
    .nullable()
    .describe(
      'What failed: an edited (hash_mismatch), deleted (gap) or relinked (prev_mismatch) event; events up to the newest checkpoint gone (events_missing) or replaced (events_replaced); a checkpoint file with a bad signature (checkpoint_invalid)',
    ),
  anchorSeq: z.number().int().nullable().describe('Chain start after retention pruning'),
  checkpoint: z
    .object({
      seq: z.number().int().describe('Newest event the checkpoint vouches for'),
      at: z.string().describe('When it was written (ISO 8601)'),
    })
    .nullable()
    .describe('Newest signed checkpoint kept outside the database that the table was compared with'),
  tail: z
    .object({
      from: z.number().int().describe('First event missing or replaced'),
      to: z.number().int().describe('Last one (the checkpoint seq)'),
    })
    .nullable()
    .describe('Events up to the checkpoint that are missing or were replaced'),
  invalidCheckpoints: z.number().int().describe('Checkpoint files whose signature fails'),
});
export type AuditVerifyResult = z.infer<typeof AuditVerifySchema>;
