import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiTokens } from '../../db/schema/index.js';

export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** A user's tokens that have not been revoked (expired ones included, so they can be seen), newest first. */
export async function listApiTokensOfUser(db: Executor, userId: string): Promise<ApiTokenRow[]> {
  return db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt));
}

/** Stores a new token (its hash and prefix only). */
export async function insertApiToken(db: Executor, values: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [row] = await db.insert(apiTokens).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

/** Revokes one of a user's tokens; undefined when it is not theirs or already revoked. */
export async function revokeApiTokenOfUser(
  db: Executor,
  input: { id: string; userId: string; now: Date },
): Promise<ApiTokenRow | undefined> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: input.now })
    .where(and(eq(apiTokens.id, input.id), eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning();
  return row;
}
