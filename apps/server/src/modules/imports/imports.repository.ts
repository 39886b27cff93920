import { and, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import { importJobs, organisations } from '../../db/schema/index.js';

/**
 * Queries of the imports module: its own jobs (the only table it writes), and the look-ups
 * that resolve an upload's codes and names. A commit's records are written by their own
 * modules' bulk services (imports.plan.ts). No rules here (imports.resolve.ts has them).
 */
export type ImportJobRow = typeof importJobs.$inferSelect;

export async function insertImportJob(db: Executor, values: typeof importJobs.$inferInsert): Promise<ImportJobRow> {
  const [row] = await db.insert(importJobs).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

export async function findImportJob(db: Executor, id: string): Promise<ImportJobRow | undefined> {
  const [row] = await db.select().from(importJobs).where(eq(importJobs.id, id)).limit(1);
  return row;
}

/** Arbitrary constant for the advisory lock that serialises import commits. */
const IMPORT_COMMIT_LOCK = 0x494d_504f;

/**
 * Serialises import commits until the transaction ends: a second commit re-checks its rows
 * only after the first has committed, so two files adding the same system or host to a unit
 * cannot both pass the check (works on PostgreSQL and PGlite alike).
 */
export async function lockImportCommits(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${IMPORT_COMMIT_LOCK})`);
}

/**
 * Moves a pending, unexpired preview to a final status; undefined when it is no longer
 * pending. The row lock it takes makes a second concurrent commit wait and then miss.
 */
export async function closeImportJob(
  db: Executor,
  id: string,
  status: 'committed' | 'discarded',
  now: Date,
): Promise<ImportJobRow | undefined> {
  const [row] = await db
    .update(importJobs)
    .set({ status, committedAt: status === 'committed' ? now : null, rows: {} })
    .where(
      and(
        eq(importJobs.id, id),
        eq(importJobs.status, 'preview'),
        status === 'committed' ? gt(importJobs.expiresAt, now) : undefined,
      ),
    )
    .returning();
  return row;
}

/** Drops the stored rows of previews past their deadline at `now`; their errors and counts stay. */
export async function purgeExpiredImportRows(db: Executor, now: Date): Promise<number> {
  const purged = await db
    .update(importJobs)
    .set({ rows: {} })
    .where(and(eq(importJobs.status, 'preview'), lt(importJobs.expiresAt, now), ne(importJobs.rows, {})))
    .returning({ id: importJobs.id });
  return purged.length;
}

/* ------------------------------------------------------------------ look-ups */

export type OrgRef = { id: string; code: string; kind: string; parentId: string | null; isActive: boolean };

export async function findOrganisationsByCode(db: Executor, codes: string[]): Promise<OrgRef[]> {
  if (codes.length === 0) {
    return [];
  }
  return queryRows<OrgRef>(
    db,
    sql`select id, code, kind, parent_id as "parentId", is_active as "isActive"
      from organisations where lower(code) = any(${sql.param(codes.map((c) => c.toLowerCase()))}::text[])`,
  );
}

export type UserRef = { id: string; email: string; role: string; isActive: boolean };

export async function findUsersByEmail(db: Executor, emails: string[]): Promise<UserRef[]> {
  if (emails.length === 0) {
    return [];
  }
  return queryRows<UserRef>(
    db,
    sql`select id, lower(email) as email, role, is_active as "isActive"
      from users where lower(email) = any(${sql.param(emails)}::text[])`,
  );
}

export type ContractRef = { id: string; number: string; unitId: string; ownerUserId: string | null };

/** Contracts by number, compared without case as the unique index does. */
export async function findContractsByNumber(db: Executor, lowerNumbers: string[]): Promise<ContractRef[]> {
  if (lowerNumbers.length === 0) {
    return [];
  }
  return queryRows<ContractRef>(
    db,
    sql`select id, lower(number) as number, unit_id as "unitId", owner_user_id as "ownerUserId"
      from contracts where lower(number) = any(${sql.param(lowerNumbers)}::text[])`,
  );
}

export type SystemRef = { id: string; orgId: string; name: string };

/** Systems of the given units whose names (without case) are among `lowerNames`. */
export async function findSystemsByName(db: Executor, orgIds: string[], lowerNames: string[]): Promise<SystemRef[]> {
  if (orgIds.length === 0 || lowerNames.length === 0) {
    return [];
  }
  return queryRows<SystemRef>(
    db,
    sql`select id, org_id as "orgId", lower(trim(name)) as name from systems
      where org_id = any(${sql.param(orgIds)}::uuid[]) and lower(trim(name)) = any(${sql.param(lowerNames)}::text[])`,
  );
}

export type HostRef = { orgId: string; hostname: string };

export async function findHostsByName(db: Executor, orgIds: string[], lowerNames: string[]): Promise<HostRef[]> {
  if (orgIds.length === 0 || lowerNames.length === 0) {
    return [];
  }
  return queryRows<HostRef>(
    db,
    sql`select org_id as "orgId", lower(hostname) as hostname from hosts
      where org_id = any(${sql.param(orgIds)}::uuid[]) and lower(hostname) = any(${sql.param(lowerNames)}::text[])`,
  );
}

export type ContactRef = { systemId: string; kind: string };

export async function findContactKinds(db: Executor, systemIds: string[]): Promise<ContactRef[]> {
  if (systemIds.length === 0) {
    return [];
  }
  return queryRows<ContactRef>(
    db,
    sql`select system_id as "systemId", kind from system_contacts where system_id = any(${sql.param(systemIds)}::uuid[])`,
  );
}

/* ------------------------------------------------------------------ template reference data */

export type CodeName = { code: string; name: string };

/** Active Ministry divisions, for the guide sheet's list of supervising division codes. */
export async function findActiveDivisions(db: Executor): Promise<CodeName[]> {
  return db
    .select({ code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(and(eq(organisations.kind, 'division'), eq(organisations.isActive, true)))
    .orderBy(organisations.code);
}

/** Active units among `orgIds` (undefined: all), for the guide sheet; at most `limit`. */
export async function findActiveUnits(db: Executor, orgIds: string[] | undefined, limit: number): Promise<CodeName[]> {
  return db
    .select({ code: organisations.code, name: organisations.name })
    .from(organisations)
    .where(
      and(
        eq(organisations.kind, 'unit'),
        eq(organisations.isActive, true),
        orgIds ? sql`${organisations.id} = any(${sql.param(orgIds)}::uuid[])` : undefined,
      ),
    )
    .orderBy(organisations.code)
    .limit(limit);
}
