import { can, type ContractDetail } from '@custodian/shared';
import type { Actor, AppDeps } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { policyById, policyInForce, taipeiToday } from '../../lib/policy.js';
import { resolveRegistryScope } from '../../lib/tenancy.js';
import { assertCanManageContract, canReadContract } from './contracts.tenancy.js';
import { presentContractDetail } from './contracts.presenter.js';
import {
  findContractById,
  findContractWithNames,
  listContractSystems,
  listSubcontractors,
  type ContractRow,
} from './contracts.repository.js';
import { listClauseRows, listRiskAssessments } from './contracts.records.repository.js';

/** Loading a contract for a caller, and what they may do with it. Tenancy itself is decided in lib/tenancy.ts. */

type Parties = { unitId: string; ownerUserId: string | null };

/** Whether the actor may change a contract with these parties (no throw). */
export async function canManageContract(deps: AppDeps, actor: Actor, parties: Parties): Promise<boolean> {
  try {
    await assertCanManageContract(deps.db, actor, parties);
    return true;
  } catch (err) {
    if (err instanceof AppError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) {
      return false;
    }
    throw err;
  }
}

/**
 * Refuses to move a contract the actor manages to parties they could not then manage (a
 * unit_admin naming another unit, a business owner naming a unit they do not supervise
 * and another owner): FORBIDDEN, since the caller asked for it explicitly.
 */
export async function assertMayHoldContract(deps: AppDeps, actor: Actor, parties: Parties): Promise<void> {
  if (!(await canManageContract(deps, actor, parties))) {
    throw new AppError('FORBIDDEN');
  }
}

/**
 * Refuses to create a contract the actor could not then manage. A unit outside what the
 * actor may read is NOT_FOUND, as a record outside the scope is (and as for a new system or
 * host), so whether it exists does not leak; FORBIDDEN when they may read but not manage it.
 */
export async function assertMayCreateContract(deps: AppDeps, actor: Actor, parties: Parties): Promise<void> {
  await assertCanManageContract(deps.db, actor, parties);
}

/** A contract the actor may change: NOT_FOUND outside their read scope, FORBIDDEN outside their manage scope. */
export async function loadManageableContract(deps: AppDeps, actor: Actor, id: string): Promise<ContractRow> {
  const row = await findContractById(deps.db, id);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  await assertCanManageContract(deps.db, actor, row);
  return row;
}

/** The detail of a contract the actor may read at `now`, with their permissions on it. */
export async function loadContractDetail(deps: AppDeps, actor: Actor, id: string, now: Date): Promise<ContractDetail> {
  const contract = await findContractWithNames(deps.db, id);
  const scope = await resolveRegistryScope(deps.db, actor);
  if (!contract || !canReadContract(scope, contract)) {
    throw new AppError('NOT_FOUND');
  }
  // In turn, not Promise.all: `deps.db` is a transaction when the demo seed creates contracts.
  const policy = await policyById(deps.db, contract.policyVersionId);
  const current = await policyInForce(deps.db, taipeiToday(now));
  const clauses = await listClauseRows(deps.db, id);
  const subcontractors = await listSubcontractors(deps.db, id);
  const riskAssessments = await listRiskAssessments(deps.db, id);
  const systems = await listContractSystems(deps.db, id);
  const canManage = await canManageContract(deps, actor, contract);
  return presentContractDetail({
    contract,
    rules: policy.rules.contractClauses,
    currentPolicyVersion: current.version,
    clauses,
    subcontractors,
    riskAssessments,
    systems,
    can: {
      edit: canManage && can(actor.role, 'contract.manage'),
      notify: canManage && can(actor.role, 'contract.notify'),
      acknowledge:
        canManage &&
        can(actor.role, 'contract.acknowledge') &&
        contract.dutyNoticeSentAt !== null &&
        contract.dutyAcknowledgedAt === null,
      reevaluate: canManage && can(actor.role, 'contract.reevaluate'),
    },
  });
}
