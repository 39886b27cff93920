import { and, desc, eq, sql } from 'drizzle-orm';
import type { ClauseStatus } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { contractClauses, contracts, riskAssessments, users } from '../../db/schema/index.js';

/** Queries of a contract's clause marks and risk assessments. */

export type ClauseRow = typeof contractClauses.$inferSelect & { updatedByName: string | null };
export type RiskAssessmentRow = typeof riskAssessments.$inferSelect & { createdByName: string | null };

export async function listClauseRows(db: Executor, contractId: string): Promise<ClauseRow[]> {
  const rows = await db
    .select({ clause: contractClauses, updatedByName: users.name })
    .from(contractClauses)
    .leftJoin(users, eq(users.id, contractClauses.updatedBy))
    .where(eq(contractClauses.contractId, contractId));
  return rows.map((r) => ({ ...r.clause, updatedByName: r.updatedByName }));
}

export type ClauseWrite = { code: string; status: ClauseStatus; articleRef: string | null; note: string | null };

/** Inserts or replaces marks; each row records who changed it. */
export async function upsertClauses(
  db: Executor,
  options: { contractId: string; userId: string | null; items: ClauseWrite[]; now: Date },
): Promise<void> {
  if (options.items.length === 0) {
    return;
  }
  const { now } = options;
  await db
    .insert(contractClauses)
    .values(
      options.items.map((i) => ({
        contractId: options.contractId,
        clauseCode: i.code,
        status: i.status,
        articleRef: i.articleRef,
        note: i.note,
        updatedBy: options.userId,
        updatedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [contractClauses.contractId, contractClauses.clauseCode],
      set: {
        status: sql`excluded.status`,
        articleRef: sql`excluded.article_ref`,
        note: sql`excluded.note`,
        updatedBy: sql`excluded.updated_by`,
        updatedAt: sql`excluded.updated_at`,
      },
    });
}

export async function listRiskAssessments(db: Executor, contractId: string): Promise<RiskAssessmentRow[]> {
  const rows = await db
    .select({ assessment: riskAssessments, createdByName: users.name })
    .from(riskAssessments)
    .leftJoin(users, eq(users.id, riskAssessments.createdBy))
    .where(eq(riskAssessments.contractId, contractId))
    .orderBy(desc(riskAssessments.assessedOn), desc(riskAssessments.createdAt));
  return rows.map((r) => ({ ...r.assessment, createdByName: r.createdByName }));
}

/** One assessment of one contract (undefined when it belongs to another). */
export async function findRiskAssessment(
  db: Executor,
  options: { contractId: string; id: string },
): Promise<RiskAssessmentRow | undefined> {
  const [row] = await db
    .select({ assessment: riskAssessments, createdByName: users.name })
    .from(riskAssessments)
    .leftJoin(users, eq(users.id, riskAssessments.createdBy))
    .where(and(eq(riskAssessments.id, options.id), eq(riskAssessments.contractId, options.contractId)))
    .limit(1);
  return row ? { ...row.assessment, createdByName: row.createdByName } : undefined;
}

export async function insertRiskAssessment(
  db: Executor,
  values: typeof riskAssessments.$inferInsert,
): Promise<{ id: string }> {
  const [row] = await db.insert(riskAssessments).values(values).returning({ id: riskAssessments.id });
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateRiskAssessment(
  db: Executor,
  id: string,
  values: Partial<typeof riskAssessments.$inferInsert>,
  now: Date,
): Promise<void> {
  await db
    .update(riskAssessments)
    .set({ ...values, updatedAt: now })
    .where(eq(riskAssessments.id, id));
}

/** The contract party (unit and business owner) of a risk assessment's contract. */
export async function findRiskAssessmentParty(
  db: Executor,
  id: string,
): Promise<{ unitId: string; ownerUserId: string | null; contractId: string } | undefined> {
  const [row] = await db
    .select({ unitId: contracts.unitId, ownerUserId: contracts.ownerUserId, contractId: contracts.id })
    .from(riskAssessments)
    .innerJoin(contracts, eq(contracts.id, riskAssessments.contractId))
    .where(eq(riskAssessments.id, id))
    .limit(1);
  return row;
}
