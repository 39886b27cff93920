import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { MINISTRY_ROLES } from '@custodian/shared';
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

/** Resolves the organisations an actor may read. */
export async function resolveOrgScope(db: Executor, actor: Actor): Promise<OrgScope> {
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
 * For a new system or host of `orgId`: the actor may manage that organisation, and it is a
 * commissioned unit (divisions and vendors hold no registry records). NOT_FOUND outside the
 * read scope or when it does not exist, FORBIDDEN outside the manage scope,
 * SYSTEM_UNIT_INVALID for any other kind.
 */
export async function assertCanManageUnit(db: Executor, actor: Actor, orgId: string): Promise<void> {
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
    throw new AppError('SYSTEM_UNIT_INVALID');
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

/** `col = any($ids)`, with the array as one parameter. */
function inIds(col: AnyPgColumn | SQL, ids: string[]): SQL {
  return sql`${col} = any(${sql.param(ids)}::uuid[])`;
}

/** WHERE fragment for contracts a scope may read; undefined when it may read all. */
export function contractsVisibleSql(
  scope: RegistryScope,
  cols: { unitId: AnyPgColumn; ownerUserId: AnyPgColumn },
): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  const byUnit = inIds(cols.unitId, scope.orgIds);
  return scope.supervisorId ? sql`(${byUnit} or ${cols.ownerUserId} = ${scope.supervisorId})` : byUnit;
}

/** WHERE fragment for systems (or rows of a system) a scope may read. */
export function systemsVisibleSql(
  scope: RegistryScope,
  cols: { orgId: AnyPgColumn; systemId: AnyPgColumn },
): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  const byOrg = inIds(cols.orgId, scope.orgIds);
  if (!scope.supervisorId) {
    return byOrg;
  }
  return sql`(${byOrg} or exists (select 1 from contract_systems cs join contracts c on c.id = cs.contract_id
    where cs.system_id = ${cols.systemId} and c.owner_user_id = ${scope.supervisorId}))`;
}

/** WHERE fragment for hosts a scope may read. */
export function hostsVisibleSql(
  scope: RegistryScope,
  cols: { orgId: AnyPgColumn; hostId: AnyPgColumn },
): SQL | undefined {
  if (scope.kind === 'all') {
    return undefined;
  }
  const byOrg = inIds(cols.orgId, scope.orgIds);
  if (!scope.supervisorId) {
    return byOrg;
  }
  return sql`(${byOrg} or exists (select 1 from system_hosts sh join contract_systems cs on cs.system_id = sh.system_id
    join contracts c on c.id = cs.contract_id where sh.host_id = ${cols.hostId} and c.owner_user_id = ${scope.supervisorId}))`;
}

/** Whether a scope may read one contract. */
export function canReadContract(
  scope: RegistryScope,
  contract: { unitId: string; ownerUserId: string | null },
): boolean {
  if (scope.kind === 'all') {
    return true;
  }
  return (
    scope.orgIds.includes(contract.unitId) ||
    (scope.supervisorId !== null && contract.ownerUserId === scope.supervisorId)
  );
}

/**
 * Checks that an actor may change a contract: the Ministry's admin any, its business owner
 * (or a ministry_owner supervising the unit) theirs, a unit_admin their unit's. NOT_FOUND
 * when they cannot read it, FORBIDDEN when they can read but not change it.
 */
export async function assertCanManageContract(
  db: Executor,
  actor: Actor,
  contract: { unitId: string; ownerUserId: string | null },
): Promise<void> {
  const scope = await resolveRegistryScope(db, actor);
  if (!canReadContract(scope, contract)) {
    throw new AppError('NOT_FOUND');
  }
  if (actor.role === 'ministry_admin' || actor.role === 'ministry_owner') {
    return;
  }
  if (actor.role === 'unit_admin' && isInScope(await resolveManageScope(db, actor), contract.unitId)) {
    return;
  }
  throw new AppError('FORBIDDEN');
}
