import type { CommitmentState, ContractAccess, ContractMemberAccess } from '@custodian/shared';
import { accessRefusal } from '../../lib/access-conditions.js';
import { canReadContract } from '../contracts/contracts.tenancy.js';
import { resolveRegistryScope } from '../../lib/tenancy.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import { requireActor } from '../../lib/tenancy.js';
import type { AccessCondition, AccessRefusal } from '../registry.js';
import {
  commitmentsOfUserOn,
  contractsWithAgreements,
  findContractForAgreement,
  listContractMembers,
  type CommitmentRow,
} from './agreements.repository.js';
import { commitmentStateOn } from './agreements.rules.js';
import { assertCanManageAgreement } from './agreements.tenancy.js';

/*
 * Item 六: 「相關人員執行委託業務前，應填寫保密承諾書」. A unit_member opens the systems and
 * records of a contract that holds a confidentiality agreement only with a valid commitment
 * of their own on it (signed on paper or confirmed in the app, not expired). A contract
 * without any agreement is not enforced: there is no staff list to be on yet (the unit's
 * administrators see such contracts as lacking an agreement).
 */

const RANK: Record<CommitmentState, number> = { valid: 3, expired: 2, unsigned: 1, missing: 0 };

/** The best state among a person's commitments on one contract (several agreements may exist). */
function bestState(rows: readonly CommitmentRow[], today: string): { state: CommitmentState; row?: CommitmentRow } {
  let best: { state: CommitmentState; row?: CommitmentRow } = { state: 'missing' };
  for (const row of rows) {
    const state = commitmentStateOn(row, today);
    if (RANK[state] > RANK[best.state]) {
      best = { state, row };
    }
  }
  return best;
}

/** Per contract (of those enforced), the actor's best commitment state. */
async function statesOf(db: Executor, userId: string, contractIds: readonly string[], today: string) {
  const enforced = await contractsWithAgreements(db, contractIds);
  const rows = await commitmentsOfUserOn(db, userId, enforced);
  return enforced.map((contractId) => ({
    contractId,
    ...bestState(
      rows.filter((r) => r.contractId === contractId).map((r) => r.commitment),
      today,
    ),
  }));
}

/** The registered condition: unit_members only; COMMITMENT_REQUIRED with the contract and the state. */
export const commitmentAccessCondition: AccessCondition = {
  name: 'agreements.commitment',
  concerns: (actor) => actor.role === 'unit_member',
  async refusals(db: Executor, actor: Actor, target) {
    const out = new Map<string, AccessRefusal>();
    if (actor.role !== 'unit_member') {
      return out;
    }
    for (const { contractId, state } of await statesOf(db, actor.userId, target.contractIds, target.today)) {
      if (state !== 'valid') {
        out.set(contractId, { code: 'COMMITMENT_REQUIRED', params: { contractId, state } });
      }
    }
    return out;
  },
};

/**
 * For the unit's administrators: every unit_member of the contract's unit and its
 * subcontractors, their commitment state and whether item 六 blocks them.
 */
export async function listContractMemberAccess(
  deps: AppDeps,
  ctx: RequestContext,
  contractId: string,
): Promise<ContractMemberAccess[]> {
  const actor = requireActor(ctx.actor);
  const contract = await findContractForAgreement(deps.db, contractId);
  if (!contract) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManageAgreement(deps.db, actor, {
    orgId: contract.unitId,
    unitId: contract.unitId,
    ownerUserId: contract.ownerUserId,
  });
  const today = taipeiToday(ctx.now);
  const enforced = (await contractsWithAgreements(deps.db, [contractId])).length > 0;
  const out: ContractMemberAccess[] = [];
  for (const member of await listContractMembers(deps.db, contractId)) {
    const rows = enforced ? await commitmentsOfUserOn(deps.db, member.userId, [contractId]) : [];
    const best = bestState(
      rows.map((r) => r.commitment),
      today,
    );
    out.push({
      userId: member.userId,
      name: member.name,
      email: member.email,
      orgId: member.orgId,
      state: best.state,
      blocked: enforced && best.state !== 'valid',
      commitmentId: best.row?.id ?? null,
      expiresOn: best.row?.expiresOn ?? null,
    });
  }
  return out;
}

/**
 * The caller's ability to open a contract's records (every module's access conditions, item
 * 六's among them), for the web to show the reason instead of a dead button. NOT_FOUND when
 * the contract is outside what the caller reads.
 */
export async function getContractAccess(
  deps: AppDeps,
  ctx: RequestContext,
  contractId: string,
): Promise<ContractAccess> {
  const actor = requireActor(ctx.actor);
  const contract = await findContractForAgreement(deps.db, contractId);
  if (!contract || !canReadContract(await resolveRegistryScope(deps.db, actor), contract)) {
    throw new AppError('NOT_FOUND');
  }
  const refusal = await accessRefusal(deps, actor, { contractIds: [contractId], now: ctx.now });
  return { contractId, can: { open: refusal === undefined }, reason: refusal ?? null };
}
