import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../lib/context.js';
import { inIds, isInScope, resolveManageScope, resolveRegistryScope, type RegistryScope } from '../../lib/tenancy.js';

/**
 * Which contracts a scope sees (ADR 0018): a contract belongs to its
 * commissioned unit, and its business owner (a ministry_owner) sees it wherever the unit sits
 * (item 十四). A risk assessment belongs to its contract.
 */

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
