import { and, eq, getTableColumns, gt, lt, ne, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/client.js';
import {
  contractSubcontractors,
  contractSystems,
  contracts,
  hosts,
  importJobs,
  organisations,
  systemContacts,
  systemHosts,
  systems,
} from '../../db/schema/index.js';

/**
 * Queries of the imports module: its own jobs, the look-ups that resolve an upload's codes
 * and names, and the bulk inserts of a commit. No rules here (imports.resolve.ts has them).
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

export async function findMinistryId(db: Executor): Promise<string | undefined> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.kind, 'ministry'))
    .limit(1);
  return row?.id;
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

/* ------------------------------------------------------------------ bulk inserts */

/** Rows per INSERT statement: one JSON parameter each, so the bind limit never applies. */
const CHUNK = 2_000;

/**
 * Inserts rows with one `jsonb_to_recordset` parameter per chunk instead of one bind
 * parameter per value: several times faster on PGlite for thousands of rows (see
 * bench/import-xlsx.ts). Every row must carry the same keys, the first row's.
 */
async function insertRecordset(tx: Executor, table: PgTable, rows: Record<string, unknown>[]): Promise<void> {
  const [first] = rows;
  if (!first) {
    return;
  }
  const columns = getTableColumns(table);
  const keys = Object.keys(first).filter((k) => columns[k] !== undefined);
  const defs = keys.map((k) => {
    const column = columns[k];
    if (!column) {
      throw new Error(`unknown column ${k}`);
    }
    return { key: k, name: column.name, type: column.getSQLType() };
  });
  const names = sql.join(
    defs.map((d) => sql.identifier(d.name)),
    sql`, `,
  );
  const types = sql.raw(defs.map((d) => `"${d.name}" ${d.type}`).join(', '));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows
      .slice(i, i + CHUNK)
      .map((row) => Object.fromEntries(defs.map((d) => [d.name, row[d.key] ?? null])));
    await tx.execute(
      sql`insert into ${table} (${names}) select ${names} from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(${types})`,
    );
  }
}

export type ImportInsertPlan = {
  organisations: (typeof organisations.$inferInsert)[];
  contracts: (typeof contracts.$inferInsert)[];
  contractSubcontractors: (typeof contractSubcontractors.$inferInsert)[];
  systems: (typeof systems.$inferInsert)[];
  contractSystems: (typeof contractSystems.$inferInsert)[];
  hosts: (typeof hosts.$inferInsert)[];
  systemHosts: (typeof systemHosts.$inferInsert)[];
  systemContacts: (typeof systemContacts.$inferInsert)[];
};

/** Inserts a commit's rows in dependency order; the caller holds the transaction. */
export async function insertImportPlan(tx: Executor, plan: ImportInsertPlan): Promise<void> {
  // Units before the vendors that hang under them.
  await insertRecordset(
    tx,
    organisations,
    plan.organisations.filter((o) => o.kind === 'unit'),
  );
  await insertRecordset(
    tx,
    organisations,
    plan.organisations.filter((o) => o.kind !== 'unit'),
  );
  await insertRecordset(tx, contracts, plan.contracts);
  await insertRecordset(tx, contractSubcontractors, plan.contractSubcontractors);
  await insertRecordset(tx, systems, plan.systems);
  await insertRecordset(tx, contractSystems, plan.contractSystems);
  await insertRecordset(tx, hosts, plan.hosts);
  await insertRecordset(tx, systemHosts, plan.systemHosts);
  await insertRecordset(tx, systemContacts, plan.systemContacts);
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
