import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { MINISTRY_ROLES, type ErrorCode } from '@custodian/shared';
import type { Actor } from './context.js';
import type { Executor } from '../db/client.js';
import { organisations } from '../db/schema/index.js';
import { AppError } from '../errors.js';

/**
 * Which organisations an actor may see. The Ministry's security office sees all;
 * a ministry_owner their own organisation (without its children) and the organisations
 * they supervise with their vendors (item 十四);
 * an auditor what they are assigned; a unit_admin their unit and its vendors (item 二);
 * a unit_member their own organisation. Tenancy is decided here and nowhere else.
 */
export type OrgScope = { kind: 'all' } | { kind: 'orgs'; orgIds: string[] };

async function withChildren(db: Executor, roots: string[]): Promise<string[]> {
  if (roots.length === 0) {
    return [];
  }
  const children = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(inArray(organisations.parentId, roots));
  return [...new Set([...roots, ...children.map((c) => c.id)])];
}

/**
 * Scopes computed once per cached actor (modules/auth/actor-cache.ts). The auth cache
 * replaces the actor object whenever anything a scope is built from changes (the
 * organisation tree, user scopes), so a memo never outlives its inputs. Actors built
 * elsewhere (jobs, tests, sign-in) are not memoised.
 */
const scopeMemo = new WeakMap<Actor, { read?: Promise<OrgScope>; manage?: Promise<OrgScope> }>();

/** Lets `resolveOrgScope` and `resolveManageScope` compute this actor's scopes once. */
export function memoizeScopes(actor: Actor): void {
  scopeMemo.set(actor, {});
}

function memoised(actor: Actor, which: 'read' | 'manage', compute: () => Promise<OrgScope>): Promise<OrgScope> {
  const memo = scopeMemo.get(actor);
  if (!memo) {
    return compute();
  }
  const cached = memo[which];
  if (cached) {
    return cached;
  }
  const pending = compute();
  memo[which] = pending;
  // A failed computation (e.g. inside a transaction that aborted) is not kept.
  pending.catch(() => {
    if (memo[which] === pending) {
      delete memo[which];
    }
  });
  return pending;
}

/** Resolves the organisations an actor may read. */
export async function resolveOrgScope(db: Executor, actor: Actor): Promise<OrgScope> {
  return memoised(actor, 'read', () => computeOrgScope(db, actor));
}

async function computeOrgScope(db: Executor, actor: Actor): Promise<OrgScope> {
  switch (actor.role) {
    case 'ministry_admin':
      return { kind: 'all' };
    case 'ministry_owner':
      // Their own division (or the Ministry) as a record, but not what hangs under it:
      // every unit hangs under the Ministry, and an owner sees only supervised units.
      return { kind: 'orgs', orgIds: [...new Set([actor.orgId, ...(await withChildren(db, actor.scopeOrgIds))])] };
    case 'auditor':
      return { kind: 'orgs', orgIds: await withChildren(db, actor.scopeOrgIds) };
    case 'unit_admin':
      return { kind: 'orgs', orgIds: await withChildren(db, [actor.orgId]) };
    case 'unit_member':
      return { kind: 'orgs', orgIds: [actor.orgId] };
  }
}

export function isInScope(scope: OrgScope, orgId: string | null): boolean {
  if (scope.kind === 'all') {
    return true;
  }
  return orgId !== null && scope.orgIds.includes(orgId);
}

/** Records outside the caller's scope are reported as missing, never as forbidden. */
export function assertInScope(scope: OrgScope, orgId: string | null): void {
  if (!isInScope(scope, orgId)) {
    throw new AppError('NOT_FOUND');
  }
}

/**
 * Organisations an actor may change: the Ministry's admin all of them, a unit_admin
 * their unit and its vendors; nobody else.
 */
export async function resolveManageScope(db: Executor, actor: Actor): Promise<OrgScope> {
  return memoised(actor, 'manage', () => computeManageScope(db, actor));
}

async function computeManageScope(db: Executor, actor: Actor): Promise<OrgScope> {
  switch (actor.role) {
    case 'ministry_admin':
      return { kind: 'all' };
    case 'unit_admin':
      return { kind: 'orgs', orgIds: await withChildren(db, [actor.orgId]) };
    case 'ministry_owner':
    case 'auditor':
    case 'unit_member':
      return { kind: 'orgs', orgIds: [] };
  }
}

/**
 * Checks that an actor may change a record belonging to `orgId`: NOT_FOUND when they
 * cannot even read it, FORBIDDEN when they can read but not change it.
 */
export async function assertCanManage(db: Executor, actor: Actor, orgId: string): Promise<void> {
  // One after the other: `db` is often a transaction, whose one connection runs one query at a time.
  assertInScope(await resolveOrgScope(db, actor), orgId);
  if (!isInScope(await resolveManageScope(db, actor), orgId)) {
    throw new AppError('FORBIDDEN');
  }
}

/**
 * For a new record of `orgId` that only commissioned units hold (systems, hosts): the actor
 * may manage that organisation, and it is a unit (divisions and vendors hold no registry
 * records). NOT_FOUND outside the read scope or when it does not exist, FORBIDDEN outside
 * the manage scope, `notAUnit` (the calling module's own code) for any other kind.
 */
export async function assertCanManageUnit(
  db: Executor,
  actor: Actor,
  orgId: string,
  notAUnit: ErrorCode,
): Promise<void> {
  await assertCanManage(db, actor, orgId);
  const [org] = await db
    .select({ kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, orgId))
    .limit(1);
  if (!org) {
    throw new AppError('NOT_FOUND');
  }
  if (org.kind !== 'unit') {
    throw new AppError(notAUnit);
  }
}

export function isMinistryRole(actor: Actor): boolean {
  return MINISTRY_ROLES.includes(actor.role);
}

/** The actor of a request; routes with an access rule always have one. */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) {
    throw new AppError('UNAUTHENTICATED');
  }
  return actor;
}

/**
 * Who sees registry records (contracts, systems, hosts, allocations): everyone who sees the
 * owning organisation, and a ministry_owner also the records of the contracts they are the
 * business owner of (item 十四), wherever the unit sits.
 */
export type RegistryScope = { kind: 'all' } | { kind: 'limited'; orgIds: string[]; supervisorId: string | null };

export async function resolveRegistryScope(db: Executor, actor: Actor): Promise<RegistryScope> {
  const orgScope = await resolveOrgScope(db, actor);
  if (orgScope.kind === 'all') {
    return { kind: 'all' };
  }
  return {
    kind: 'limited',
    orgIds: orgScope.orgIds,
    supervisorId: actor.role === 'ministry_owner' ? actor.userId : null,
  };
}

/** `col = any($ids)`, with the array as one parameter (for the modules' visibility fragments). */
export function inIds(col: AnyPgColumn | SQL, ids: string[]): SQL {
  return sql`${col} = any(${sql.param(ids)}::uuid[])`;
}

/**
 * How the rows of one module's table resolve to an organisation, and who may read and change
 * them (ADR 0018). The owning module registers it (`AppModule.tenancy`, in
 * `<module>.tenancy.ts`); modules that hang things on other modules' records (attachments)
 * look records up through it instead of naming those tables.
 */
export type TenancyResolver = {
  /** The kind of record, e.g. `system`; also the attachment owner type when files hang on it. */
  record: string;
  /** The table its rows live in. */
  table: string;
  /** The row, resolved to what decides access; undefined when it does not exist. */
  resolve(db: Executor, id: string): Promise<TenantRecord | undefined>;
};

/** One row, resolved by its module's tenancy resolver. */
export type TenantRecord = {
  record: string;
  id: string;
  /** The organisation the row belongs to (audit events and attachments are filed under it). */
  orgId: string;
  /** Whether the actor may read the row. */
  canRead(db: Executor, actor: Actor): Promise<boolean>;
  /** NOT_FOUND when the actor may not read the row, FORBIDDEN when they may read but not change it. */
  assertCanManage(db: Executor, actor: Actor): Promise<void>;
  /**
   * The systems and contracts the row belongs to, for the modules' access conditions (item
   * 六, ADR 0028); none when the row is tied to neither.
   */
  accessTies(db: Executor): Promise<AccessTies>;
};

/** What a record is tied to, for the access conditions (lib/access-conditions.ts). */
export type AccessTies = { systemIds?: readonly string[]; contractIds?: readonly string[] };

/** Builds a module's tenancy resolver from its own lookup (`find`) and access rules. */
export function defineTenancy<Row extends { orgId: string }>(def: {
  record: string;
  table: string;
  find(db: Executor, id: string): Promise<Row | undefined>;
  canRead(db: Executor, actor: Actor, row: Row, id: string): Promise<boolean>;
  assertCanManage(db: Executor, actor: Actor, row: Row, id: string): Promise<void>;
  /** The systems and contracts the row belongs to (item 六's conditions); none by default. */
  accessTies?(db: Executor, row: Row, id: string): Promise<AccessTies>;
}): TenancyResolver {
  return {
    record: def.record,
    table: def.table,
    async resolve(db, id) {
      const row = await def.find(db, id);
      if (!row) {
        return undefined;
      }
      return {
        record: def.record,
        id,
        orgId: row.orgId,
        canRead: (exec, actor) => def.canRead(exec, actor, row, id),
        assertCanManage: (exec, actor) => def.assertCanManage(exec, actor, row, id),
        accessTies: async (exec) => (def.accessTies ? def.accessTies(exec, row, id) : {}),
      };
    },
  };
}

/**
 * The usual change rule for a row filed under one organisation: read it first (NOT_FOUND),
 * then the organisation must be in the manage scope (FORBIDDEN). Reading first matters: a
 * ministry_owner may read a system through a supervised contract without its unit being in
 * their scope, and must then get FORBIDDEN, not NOT_FOUND.
 */
export async function assertCanManageReadable(
  db: Executor,
  actor: Actor,
  record: { orgId: string; canRead: boolean },
): Promise<void> {
  if (!record.canRead) {
    throw new AppError('NOT_FOUND');
  }
  if (!isInScope(await resolveManageScope(db, actor), record.orgId)) {
    throw new AppError('FORBIDDEN');
  }
}
