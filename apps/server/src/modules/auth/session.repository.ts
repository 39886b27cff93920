import { and, desc, eq, gt, isNull, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiTokens, changeCounters, sessions, userScopes, users } from '../../db/schema/index.js';

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

/** Gives a session a new token (hash) and stage in place, e.g. after MFA. */
export async function rotateSessionRow(
  db: Executor,
  input: { id: string; tokenHash: string; stage: SessionInsert['stage']; now: Date },
): Promise<void> {
  await db
    .update(sessions)
    .set({ tokenHash: input.tokenHash, stage: input.stage, lastSeenAt: input.now })
    .where(eq(sessions.id, input.id));
}

/** A session row by id, whatever its state. */
export async function findSessionById(db: Executor, id: string) {
  const [row] = await db.select().from(sessions).where(eq(sessions.id, id)).limit(1);
  return row;
}

/** A user's sessions that are neither revoked, expired nor idle past `idleSince`. */
export async function listLiveSessionsOfUser(db: Executor, input: { userId: string; now: Date; idleSince: Date }) {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, input.userId),
        isNull(sessions.revokedAt),
        gt(sessions.expiresAt, input.now),
        gt(sessions.lastSeenAt, input.idleSince),
      ),
    )
    .orderBy(desc(sessions.lastSeenAt));
}

/** Revokes one of a user's sessions; false when it is not theirs or already revoked. */
export async function revokeSessionOfUser(
  db: Executor,
  input: { id: string; userId: string; now: Date },
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: input.now })
    .where(and(eq(sessions.id, input.id), eq(sessions.userId, input.userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Revokes every live session of a user, except `exceptId`; returns how many. */
export async function revokeSessionsOfUser(
  db: Executor,
  input: { userId: string; exceptId?: string | null; now: Date },
): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: input.now })
    .where(
      and(
        eq(sessions.userId, input.userId),
        isNull(sessions.revokedAt),
        input.exceptId ? ne(sessions.id, input.exceptId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return rows.length;
}

/** Sets a session's stage in place (same token), e.g. back to MFA enrolment. */
export async function setSessionStage(
  db: Executor,
  input: { id: string; stage: SessionInsert['stage'] },
): Promise<void> {
  await db.update(sessions).set({ stage: input.stage }).where(eq(sessions.id, input.id));
}

/** Revokes every live API token of a user; returns how many. */
export async function revokeApiTokensOfUser(db: Executor, input: { userId: string; now: Date }): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: input.now })
    .where(and(eq(apiTokens.userId, input.userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

/**
 * The `auth` change counter, raised by triggers whenever sessions, API tokens, users, their
 * scopes or the organisation tree change (migration 0007); the actor cache compares it.
 */
export async function readAuthCounter(db: Executor): Promise<number> {
  const [row] = await db.select({ n: changeCounters.n }).from(changeCounters).where(eq(changeCounters.name, 'auth'));
  return Number(row?.n ?? 0);
}
