import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiTokens, organisations, users } from '../../db/schema/index.js';

export type AccountRow = typeof users.$inferSelect & { orgName: string };
export type ApiTokenRow = typeof apiTokens.$inferSelect;

/** The signed-in user's row with their organisation's name. */
export async function findAccount(db: Executor, userId: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select({ user: users, orgName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, userId))
    .limit(1);
  return row ? { ...row.user, orgName: row.orgName } : undefined;
}

/** Updates the user's own preferences and MFA columns. */
export async function updateAccountRow(
  db: Executor,
  userId: string,
  values: Partial<
    Pick<
      typeof users.$inferInsert,
      | 'name'
      | 'locale'
      | 'dateFormat'
      | 'mfaSecretEnc'
      | 'mfaPendingSecretEnc'
      | 'mfaEnabledAt'
      | 'mfaLastStep'
      | 'lastLoginAt'
      | 'failedLoginCount'
    >
  >,
  now: Date,
): Promise<void> {
  await db
    .update(users)
    .set({ ...values, updatedAt: now })
    .where(eq(users.id, userId));
}

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
