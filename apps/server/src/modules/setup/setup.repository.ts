import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { organisations } from '../../db/schema/index.js';

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
