import { count } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { organisations, users } from '../../db/schema/index.js';

/** Whether the database holds any organisation or account. */
export async function hasAnyData(db: Executor): Promise<boolean> {
  const [orgs] = await db.select({ n: count() }).from(organisations);
  const [people] = await db.select({ n: count() }).from(users);
  return Number(orgs?.n ?? 0) + Number(people?.n ?? 0) > 0;
}
