import type { SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { contracts } from '../../db/schema/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../../lib/context.js';
import { isInScope, resolveManageScope, resolveRegistryScope, type RegistryScope } from '../../lib/tenancy.js';
import { canReadContract, contractsVisibleSql } from '../contracts/contracts.tenancy.js';

/**
 * Who sees and changes agreements (ADR 0018): an agreement belongs to its contract's
 * commissioned unit (乙方). Whoever reads the contract reads the agreement (the unit, the
 * Ministry roles supervising it, the contract's business owner, item 十四); the Ministry's
 * security office and the unit's administrators change it.
 */
export type AgreementParty = { orgId: string; unitId: string; ownerUserId: string | null };

/** WHERE fragment for agreements a scope may read (through their contract); undefined for all. */
export function agreementsVisibleSql(scope: RegistryScope): SQL | undefined {
  return contractsVisibleSql(scope, { unitId: contracts.unitId, ownerUserId: contracts.ownerUserId });
}

export function canReadAgreement(scope: RegistryScope, party: AgreementParty): boolean {
  return canReadContract(scope, party);
}

/** NOT_FOUND when the actor cannot read the agreement, FORBIDDEN when they can read but not change it. */
export async function assertCanManageAgreement(db: Executor, actor: Actor, party: AgreementParty): Promise<void> {
  if (!canReadAgreement(await resolveRegistryScope(db, actor), party)) {
    throw new AppError('NOT_FOUND');
  }
  if (actor.role === 'ministry_admin') {
    return;
  }
  if (actor.role === 'unit_admin' && isInScope(await resolveManageScope(db, actor), party.orgId)) {
    return;
  }
  throw new AppError('FORBIDDEN');
}

/** Whether the actor may change the agreement (no throw), for presenters' `can`. */
export async function mayManageAgreement(db: Executor, actor: Actor, party: AgreementParty): Promise<boolean> {
  try {
    await assertCanManageAgreement(db, actor, party);
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
      return false;
    }
    throw err;
  }
}
