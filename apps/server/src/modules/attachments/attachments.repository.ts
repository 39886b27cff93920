import { and, count, desc, eq, ilike, type SQL } from 'drizzle-orm';
import type { AttachmentListQuery, AttachmentOwnerType } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { likePattern } from '../../db/search.js';
import {
  attachments,
  contracts,
  riskAssessments,
  systems,
  users,
  vendorQualifications,
} from '../../db/schema/index.js';

export type AttachmentRow = typeof attachments.$inferSelect;
export type AttachmentWithUploader = AttachmentRow & { uploadedByName: string | null };

/** The commissioned unit and business owner of a contract, which decide who sees it. */
export type ContractParty = { unitId: string; ownerUserId: string | null };

export async function findContractParty(db: Executor, contractId: string): Promise<ContractParty | undefined> {
  const [row] = await db
    .select({ unitId: contracts.unitId, ownerUserId: contracts.ownerUserId })
    .from(contracts)
    .where(eq(contracts.id, contractId))
    .limit(1);
  return row;
}

/** The contract party of a risk assessment's contract. */
export async function findRiskAssessmentParty(db: Executor, id: string): Promise<ContractParty | undefined> {
  const [row] = await db
    .select({ unitId: contracts.unitId, ownerUserId: contracts.ownerUserId })
    .from(riskAssessments)
    .innerJoin(contracts, eq(contracts.id, riskAssessments.contractId))
    .where(eq(riskAssessments.id, id))
    .limit(1);
  return row;
}

export async function findSystemOrg(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db.select({ orgId: systems.orgId }).from(systems).where(eq(systems.id, id)).limit(1);
  return row?.orgId;
}

/** Whether a system passes a visibility filter (from tenancy's systemsVisibleSql). */
export async function isSystemVisible(db: Executor, id: string, visible: SQL | undefined): Promise<boolean> {
  const [row] = await db
    .select({ id: systems.id })
    .from(systems)
    .where(and(eq(systems.id, id), visible))
    .limit(1);
  return row !== undefined;
}

export async function findVendorQualificationOrg(db: Executor, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ orgId: vendorQualifications.orgId })
    .from(vendorQualifications)
    .where(eq(vendorQualifications.id, id))
    .limit(1);
  return row?.orgId;
}

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
export async function deleteAttachmentRowsOf(
  tx: Executor,
  owner: { ownerType: AttachmentOwnerType; ownerId: string },
): Promise<AttachmentRow[]> {
  return tx
    .delete(attachments)
    .where(and(eq(attachments.ownerType, owner.ownerType), eq(attachments.ownerId, owner.ownerId)))
    .returning();
}
