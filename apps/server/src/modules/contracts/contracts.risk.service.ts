import type { RiskAssessment, RiskAssessmentCreateInput, RiskAssessmentUpdateInput } from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { AppError } from '../../errors.js';
import { taipeiToday } from '../../lib/policy.js';
import { requireActor } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import { loadManageableContract } from './contracts.access.js';
import { presentRiskAssessment } from './contracts.presenter.js';
import {
  findRiskAssessment,
  insertRiskAssessment,
  updateRiskAssessment as updateRow,
  type RiskAssessmentRow,
} from './contracts.records.repository.js';
import { recordsChanged } from '../../lib/record-changes.js';

/**
 * Item 三: before commissioning, the Ministry weighs the potential security risks
 * (cracked passwords, damaged systems, lost data …). Files hang on an assessment through
 * the attachments module (owner type `risk_assessment`).
 */

function assertNotFuture(assessedOn: string | undefined, now: Date): void {
  if (assessedOn !== undefined && assessedOn > taipeiToday(now)) {
    throw new AppError('RISK_ASSESSMENT_DATE_INVALID');
  }
}

/** The audit view of an assessment: what was judged, not the free text. */
function auditView(row: Pick<RiskAssessmentRow, 'assessedOn' | 'assessor' | 'risks' | 'level'>) {
  return { assessedOn: row.assessedOn, assessor: row.assessor, risks: row.risks, level: row.level };
}

async function loadAssessment(deps: AppDeps, options: { contractId: string; id: string }): Promise<RiskAssessment> {
  const row = await findRiskAssessment(deps.db, options);
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return presentRiskAssessment(row);
}

/** Records a risk assessment of a contract the caller may manage. */
export async function createRiskAssessment(
  deps: AppDeps,
  ctx: RequestContext,
  contractId: string,
  input: RiskAssessmentCreateInput,
): Promise<RiskAssessment> {
  const actor = requireActor(ctx.actor);
  const contract = await loadManageableContract(deps, actor, contractId);
  assertNotFuture(input.assessedOn, ctx.now);
  const id = await deps.db.transaction(async (tx) => {
    const row = await insertRiskAssessment(tx, {
      contractId,
      assessedOn: input.assessedOn,
      assessor: input.assessor,
      risks: input.risks,
      level: input.level,
      mitigation: input.mitigation ?? null,
      conclusion: input.conclusion ?? null,
      createdBy: actor.via === 'system' ? null : actor.userId,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'contract.risk_assessment_create',
      orgId: contract.unitId,
      targetType: 'risk_assessment',
      targetId: row.id,
      summary: { contractId, after: auditView(input) },
    });
    return row.id;
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'contract.riskAssessment', subjectIds: [contractId] }]);
  return loadAssessment(deps, { contractId, id });
}

/** Changes a risk assessment; NOT_FOUND when it belongs to another contract. */
export async function updateRiskAssessment(
  deps: AppDeps,
  ctx: RequestContext,
  options: { contractId: string; id: string; input: RiskAssessmentUpdateInput },
): Promise<RiskAssessment> {
  const { contractId, id, input } = options;
  const actor = requireActor(ctx.actor);
  const contract = await loadManageableContract(deps, actor, contractId);
  const before = await findRiskAssessment(deps.db, { contractId, id });
  if (!before) {
    throw new AppError('NOT_FOUND');
  }
  assertNotFuture(input.assessedOn, ctx.now);
  const changes = {
    ...(input.assessedOn !== undefined ? { assessedOn: input.assessedOn } : {}),
    ...(input.assessor !== undefined ? { assessor: input.assessor } : {}),
    ...(input.risks !== undefined ? { risks: input.risks } : {}),
    ...(input.level !== undefined ? { level: input.level } : {}),
    ...(input.mitigation !== undefined ? { mitigation: input.mitigation } : {}),
    ...(input.conclusion !== undefined ? { conclusion: input.conclusion } : {}),
  };
  await deps.db.transaction(async (tx) => {
    await updateRow(tx, id, changes, ctx.now);
    await recordAudit(tx, deps, ctx, {
      action: 'contract.risk_assessment_update',
      orgId: contract.unitId,
      targetType: 'risk_assessment',
      targetId: id,
      summary: {
        contractId,
        changed: Object.keys(changes),
        before: auditView(before),
        after: auditView({ ...before, ...changes }),
      },
    });
  });
  await recordsChanged(deps, ctx.now, [{ trigger: 'contract.riskAssessment', subjectIds: [contractId] }]);
  return loadAssessment(deps, { contractId, id });
}
