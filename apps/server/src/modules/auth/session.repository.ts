import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiTokens, sessions, userScopes, users } from '../../db/schema/index.js';

export type SessionInsert = typeof sessions.$inferInsert;

export async function insertSession(db: Executor, row: SessionInsert) {
  const [created] = await db.insert(sessions).values(row).returning();
  return created;
}

/** A live (not revoked, not expired) session with its user, by token hash. */
export async function findLiveSessionByTokenHash(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  return row;
}

export async function touchSession(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
}

export async function revokeSessionById(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.id, id));
}

/** A live API token with its user, by token hash. */
export async function findLiveApiTokenByHash(db: Executor, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
    .limit(1);
  return row;
}

export async function touchApiToken(db: Executor, id: string, now: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, id));
}

export async function findScopeOrgIds(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.select({ orgId: userScopes.orgId }).from(userScopes).where(eq(userScopes.userId, userId));
  return rows.map((r) => r.orgId);
}
