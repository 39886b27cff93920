import { and, asc, count, eq, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { UserListQuery } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { invites, organisations, userScopes, users } from '../../db/schema/index.js';
import type { OrgScope } from '../../lib/tenancy.js';
import { likePattern } from '../../db/search.js';

/**
 * The `users` table's one repository: every module reads and changes accounts through the
 * users service, which exposes these (sign-in, account settings and first-run setup included).
 */
export type UserRow = typeof users.$inferSelect;
export type UserWithOrg = UserRow & { orgName: string; orgNameEn: string | null; scopeOrgIds: string[] };
export type UserWithOrgName = UserRow & { orgName: string; orgNameEn: string | null };

function scopeFilter(scope: OrgScope): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  return scope.orgIds.length > 0 ? inArray(users.orgId, scope.orgIds) : sql`false`;
}

/** The columns of a user with their organisation's names. */
const withOrgNames = { user: users, orgName: organisations.name, orgNameEn: organisations.nameEn };

async function attachScopes(
  db: Executor,
  rows: { user: UserRow; orgName: string; orgNameEn: string | null }[],
): Promise<UserWithOrg[]> {
  const ids = rows.map((r) => r.user.id);
  const scopes = ids.length ? await db.select().from(userScopes).where(inArray(userScopes.userId, ids)) : [];
  return rows.map((r) => ({
    ...r.user,
    orgName: r.orgName,
    orgNameEn: r.orgNameEn,
    scopeOrgIds: scopes.filter((s) => s.userId === r.user.id).map((s) => s.orgId),
  }));
}

export async function listUsers(db: Executor, scope: OrgScope, query: UserListQuery) {
  const filters = and(
    scopeFilter(scope),
    query.role ? eq(users.role, query.role) : undefined,
    query.orgId ? eq(users.orgId, query.orgId) : undefined,
    query.active ? eq(users.isActive, query.active === 'true') : undefined,
    query.q ? or(ilike(users.name, likePattern(query.q)), ilike(users.email, likePattern(query.q))) : undefined,
  );
  const [rows, totals] = await Promise.all([
    db
      .select(withOrgNames)
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.orgId))
      .where(filters)
      .orderBy(asc(users.name), asc(users.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(users).where(filters),
  ]);
  return { items: await attachScopes(db, rows), total: Number(totals[0]?.n ?? 0) };
}

export async function findUserById(db: Executor, id: string): Promise<UserWithOrg | undefined> {
  const rows = await db
    .select(withOrgNames)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, id))
    .limit(1);
  const [withScopes] = await attachScopes(db, rows);
  return withScopes;
}

/** A user with their organisation's name, by id (without supervised scopes). */
export async function findUserWithOrgName(db: Executor, id: string): Promise<UserWithOrgName | undefined> {
  const [row] = await db
    .select(withOrgNames)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, id))
    .limit(1);
  return row ? { ...row.user, orgName: row.orgName, orgNameEn: row.orgNameEn } : undefined;
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

/** A user by e-mail, case-insensitively. */
export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return row;
}

export async function insertUser(db: Executor, values: typeof users.$inferInsert): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) {
    throw new Error('insert returned no row');
  }
  return row;
}

/** Updates columns of a user row and bumps updated_at. */
export async function updateUserRow(
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

export async function replaceUserScopes(db: Executor, userId: string, orgIds: string[]): Promise<void> {
  await db.delete(userScopes).where(eq(userScopes.userId, userId));
  if (orgIds.length > 0) {
    await db.insert(userScopes).values(orgIds.map((orgId) => ({ userId, orgId })));
  }
}

export async function insertInvite(db: Executor, values: typeof invites.$inferInsert): Promise<void> {
  await db.insert(invites).values(values);
}

export async function countUsers(db: Executor, scope: OrgScope): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(scopeFilter(scope));
  return Number(row?.n ?? 0);
}

export async function findOrgKinds(db: Executor, ids: string[]) {
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ id: organisations.id, kind: organisations.kind })
    .from(organisations)
    .where(inArray(organisations.id, ids));
}
