import { AppError } from '../errors.js';
import type { AppDeps, Actor } from './context.js';
import { taipeiToday } from './policy.js';
import { moduleAccessConditions, type AccessRefusal } from '../modules/registry.js';

/**
 * The modules' conditions on opening records tied to contracts (`AppModule.accessConditions`),
 * e.g. item 六's confidentiality commitment. Tenancy decides WHICH records an actor may read;
 * these may still refuse one they could read, with a reason the web can show. No module names
 * another: the systems and contracts services call this with the record's contracts.
 */

/** The first refusal of any module's condition for these contracts at `now`; undefined when none refuses. */
export async function accessRefusal(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  target: { contractIds: readonly string[]; now: Date },
): Promise<AccessRefusal | undefined> {
  if (target.contractIds.length === 0) {
    return undefined;
  }
  const today = taipeiToday(target.now);
  for (const condition of moduleAccessConditions(deps.modules)) {
    const refusal = await condition.refusal(deps.db, actor, { contractIds: target.contractIds, today });
    if (refusal) {
      return refusal;
    }
  }
  return undefined;
}

/** Throws the refusal (its code, with its parameters in the answer) when a condition refuses. */
export async function assertAccessConditions(
  deps: Pick<AppDeps, 'db' | 'modules'>,
  actor: Actor,
  target: { contractIds: readonly string[]; now: Date },
): Promise<void> {
  const refusal = await accessRefusal(deps, actor, target);
  if (refusal) {
    throw new AppError(refusal.code, { params: refusal.params });
  }
}
