import type { ContractClauseInput, ContractClausesBulkInput, ContractDetail } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import { policyById, policyInForce, taipeiToday } from '../../lib/policy.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadContractDetail, loadManageableContract } from './contracts.access.js';
import { assertClauseMarkAllowed, evaluateClauseChecklist, type ComplianceVerdict } from './contracts.compliance.js';
import { findContractById, updateContract } from './contracts.repository.js';
import { listClauseRows, upsertClauses, type ClauseWrite } from './contracts.records.repository.js';
import { orgRecordsChanged, recordsChanged } from '../../lib/record-changes.js';

/**
 * The security clause checklist (items 七, 九, 十二, 十三, 四十二). Only this service writes
 * contract_clauses, and it stores the verdict in the same transaction (ADR 0010).
 */

/** Re-reads the marks and stores the verdict on the contract; the contract row must be locked. */
async function storeVerdict(
  tx: Executor,
  options: { contractId: string; rules: Parameters<typeof evaluateClauseChecklist>[0]; now: Date },
): Promise<ComplianceVerdict> {
  const marks = await listClauseRows(tx, options.contractId);
  const verdict = evaluateClauseChecklist(
    options.rules,
    marks.map((m) => ({ code: m.clauseCode, status: m.status })),
  );
  await updateContract(
    tx,
    options.contractId,
    { complianceStatus: verdict.status, missingClauses: verdict.missing },
    options.now,
  );
  return verdict;
}

/**
 * Marks clauses present, absent or not applicable, all or none: CLAUSE_UNKNOWN for a
 * code outside the contract's policy version, CLAUSE_NOT_APPLICABLE_REFUSED where the
 * rule does not accept "not applicable". The verdict is recomputed and audited.
 */
export async function setContractClauses(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: ContractClausesBulkInput,
): Promise<ContractDetail> {
  const actor = requireActor(ctx.actor);
  const contract = await loadManageableContract(deps, actor, id);
  const policy = await policyById(deps.db, contract.policyVersionId);
  const rules = policy.rules.contractClauses;
  for (const item of input.items) {
    assertClauseMarkAllowed(rules, item);
  }
  await deps.db.transaction(async (tx) => {
    const locked = await findContractById(tx, id, { forUpdate: true });
    if (!locked) {
      throw new AppError('NOT_FOUND');
    }
    if (locked.policyVersionId !== contract.policyVersionId) {
      // Re-evaluated meanwhile: the codes were checked against the old version.
      throw new AppError('CONFLICT');
    }
    const codes = new Set(input.items.map((i) => i.code));
    const beforeRows = (await listClauseRows(tx, id)).filter((r) => codes.has(r.clauseCode));
    // An omitted article reference or note keeps the stored one; null clears it.
    const stored = new Map(beforeRows.map((r) => [r.clauseCode, r]));
    const writes: ClauseWrite[] = input.items.map((i) => ({
      code: i.code,
      status: i.status,
      articleRef: i.articleRef !== undefined ? i.articleRef : (stored.get(i.code)?.articleRef ?? null),
      note: i.note !== undefined ? i.note : (stored.get(i.code)?.note ?? null),
    }));
    await upsertClauses(tx, {
      contractId: id,
      userId: actor.via === 'system' ? null : actor.userId,
      items: writes,
      now: ctx.now,
    });
    const verdict = await storeVerdict(tx, { contractId: id, rules, now: ctx.now });
    await recordAudit(tx, deps, ctx, {
      action: 'contract.clauses_update',
      orgId: locked.unitId,
      targetType: 'contract',
      targetId: id,
      summary: {
        policyVersion: policy.version,
        before: {
          clauses: Object.fromEntries(
            beforeRows.map((r) => [
              r.clauseCode,
              { status: r.status, articleRef: r.articleRef, hasNote: r.note !== null },
            ]),
          ),
          complianceStatus: locked.complianceStatus,
          missingClauses: locked.missingClauses,
        },
        after: {
          clauses: Object.fromEntries(
            writes.map((w) => [w.code, { status: w.status, articleRef: w.articleRef, hasNote: w.note !== null }]),
          ),
          complianceStatus: verdict.status,
          missingClauses: verdict.missing,
        },
      },
    });
    await orgRecordsChanged(tx, deps, { orgIds: [locked.unitId], now: ctx.now });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'contract.missingClauses', subjectIds: [id] }]);
  return loadContractDetail(deps, actor, id, ctx.now);
}

/** Marks one clause; see setContractClauses. */
export async function setContractClause(
  deps: AppDeps,
  ctx: RequestContext,
  options: { id: string; code: string; input: ContractClauseInput },
): Promise<ContractDetail> {
  return setContractClauses(deps, ctx, options.id, { items: [{ ...options.input, code: options.code }] });
}

/**
 * Moves a contract to the policy version in force today and judges its marks by it. An
 * explicit, audited act (ADR 0010): publishing a version changes no contract by itself.
 */
export async function reevaluateContract(deps: AppDeps, ctx: RequestContext, id: string): Promise<ContractDetail> {
  const actor = requireActor(ctx.actor);
  await loadManageableContract(deps, actor, id);
  await deps.db.transaction(async (tx) => {
    const locked = await findContractById(tx, id, { forUpdate: true });
    if (!locked) {
      throw new AppError('NOT_FOUND');
    }
    const from = await policyById(tx, locked.policyVersionId);
    const to = await policyInForce(tx, taipeiToday(ctx.now));
    await updateContract(tx, id, { policyVersionId: to.id }, ctx.now);
    const verdict = await storeVerdict(tx, { contractId: id, rules: to.rules.contractClauses, now: ctx.now });
    await recordAudit(tx, deps, ctx, {
      action: 'contract.reevaluate',
      orgId: locked.unitId,
      targetType: 'contract',
      targetId: id,
      summary: {
        before: {
          policyVersionId: from.id,
          policyVersion: from.version,
          complianceStatus: locked.complianceStatus,
          missingClauses: locked.missingClauses,
        },
        after: {
          policyVersionId: to.id,
          policyVersion: to.version,
          complianceStatus: verdict.status,
          missingClauses: verdict.missing,
        },
      },
    });
    await orgRecordsChanged(tx, deps, { orgIds: [locked.unitId], now: ctx.now });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'contract.missingClauses', subjectIds: [id] }]);
  return loadContractDetail(deps, actor, id, ctx.now);
}
