import { inArray } from 'drizzle-orm';
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
  const [readScope, manageScope] = await Promise.all([resolveOrgScope(db, actor), resolveManageScope(db, actor)]);
  assertInScope(readScope, orgId);
  if (!isInScope(manageScope, orgId)) {
    throw new AppError('FORBIDDEN');
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
