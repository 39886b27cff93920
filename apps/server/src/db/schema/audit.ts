import { bigserial, index, jsonb, pgTable, text, uuid, bigint, integer } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz } from './_columns.js';

/**
 * Tamper-evident audit trail (items 三十一, 三十七). Each row's hash is an HMAC over its
 * content and the previous row's hash, so an edited or deleted row breaks the chain.
 * No foreign keys: events outlive the users and organisations they mention.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    id: uuid('id').notNull().unique().defaultRandom(),
    occurredAt: timestamptz('occurred_at').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    orgId: uuid('org_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    summary: jsonb('summary').$type<Record<string, unknown>>().notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_occurred_idx').on(t.occurredAt),
    index('audit_events_org_idx').on(t.orgId),
    index('audit_events_actor_idx').on(t.actorUserId),
    index('audit_events_action_idx').on(t.action),
  ],
);

/** Written when old events are pruned by retention, so verification can start from there. */
export const auditAnchors = pgTable('audit_anchors', {
  id: idColumn(),
  lastSeq: bigint('last_seq', { mode: 'number' }).notNull(),
  lastHash: text('last_hash').notNull(),
  prunedCount: integer('pruned_count').notNull(),
  createdAt: createdAt(),
});
