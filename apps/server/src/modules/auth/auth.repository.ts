import { and, desc, eq, isNull, notInArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { invites, organisations, passwordHistory, recoveryCodes, users } from '../../db/schema/index.js';

/** Marks an unused recovery code as used; false when there is no such unused code. */
export async function consumeRecoveryCode(
  tx: Executor,
  input: { userId: string; codeHash: string; now: Date },
): Promise<boolean> {
  const rows = await tx
    .update(recoveryCodes)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(recoveryCodes.userId, input.userId),
        eq(recoveryCodes.codeHash, input.codeHash),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return rows.length > 0;
}

/** Replaces all of a user's recovery codes (an empty list just deletes them). */
export async function replaceRecoveryCodes(tx: Executor, userId: string, codeHashes: string[]): Promise<void> {
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  if (codeHashes.length > 0) {
    await tx.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash })));
  }
}

/** The newest password hashes of a user, newest first. */
export async function listRecentPasswordHashes(db: Executor, userId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ passwordHash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(limit);
  return rows.map((r) => r.passwordHash);
}

/** Appends a hash to the history and deletes all but the newest `keep`. */
export async function pushPasswordHistory(
  tx: Executor,
  input: { userId: string; passwordHash: string; keep: number; now: Date },
): Promise<void> {
  await tx
    .insert(passwordHistory)
    .values({ userId: input.userId, passwordHash: input.passwordHash, createdAt: input.now });
  const keepRows = await tx
    .select({ id: passwordHistory.id })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, input.userId))
    .orderBy(desc(passwordHistory.createdAt), desc(passwordHistory.id))
    .limit(input.keep);
  const keepIds = keepRows.map((r) => r.id);
  await tx
    .delete(passwordHistory)
    .where(
      and(
        eq(passwordHistory.userId, input.userId),
        keepIds.length > 0 ? notInArray(passwordHistory.id, keepIds) : undefined,
      ),
    );
}

/** An invitation with its user and organisation names, by token hash. */
export async function findInviteByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ invite: invites, user: users, orgName: organisations.name, orgNameEn: organisations.nameEn })
    .from(invites)
    .innerJoin(users, eq(users.id, invites.userId))
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(invites.tokenHash, tokenHash))
    .limit(1);
  return row;
}

/** Marks an invitation used; false when it was used already (a concurrent accept). */
export async function consumeInvite(tx: Executor, input: { id: string; now: Date }): Promise<boolean> {
  const rows = await tx
    .update(invites)
    .set({ usedAt: input.now })
    .where(and(eq(invites.id, input.id), isNull(invites.usedAt)))
    .returning({ id: invites.id });
  return rows.length > 0;
}

/** Invalidates a user's other open invitations once one has been used. */
export async function expireOpenInvites(tx: Executor, input: { userId: string; now: Date }): Promise<void> {
  await tx
    .update(invites)
    .set({ usedAt: input.now })
    .where(and(eq(invites.userId, input.userId), isNull(invites.usedAt)));
}
