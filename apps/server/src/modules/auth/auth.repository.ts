import { and, desc, eq, isNull, lt, notInArray, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { invites, organisations, passwordHistory, recoveryCodes, users } from '../../db/schema/index.js';

export type UserRow = typeof users.$inferSelect;
export type UserWithOrgName = UserRow & { orgName: string };

/** A user with their organisation's name, by id. */
export async function findUserWithOrg(db: Executor, id: string): Promise<UserWithOrgName | undefined> {
  const [row] = await db
    .select({ user: users, orgName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, id))
    .limit(1);
  return row ? { ...row.user, orgName: row.orgName } : undefined;
}

/** A user by e-mail, case-insensitively. */
export async function findUserByEmailCi(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row;
}

/** A user by OpenID Connect subject. */
export async function findUserByOidcSubject(db: Executor, subject: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.oidcSubject, subject)).limit(1);
  return row;
}

/** Locks a user row until the transaction ends, so counters change one attempt at a time. */
export async function lockUserRow(tx: Executor, id: string): Promise<UserRow | undefined> {
  const [row] = await tx.select().from(users).where(eq(users.id, id)).for('update').limit(1);
  return row;
}

/** Updates columns of a user row and bumps updated_at. */
export async function updateUserFields(
  db: Executor,
  id: string,
  values: Partial<typeof users.$inferInsert>,
  now: Date,
): Promise<void> {
  await db
    .update(users)
    .set({ ...values, updatedAt: now })
    .where(eq(users.id, id));
}

/** Adds one to the failed-attempt counter and returns the new value. */
export async function incrementFailedLogins(tx: Executor, id: string): Promise<number> {
  const [row] = await tx
    .update(users)
    .set({ failedLoginCount: sql`${users.failedLoginCount} + 1` })
    .where(eq(users.id, id))
    .returning({ count: users.failedLoginCount });
  return row?.count ?? 0;
}

/** Records an accepted TOTP step unless it (or a later one) was already used: replay guard. */
export async function claimTotpStep(tx: Executor, input: { userId: string; step: number }): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ mfaLastStep: input.step })
    .where(and(eq(users.id, input.userId), or(isNull(users.mfaLastStep), lt(users.mfaLastStep, input.step))))
    .returning({ id: users.id });
  return rows.length > 0;
}

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

/** An invitation with its user and organisation name, by token hash. */
export async function findInviteByTokenHash(db: Executor, tokenHash: string) {
  const [row] = await db
    .select({ invite: invites, user: users, orgName: organisations.name })
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
