import { and, desc, eq, getTableColumns, ne, sql, type SQL } from 'drizzle-orm';
import type { ScanListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { scanImports, scans, systems, users } from '../../db/schema/index.js';
import { boundedTotal, type ListTotal } from '../../db/totals.js';
import type { RegistryScope } from '../../lib/tenancy.js';
import { systemsVisibleSql } from '../systems/systems.tenancy.js';

/** Queries of scans and their import attempts (issue 9). */

export type ScanImportRow = typeof scanImports.$inferSelect;
export type ScanRow = typeof scans.$inferSelect & { systemName: string; uploadedByName: string | null };

export async function insertScanImport(db: Executor, row: typeof scanImports.$inferInsert): Promise<ScanImportRow> {
  const [inserted] = await db.insert(scanImports).values(row).returning();
  if (!inserted) {
    throw new Error('scan import not inserted');
  }
  return inserted;
}

export async function updateScanImport(
  db: Executor,
  id: string,
  values: Partial<typeof scanImports.$inferInsert>,
): Promise<void> {
  await db.update(scanImports).set(values).where(eq(scanImports.id, id));
}

/**
 * Sets an import's columns if it is still running; whether it was. The final transaction
 * completes an import with it, the recovery fails one, and neither overwrites the other.
 */
export async function updateRunningScanImport(
  db: Executor,
  id: string,
  values: Partial<typeof scanImports.$inferInsert>,
): Promise<boolean> {
  const rows = await db
    .update(scanImports)
    .set(values)
    .where(and(eq(scanImports.id, id), eq(scanImports.status, 'running')))
    .returning({ id: scanImports.id });
  return rows.length > 0;
}

/** Imports stored as running, oldest first. */
export async function listRunningScanImports(db: Executor): Promise<ScanImportRow[]> {
  return db.select().from(scanImports).where(eq(scanImports.status, 'running')).orderBy(scanImports.createdAt);
}

export async function findScanImport(db: Executor, id: string): Promise<ScanImportRow | undefined> {
  const [row] = await db.select().from(scanImports).where(eq(scanImports.id, id)).limit(1);
  return row;
}

export async function insertScan(db: Executor, row: typeof scans.$inferInsert): Promise<string> {
  const [inserted] = await db.insert(scans).values(row).returning({ id: scans.id });
  if (!inserted) {
    throw new Error('scan not inserted');
  }
  return inserted.id;
}

export async function updateScanResult(
  db: Executor,
  id: string,
  values: Pick<typeof scans.$inferInsert, 'summary' | 'findingCount'>,
): Promise<void> {
  await db.update(scans).set(values).where(eq(scans.id, id));
}

const scanColumns = { ...getTableColumns(scans), systemName: systems.name, uploadedByName: users.name };

function scanSelect(db: Executor) {
  return db
    .select(scanColumns)
    .from(scans)
    .innerJoin(systems, eq(systems.id, scans.systemId))
    .leftJoin(users, eq(users.id, scans.uploadedBy));
}

/** One scan the scope may read. */
export async function findVisibleScan(
  db: Executor,
  options: { scope: RegistryScope; id: string },
): Promise<ScanRow | undefined> {
  const [row] = await scanSelect(db)
    .where(
      and(eq(scans.id, options.id), systemsVisibleSql(options.scope, { orgId: scans.orgId, systemId: scans.systemId })),
    )
    .limit(1);
  return row;
}

/** Scans the scope may read, newest taken first. */
export async function listScans(
  db: Executor,
  options: { scope: RegistryScope; query: ScanListQuery },
): Promise<{ items: ScanRow[] } & ListTotal> {
  const { scope, query } = options;
  const where: SQL | undefined = and(
    systemsVisibleSql(scope, { orgId: scans.orgId, systemId: scans.systemId }),
    query.systemId ? eq(scans.systemId, query.systemId) : undefined,
    query.orgId ? eq(scans.orgId, query.orgId) : undefined,
  );
  const items = await scanSelect(db)
    .where(where)
    .orderBy(desc(scans.takenAt), desc(scans.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const total = await boundedTotal(db, db.select({ id: scans.id }).from(scans).where(where));
  return { items, ...total };
}

/** The latest scan taken of a system, whatever its tool (findings recorded by hand are no scan: findings.manual.ts). */
export async function findLatestScanTakenAt(db: Executor, systemId: string): Promise<Date | undefined> {
  const [row] = await db
    .select({ takenAt: sql<Date>`max(${scans.takenAt})`.mapWith(scans.takenAt) })
    .from(scans)
    .where(and(eq(scans.systemId, systemId), ne(scans.format, 'manual')));
  return row?.takenAt ?? undefined;
}
