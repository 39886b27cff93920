import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client.js';
import {
  agreementCommitments as c,
  agreements as a,
  agreementStaff as s,
  contracts,
  organisations,
  users,
} from '../../db/schema/index.js';

/** Queries of the agreements module's three tables (the only file that writes them). */

export type AgreementRow = typeof a.$inferSelect;
export type StaffRow = typeof s.$inferSelect;
export type CommitmentRow = typeof c.$inferSelect;

/** An agreement with the contract and unit it belongs to and its counts. */
export type AgreementWithMeta = AgreementRow & {
  contractNumber: string;
  contractName: string;
  contractOwnerUserId: string | null;
  orgName: string;
  signedByName: string | null;
  staffCount: number;
  commitmentCount: number;
  validCommitmentCount: number;
};

/** SQL: a commitment row that is valid on `today` (signed or confirmed, all six ticked, not expired). */
export function validCommitmentSql(today: string, row: typeof c = c): SQL {
  return sql`(${row.signedOn} is not null and not (false = any(${row.accepted}))
    and (${row.confirmedAt} is not null or ${row.signedScanAttachmentId} is not null)
    and (${row.expiresOn} is null or ${row.expiresOn} >= ${today}::date))`;
}

function selection(today: string) {
  return {
    row: a,
    contractNumber: contracts.number,
    contractName: contracts.name,
    contractOwnerUserId: contracts.ownerUserId,
    orgName: organisations.name,
    signedByName: users.name,
    staffCount: sql<number>`(select count(*)::int from ${s} where ${s.agreementId} = ${a.id})`,
    commitmentCount: sql<number>`(select count(*)::int from ${c} where ${c.agreementId} = ${a.id})`,
    validCommitmentCount: sql<number>`(select count(*)::int from ${c} where ${c.agreementId} = ${a.id}
      and ${validCommitmentSql(today)})`,
  };
}

type Selected = {
  row: AgreementRow;
  contractNumber: string;
  contractName: string;
  contractOwnerUserId: string | null;
  orgName: string;
  signedByName: string | null;
  staffCount: number;
  commitmentCount: number;
  validCommitmentCount: number;
};

const flatten = ({ row, ...meta }: Selected): AgreementWithMeta => ({ ...row, ...meta });

function base(db: Executor, today: string) {
  return db
    .select(selection(today))
    .from(a)
    .innerJoin(contracts, eq(contracts.id, a.contractId))
    .innerJoin(organisations, eq(organisations.id, a.orgId))
    .leftJoin(users, eq(users.id, a.signedBy));
}

/** One agreement with its meta; undefined when missing. */
export async function findAgreementById(
  db: Executor,
  id: string,
  today: string,
): Promise<AgreementWithMeta | undefined> {
  const [row] = await base(db, today).where(eq(a.id, id)).limit(1);
  return row ? flatten(row) : undefined;
}

/** A page of agreements matching `where` (a visibility fragment and filters). */
export async function listAgreements(
  db: Executor,
  options: { where: SQL | undefined; today: string; page: number; pageSize: number },
): Promise<{ items: AgreementWithMeta[]; total: number }> {
  const rows = await base(db, options.today)
    .where(options.where)
    .orderBy(desc(a.createdAt), asc(a.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(a)
    .innerJoin(contracts, eq(contracts.id, a.contractId))
    .where(options.where);
  return { items: rows.map(flatten), total: Number(count?.n ?? 0) };
}

/** The columns tenancy decides by: the unit (乙方) and the contract's business owner. */
export async function findAgreementParty(
  db: Executor,
  id: string,
): Promise<{ orgId: string; unitId: string; ownerUserId: string | null; contractId: string } | undefined> {
  const [row] = await db
    .select({ orgId: a.orgId, unitId: contracts.unitId, ownerUserId: contracts.ownerUserId, contractId: a.contractId })
    .from(a)
    .innerJoin(contracts, eq(contracts.id, a.contractId))
    .where(eq(a.id, id))
    .limit(1);
  return row;
}

export async function insertAgreement(tx: Executor, values: typeof a.$inferInsert): Promise<AgreementRow> {
  const [row] = await tx.insert(a).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateAgreementRow(tx: Executor, id: string, changes: Partial<AgreementRow>, now: Date) {
  await tx
    .update(a)
    .set({ ...changes, updatedAt: now })
    .where(eq(a.id, id));
}

export async function deleteAgreementRow(tx: Executor, id: string): Promise<void> {
  await tx.delete(a).where(eq(a.id, id));
}

/** The contract an agreement is made for: its unit, owner, division and names. */
export async function findContractForAgreement(db: Executor, contractId: string) {
  const [row] = await db
    .select({
      id: contracts.id,
      unitId: contracts.unitId,
      ownerUserId: contracts.ownerUserId,
      divisionId: contracts.divisionId,
      unitName: organisations.name,
    })
    .from(contracts)
    .innerJoin(organisations, eq(organisations.id, contracts.unitId))
    .where(eq(contracts.id, contractId))
    .limit(1);
  return row;
}

/* ---- 附件一: staff ---- */

export type StaffWithCommitment = StaffRow & { commitment: CommitmentRow | null };

export async function listStaff(db: Executor, agreementId: string): Promise<StaffWithCommitment[]> {
  const rows = await db
    .select({ staff: s, commitment: c })
    .from(s)
    .leftJoin(c, eq(c.staffId, s.id))
    .where(eq(s.agreementId, agreementId))
    .orderBy(asc(s.position), asc(s.createdAt), asc(s.id));
  return rows.map((r) => ({ ...r.staff, commitment: r.commitment }));
}

export async function findStaffRow(db: Executor, id: string): Promise<StaffRow | undefined> {
  const [row] = await db.select().from(s).where(eq(s.id, id)).limit(1);
  return row;
}

export async function nextStaffPosition(db: Executor, agreementId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${s.position}) + 1, 0)::int` })
    .from(s)
    .where(eq(s.agreementId, agreementId));
  return Number(row?.n ?? 0);
}

export async function insertStaff(tx: Executor, values: typeof s.$inferInsert): Promise<StaffRow> {
  const [row] = await tx.insert(s).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateStaffRow(tx: Executor, id: string, changes: Partial<StaffRow>, now: Date) {
  await tx
    .update(s)
    .set({ ...changes, updatedAt: now })
    .where(eq(s.id, id));
}

export async function deleteStaffRow(tx: Executor, id: string): Promise<void> {
  await tx.delete(s).where(eq(s.id, id));
}

/** Whether the account may be named on the unit's staff list: it belongs to the unit or one of its vendors. */
export async function findUserOrg(
  db: Executor,
  userId: string,
): Promise<{ orgId: string; parentId: string | null } | undefined> {
  const [row] = await db
    .select({ orgId: users.orgId, parentId: organisations.parentId })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, userId))
    .limit(1);
  return row;
}

/* ---- 附件二: commitments ---- */

export type CommitmentWithUser = CommitmentRow & { userId: string | null };

export async function listCommitments(db: Executor, agreementId: string): Promise<CommitmentWithUser[]> {
  const rows = await db
    .select({ commitment: c, userId: s.userId })
    .from(c)
    .innerJoin(s, eq(s.id, c.staffId))
    .where(eq(c.agreementId, agreementId))
    .orderBy(asc(s.position), asc(c.createdAt));
  return rows.map((r) => ({ ...r.commitment, userId: r.userId }));
}

export async function findCommitmentRow(db: Executor, id: string): Promise<CommitmentWithUser | undefined> {
  const [row] = await db
    .select({ commitment: c, userId: s.userId })
    .from(c)
    .innerJoin(s, eq(s.id, c.staffId))
    .where(eq(c.id, id))
    .limit(1);
  return row ? { ...row.commitment, userId: row.userId } : undefined;
}

export async function findCommitmentByStaff(db: Executor, staffId: string): Promise<CommitmentRow | undefined> {
  const [row] = await db.select().from(c).where(eq(c.staffId, staffId)).limit(1);
  return row;
}

export async function findCommitmentByHash(
  db: Executor,
  agreementId: string,
  hash: string,
): Promise<CommitmentRow | undefined> {
  const [row] = await db
    .select()
    .from(c)
    .where(and(eq(c.agreementId, agreementId), eq(c.nationalIdHash, hash)))
    .limit(1);
  return row;
}

export async function insertCommitment(tx: Executor, values: typeof c.$inferInsert): Promise<CommitmentRow> {
  const [row] = await tx.insert(c).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function updateCommitmentRow(tx: Executor, id: string, changes: Partial<CommitmentRow>, now: Date) {
  await tx
    .update(c)
    .set({ ...changes, updatedAt: now })
    .where(eq(c.id, id));
}

export async function deleteCommitmentRow(tx: Executor, id: string): Promise<void> {
  await tx.delete(c).where(eq(c.id, id));
}

/** The commitments linked to an account, with their agreements' contracts. */
export async function listCommitmentsOfUser(db: Executor, userId: string) {
  return db
    .select({ commitment: c, userId: s.userId, contractId: a.contractId, contractName: contracts.name })
    .from(c)
    .innerJoin(s, eq(s.id, c.staffId))
    .innerJoin(a, eq(a.id, c.agreementId))
    .innerJoin(contracts, eq(contracts.id, a.contractId))
    .where(eq(s.userId, userId))
    .orderBy(desc(c.createdAt));
}

/* ---- item 六: who may open a contract's records ---- */

/** Of `contractIds`, those that hold an agreement (the ones item 六 is enforced on). */
export async function contractsWithAgreements(db: Executor, contractIds: readonly string[]): Promise<string[]> {
  if (contractIds.length === 0) {
    return [];
  }
  const rows = await db
    .selectDistinct({ contractId: a.contractId })
    .from(a)
    .where(inArray(a.contractId, [...contractIds]));
  return rows.map((r) => r.contractId);
}

/** The best commitment state of an account on each contract: its commitment rows there. */
export async function commitmentsOfUserOn(db: Executor, userId: string, contractIds: readonly string[]) {
  if (contractIds.length === 0) {
    return [];
  }
  return db
    .select({ contractId: a.contractId, commitment: c })
    .from(c)
    .innerJoin(s, eq(s.id, c.staffId))
    .innerJoin(a, eq(a.id, c.agreementId))
    .where(and(eq(s.userId, userId), inArray(a.contractId, [...contractIds])));
}

/** The contracts a system belongs to. */
export async function contractsOfSystem(db: Executor, systemId: string): Promise<string[]> {
  const rows = await queryRows<{ contractId: string }>(
    db,
    sql`select contract_id as "contractId" from contract_systems where system_id = ${systemId}`,
  );
  return rows.map((r) => r.contractId);
}

/** The accounts of a contract's unit and its subcontractors, for the unit admin's view of who is blocked. */
export async function listContractMembers(db: Executor, contractId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, orgId: users.orgId, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.role, 'unit_member'),
        sql`(${users.orgId} = (select unit_id from contracts where id = ${contractId})
          or ${users.orgId} in (select vendor_id from contract_subcontractors where contract_id = ${contractId}))`,
      ),
    )
    .orderBy(asc(users.name), asc(users.id));
}

/* ---- the commitments list (the dashboard's expiry cards open it, ADR 0025) ---- */

/** FROM clause of the commitments list: each commitment with its staff line, agreement and contract. */
export const commitmentsFromSql = sql`${c} inner join ${s} on ${s.id} = ${c.staffId}
  inner join ${a} on ${a.id} = ${c.agreementId}
  inner join ${contracts} on ${contracts.id} = ${a.contractId}`;

/** The list's filters on `today` (Taipei); the dashboard counts its cards with these. */
export function commitmentQueryFilters(
  query: { orgId?: string; expiringWithinDays?: number; expired?: 'true' },
  options: { today: string },
): SQL | undefined {
  const { today } = options;
  return and(
    query.orgId ? eq(contracts.unitId, query.orgId) : undefined,
    query.expiringWithinDays !== undefined
      ? sql`${c.expiresOn} >= ${today}::date and ${c.expiresOn} < ${today}::date + ${query.expiringWithinDays}::int`
      : undefined,
    query.expired ? sql`${c.expiresOn} < ${today}::date` : undefined,
  );
}

/** A page of commitments matching `where` (visibility and filters), soonest last day first. */
export async function listCommitmentPage(
  db: Executor,
  options: { where: SQL | undefined; page: number; pageSize: number },
) {
  const rows = await db
    .select({
      commitment: c,
      userId: s.userId,
      contractId: a.contractId,
      contractName: contracts.name,
      orgId: contracts.unitId,
      orgName: organisations.name,
    })
    .from(c)
    .innerJoin(s, eq(s.id, c.staffId))
    .innerJoin(a, eq(a.id, c.agreementId))
    .innerJoin(contracts, eq(contracts.id, a.contractId))
    .innerJoin(organisations, eq(organisations.id, contracts.unitId))
    .where(options.where)
    .orderBy(sql`${c.expiresOn} asc nulls last`, asc(c.name), asc(c.id))
    .limit(options.pageSize)
    .offset((options.page - 1) * options.pageSize);
  const [count] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${commitmentsFromSql}${options.where ? sql` where ${options.where}` : sql``}`,
  );
  return { items: rows, total: Number(count?.n ?? 0) };
}
