import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz } from './_columns.js';
import { organisations } from './organisations.js';
import { users } from './users.js';

/**
 * Files attached to a record (risk assessments, contracts, vendor qualifications, systems).
 * The bytes live in the file store (lib/file-store); this row keeps what proves them.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: idColumn(),
    /** Organisation of the owning record, for tenancy. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    /** Kind of owning record, as its module registered it (ADR 0018). */
    ownerType: text('owner_type').notNull(),
    ownerId: uuid('owner_id').notNull(),
    storageKey: text('storage_key').notNull().unique(),
    fileName: text('file_name').notNull(),
    /** MIME type detected from the content, not the one the browser claimed. */
    mimeType: text('mime_type').notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId), index('attachments_org_idx').on(t.orgId)],
);

/**
 * A bulk onboarding import (issue 3): parsed and checked rows wait here as a preview
 * until the uploader commits them, all or nothing.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: idColumn(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    format: text('format', { enum: ['xlsx', 'csv'] }).notNull(),
    status: text('status', { enum: ['preview', 'committed', 'discarded'] })
      .notNull()
      .default('preview'),
    /** Row counts per sheet, e.g. {"systems": 2000}. */
    counts: jsonb('counts').notNull(),
    errorCount: bigint('error_count', { mode: 'number' }).notNull().default(0),
    /** Per-row errors: [{sheet, row, field, code}]. */
    errors: jsonb('errors').notNull(),
    /** Normalised rows ready to insert, per sheet. */
    rows: jsonb('rows').notNull(),
    createdAt: createdAt(),
    committedAt: timestamptz('committed_at'),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('import_jobs_created_by_idx').on(t.createdBy)],
);
