import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { DateTimeInputSchema } from './dates.js';
import { PageQuerySchema } from './pagination.js';

/** A label in both languages of the app. */
export const AuditLabelSchema = z.object({
  'zh-TW': z.string().describe('Traditional Chinese (Taiwan)'),
  en: z.string().describe('English'),
});

/** The record an event points to, as its module resolves it (ADR 0018). */
export const AuditTargetSchema = z.object({
  typeLabel: AuditLabelSchema.nullable().describe('Label of the kind of record; null if no module registered it'),
  name: z.string().nullable().describe('Display name of the record, if it still exists and its kind has names'),
  nameEn: z
    .string()
    .nullable()
    .describe('English name of the record, for an organisation that has one; the English interface shows it instead'),
  link: z.string().nullable().describe('Web page of the record, e.g. /systems/<id>'),
  deleted: z.boolean().describe('True when the record no longer exists'),
});
export type AuditTarget = z.infer<typeof AuditTargetSchema>;

export const AuditEventSchema = z.object({
  seq: z.number().int().describe('Position in the chain'),
  id: z.uuid().describe('Event id'),
  occurredAt: z.string().describe('Time (ISO 8601, UTC)'),
  actorUserId: z.uuid().nullable().describe('Acting user, if any'),
  actorLabel: z.string().describe('Acting user e-mail, or system label'),
  orgId: z.uuid().nullable().describe('Organisation concerned'),
  orgName: z.string().nullable().describe('Name of that organisation'),
  orgNameEn: orgNameEnField('that organisation'),
  action: z.string().describe('Dotted action, e.g. organisation.create'),
  actionLabel: AuditLabelSchema.nullable().describe('Label of the action; null for a code no module registers'),
  targetType: z.string().describe('Kind of record'),
  targetId: z.string().nullable().describe('Record id'),
  summary: z.record(z.string(), z.unknown()).describe('Before/after summary'),
  ip: z.string().nullable().describe('Client IP'),
  userAgent: z.string().nullable().describe('Client user agent'),
  target: AuditTargetSchema.describe('The record, resolved to its name and page'),
});
export type AuditEvent = z.infer<typeof AuditEventSchema>;

/** Comma-separated action codes such as `system.create,auth.login`. */
const AUDIT_ACTION_LIST = /^[a-z][a-z0-9_]*\.[a-z0-9_.]+(,[a-z][a-z0-9_]*\.[a-z0-9_.]+)*$/;

/** The action codes of an `actions` filter. */
export function auditActionList(actions: string | undefined): string[] {
  return actions ? [...new Set(actions.split(','))] : [];
}

/** GET /api/v1/audit/actions: every action a module registered, for the filter. */
export const AuditActionCatalogSchema = z.object({
  items: z
    .array(
      z.object({
        code: z.string().describe('Action code'),
        label: AuditLabelSchema.describe('Its label'),
        module: z.string().describe('Module that writes it'),
      }),
    )
    .describe('Every registered action, by module then code'),
});
export type AuditActionCatalog = z.infer<typeof AuditActionCatalogSchema>;

/** GET /api/v1/audit-events and /api/v1/audit-events/export.csv */
export const AuditQuerySchema = PageQuerySchema.extend({
  action: z.string().trim().max(100).optional().describe('Action prefix, e.g. "user." or "auth.login"'),
  actions: z
    .string()
    .trim()
    .max(4000)
    .regex(AUDIT_ACTION_LIST, 'Comma-separated action codes')
    .optional()
    .describe('Any of these actions, comma-separated codes, e.g. "system.create,system.update"'),
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
