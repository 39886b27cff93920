import { count, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { organisations, users } from '../../db/schema/index.js';

/**
 * Blocks concurrent inserts into users until the transaction ends, so two first-run
 * requests cannot both see an empty table.
 */
export async function lockUsersTable(tx: Executor): Promise<void> {
  await tx.execute(sql`lock table ${users} in share row exclusive mode`);
}

/** Whether any account exists. */
export async function hasAnyUser(db: Executor): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0) > 0;
}

/** The Ministry organisation, if it exists. */
export async function findMinistry(db: Executor) {
  const [row] = await db.select().from(organisations).where(eq(organisations.kind, 'ministry')).limit(1);
  return row;
}

/** Inserts an organisation row. */
export async function insertOrganisationRow(db: Executor, values: typeof organisations.$inferInsert) {
  const [row] = await db.insert(organisations).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

/** Inserts a user row. */
export async function insertUserRow(db: Executor, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}
