import { and, count, desc, eq, ilike } from 'drizzle-orm';
import type { AttachmentListQuery, AttachmentOwner } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { likePattern } from '../../db/search.js';
import { attachments, users } from '../../db/schema/index.js';

export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentWithUploader = AttachmentRow & { uploadedByName: string | null };

export async function listAttachments(db: Executor, query: AttachmentListQuery) {
  const filters = and(
    eq(attachments.ownerType, query.ownerType),
    eq(attachments.ownerId, query.ownerId),
    query.q ? ilike(attachments.fileName, likePattern(query.q)) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select({ attachment: attachments, uploadedByName: users.name })
      .from(attachments)
      .leftJoin(users, eq(users.id, attachments.uploadedBy))
      .where(filters)
      .orderBy(desc(attachments.createdAt), desc(attachments.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(attachments).where(filters),
  ]);
  return {
    items: rows.map((r) => ({ ...r.attachment, uploadedByName: r.uploadedByName })),
    total: Number(totals[0]?.n ?? 0),
  };
}

export async function findAttachmentById(db: Executor, id: string): Promise<AttachmentWithUploader | undefined> {
  const [row] = await db
    .select({ attachment: attachments, uploadedByName: users.name })
    .from(attachments)
    .leftJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.id, id))
    .limit(1);
  return row ? { ...row.attachment, uploadedByName: row.uploadedByName } : undefined;
}

export async function insertAttachment(tx: Executor, values: typeof attachments.$inferInsert): Promise<AttachmentRow> {
  const [row] = await tx.insert(attachments).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function deleteAttachmentRow(tx: Executor, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await tx.delete(attachments).where(eq(attachments.id, id)).returning();
  return row;
}

/** Removes every attachment row of one record; returns the rows so their files can go too. */
export async function deleteAttachmentRowsOf(tx: Executor, owner: AttachmentOwner): Promise<AttachmentRow[]> {
  return tx
    .delete(attachments)
    .where(and(eq(attachments.ownerType, owner.ownerType), eq(attachments.ownerId, owner.ownerId)))
    .returning();
}
