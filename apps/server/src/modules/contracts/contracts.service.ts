import { assertAccessConditions } from '../../lib/access-conditions.js';
import type {
  ContractCreateInput,
  ContractDetail,
  ContractListItem,
  ContractListQuery,
  ContractPartyOptions,
  ContractUpdateInput,
} from '@custodian/shared';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { isUniqueViolation } from '../../db/errors.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { isInScope, requireActor, resolveOrgScope, resolveRegistryScope } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import {
  assertMayCreateContract,
  assertMayHoldContract,
  loadContractDetail,
  loadManageableContract,
} from './contracts.access.js';
import { evaluateClauseChecklist } from './contracts.compliance.js';
import { presentContractListItem } from './contracts.presenter.js';
import { assertContractPeriod } from './contracts.rules.js';
import {
  findContractIdByNumber,
  findContractSystemOrgIds,
  findOrganisationKinds,
  findUserRole,
  insertContract,
  listContracts as listRows,
  listPartyOptions,
  listSubcontractors,
  replaceSubcontractors,
  updateContract as updateRow,
  type ContractRow,
} from './contracts.repository.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';

/** Lists the contracts the caller may see (unit: its own; business owner: supervised and owned; Ministry: all). */
export async function listContracts(
  deps: AppDeps,
  ctx: RequestContext,
  query: ContractListQuery,
): Promise<{ items: ContractListItem[]; total: number; totalIsEstimate: boolean; page: number; pageSize: number }> {
  const scope = await resolveRegistryScope(deps.db, requireActor(ctx.actor));
  const { items, total, totalIsEstimate } = await listRows(deps.db, scope, query);
  return {
    items: items.map(presentContractListItem),
    total,
    totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** One contract with its checklist, duty notice, risk assessments and systems; NOT_FOUND outside scope. */
export async function getContract(deps: AppDeps, ctx: RequestContext, id: string): Promise<ContractDetail> {
  const actor = requireActor(ctx.actor);
  const detail = await loadContractDetail(deps, actor, id, ctx.now);
  // Other modules' conditions on opening the contract's records (item 六's commitment), after tenancy.
  await assertAccessConditions(deps, actor, { contractIds: [id], now: ctx.now });
  return detail;
}

/** Divisions and business owners a contract may name (a unit_admin cannot list them otherwise). */
export async function getContractPartyOptions(deps: AppDeps): Promise<ContractPartyOptions> {
  return listPartyOptions(deps.db);
}

type PartyChanges = {
  divisionId?: string;
  unitId?: string;
  ownerUserId?: string | null;
  subcontractorIds?: string[];
};

/**
 * Checks the parties being set: a division, an active unit, an active ministry_owner as
 * business owner, and active vendors the caller can see as subcontractors. Only the parties
 * given are checked, so editing a contract of a since-deactivated unit still works.
 */
async function assertPartiesValid(deps: AppDeps, actor: Actor, p: PartyChanges): Promise<void> {
  const orgIds = [p.divisionId, p.unitId, ...(p.subcontractorIds ?? [])].filter((v): v is string => Boolean(v));
  const found = new Map((await findOrganisationKinds(deps.db, orgIds)).map((o) => [o.id, o]));
  const isOrg = (id: string | undefined, kind: string) => {
    const org = id ? found.get(id) : undefined;
    return org !== undefined && org.kind === kind && org.isActive;
  };
  if (p.divisionId !== undefined && !isOrg(p.divisionId, 'division')) {
    throw new AppError('CONTRACT_PARTY_INVALID', { field: 'divisionId' });
  }
  if (p.unitId !== undefined && !isOrg(p.unitId, 'unit')) {
    throw new AppError('CONTRACT_PARTY_INVALID', { field: 'unitId' });
  }
  if (p.subcontractorIds?.length) {
    const scope = await resolveOrgScope(deps.db, actor);
    if (!p.subcontractorIds.every((id) => isOrg(id, 'vendor') && isInScope(scope, id))) {
      throw new AppError('CONTRACT_PARTY_INVALID', { field: 'subcontractorIds' });
    }
  }
  if (p.ownerUserId) {
    const owner = await findUserRole(deps.db, p.ownerUserId);
    if (!owner || owner.role !== 'ministry_owner' || !owner.isActive) {
      throw new AppError('CONTRACT_PARTY_INVALID', { field: 'ownerUserId' });
    }
  }
}

async function assertNumberFree(deps: AppDeps, number: string, selfId?: string): Promise<void> {
  const existing = await findContractIdByNumber(deps.db, number);
  if (existing && existing !== selfId) {
    throw new AppError('CONTRACT_NUMBER_TAKEN');
  }
}

const slaText = (v: number | null | undefined) => (v === undefined ? undefined : v === null ? null : String(v));

/** The calendar's contract triggers, recomputed after a contract was created or changed. */
const contractChanged = (deps: AppDeps, now: Date, id: string) =>
  recordsChanged(
    deps,
    now,
    ['contract.dutyNotice', 'contract.missingClauses', 'contract.riskAssessment'].map((trigger) => ({
      trigger,
      subjectIds: [id],
    })),
  );

/**
 * Creates a contract judged by the policy version in force today; nothing is marked yet,
 * so every required clause starts missing.
 */
export async function createContract(
  deps: AppDeps,
  ctx: RequestContext,
  input: ContractCreateInput,
): Promise<ContractDetail> {
  const actor = requireActor(ctx.actor);
  assertContractPeriod(input);
  // Scope before validity: a unit outside the scope answers as a missing one does.
  await assertMayCreateContract(deps, actor, { unitId: input.unitId, ownerUserId: input.ownerUserId ?? null });
  await assertPartiesValid(deps, actor, input);
  await assertNumberFree(deps, input.number);
  const policy = await policyInForce(deps.db, taipeiToday(ctx.now));
  const verdict = evaluateClauseChecklist(policy.rules.contractClauses, []);
  try {
    const id = await deps.db.transaction(async (tx) => {
      const row = await insertContract(tx, {
        number: input.number,
        name: input.name,
        type: input.type,
        divisionId: input.divisionId,
        ownerUserId: input.ownerUserId ?? null,
        unitId: input.unitId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        amount: input.amount ?? null,
        slaAvailability: slaText(input.slaAvailability) ?? null,
        rtoHours: input.rtoHours ?? null,
        rpoHours: input.rpoHours ?? null,
        notes: input.notes ?? null,
        policyVersionId: policy.id,
        complianceStatus: verdict.status,
        missingClauses: verdict.missing,
        createdBy: actor.via === 'system' ? null : actor.userId,
      });
      await replaceSubcontractors(tx, row.id, input.subcontractorIds);
      await recordAudit(tx, deps, ctx, {
        action: 'contract.create',
        orgId: row.unitId,
        targetType: 'contract',
        targetId: row.id,
        summary: {
          after: {
            ...auditFields(row),
            subcontractorIds: input.subcontractorIds,
            policyVersion: policy.version,
            complianceStatus: verdict.status,
            missingClauses: verdict.missing,
          },
        },
      });
      await orgRecordsChanged(tx, deps, { orgIds: [row.unitId], now: ctx.now });
      return row.id;
    });
    await contractChanged(deps, ctx.now, id);
    return await loadContractDetail(deps, actor, id, ctx.now);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('CONTRACT_NUMBER_TAKEN');
    }
    throw err;
  }
}

/** The fields an audit summary shows (no free text beyond the name). */
function auditFields(row: ContractRow) {
  return {
    number: row.number,
    name: row.name,
    type: row.type,
    unitId: row.unitId,
    divisionId: row.divisionId,
    ownerUserId: row.ownerUserId,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    amount: row.amount,
    slaAvailability: row.slaAvailability,
    rtoHours: row.rtoHours,
    rpoHours: row.rpoHours,
  };
}

/** Changes a contract's details or parties; the caller must be able to manage it before and after. */
export async function updateContract(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ContractUpdateInput,
): Promise<ContractDetail> {
  const actor = requireActor(ctx.actor);
  const before = await loadManageableContract(deps, actor, id);
  const changes = {
    ...(input.number !== undefined ? { number: input.number } : {}),
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.type !== undefined ? { type: input.type } : {}),
    ...(input.divisionId !== undefined ? { divisionId: input.divisionId } : {}),
    ...(input.ownerUserId !== undefined ? { ownerUserId: input.ownerUserId } : {}),
    ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
    ...(input.periodStart !== undefined ? { periodStart: input.periodStart } : {}),
    ...(input.periodEnd !== undefined ? { periodEnd: input.periodEnd } : {}),
    ...(input.amount !== undefined ? { amount: input.amount } : {}),
    ...(input.slaAvailability !== undefined ? { slaAvailability: slaText(input.slaAvailability) } : {}),
    ...(input.rtoHours !== undefined ? { rtoHours: input.rtoHours } : {}),
    ...(input.rpoHours !== undefined ? { rpoHours: input.rpoHours } : {}),
    ...(input.notes !== undefined ? { notes: input.notes } : {}),
  };
  const after = { ...before, ...changes };
  assertContractPeriod(after);
  await assertPartiesValid(deps, actor, {
    ...(changes.divisionId !== undefined && changes.divisionId !== before.divisionId
      ? { divisionId: changes.divisionId }
      : {}),
    ...(changes.unitId !== undefined && changes.unitId !== before.unitId ? { unitId: changes.unitId } : {}),
    ...(changes.ownerUserId !== undefined && changes.ownerUserId !== before.ownerUserId
      ? { ownerUserId: changes.ownerUserId }
      : {}),
    ...(input.subcontractorIds !== undefined ? { subcontractorIds: input.subcontractorIds } : {}),
  });
  await assertMayHoldContract(deps, actor, after);
  if (changes.number !== undefined) {
    await assertNumberFree(deps, changes.number, id);
  }
  const subcontractorsBefore = (await listSubcontractors(deps.db, id)).map((s) => s.id);
  try {
    await deps.db.transaction(async (tx) => {
      await updateRow(tx, id, changes, ctx.now);
      if (input.subcontractorIds !== undefined) {
        await replaceSubcontractors(tx, id, input.subcontractorIds);
      }
      const keys = Object.keys(changes) as (keyof typeof changes)[];
      await recordAudit(tx, deps, ctx, {
        action: 'contract.update',
        orgId: after.unitId,
        targetType: 'contract',
        targetId: id,
        summary: {
          before: {
            ...Object.fromEntries(keys.map((k) => [k, k === 'notes' ? '(text)' : before[k]])),
            ...(input.subcontractorIds !== undefined ? { subcontractorIds: subcontractorsBefore } : {}),
          },
          after: {
            ...Object.fromEntries(keys.map((k) => [k, k === 'notes' ? '(text)' : changes[k]])),
            ...(input.subcontractorIds !== undefined ? { subcontractorIds: input.subcontractorIds } : {}),
          },
        },
      });
      // Its unit before and after, and the units of its systems, which its business owner sees through it.
      await orgRecordsChanged(tx, deps, {
        orgIds: [before.unitId, after.unitId, ...(await findContractSystemOrgIds(tx, id))],
        now: ctx.now,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('CONTRACT_NUMBER_TAKEN');
    }
    throw err;
  }
  await contractChanged(deps, ctx.now, id);
  return loadContractDetail(deps, actor, id, ctx.now);
}
