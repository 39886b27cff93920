import { accessOfSystems, assertSystemsAccess, systemsAccess } from '../../lib/access-conditions.js';
import type {
  FalsePositiveInput,
  FindingDetail,
  FindingListQuery,
  FindingReopenInput,
  FindingState,
  LaunchBlocker,
  LaunchCheck,
  MinistryApprovalInput,
  RiskAcceptanceInput,
} from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { AppError } from '../../errors.js';
import type { Actor, AppDeps, RequestContext } from '../../lib/context.js';
import { viewerOf } from '../../lib/permissions.js';
import { taipeiToday } from '../../lib/policy.js';
import { assertCanManage, requireActor, resolveRegistryScope } from '../../lib/tenancy.js';
import { recordAudit } from '../audit/audit.service.js';
import type { LaunchCheckInput } from '../registry.js';
import { launchBlockers } from '../systems/systems.launch.js';
import { getSystem } from '../systems/systems.service.js';
import {
  findLaunchBlockingFindings,
  findVisibleFinding,
  listFindings as listRows,
  reopenExpiredRiskAcceptances,
  updateFinding,
  type FindingRow,
} from './findings.repository.js';
import { presentFinding, presentFindingDetail } from './scans.presenter.js';
import { findLatestScanTakenAt } from './scans.repository.js';

/** Titles a launch refusal names at most; the count says how many there are in all. */
const MAX_BLOCKER_TITLES = 50;

/** The findings list (Ministry-wide for the Ministry, the unit's own for a unit), filtered on the server. */
export async function listFindings(deps: AppDeps, ctx: RequestContext, query: FindingListQuery) {
  const actor = requireActor(ctx.actor);
  const scope = await resolveRegistryScope(deps.db, actor);
  const today = taipeiToday(ctx.now);
  const { items, total, totalIsEstimate } = await listRows(deps.db, { scope, query, today });
  const viewer = await viewerOf(deps.db, actor);
  // Item 六 (ADR 0028): a finding of a system the actor may not open is listed, marked so.
  const access = await systemsAccess(deps, actor, { systemIds: items.map((row) => row.systemId), now: ctx.now });
  return {
    items: items.map((row) => presentFinding(row, { viewer, today, access: accessOfSystems(access, [row.systemId]) })),
    total,
    totalIsEstimate,
    page: query.page,
    pageSize: query.pageSize,
  };
}

async function findReadable(db: Executor, actor: Actor, id: string): Promise<FindingRow> {
  const scope = await resolveRegistryScope(db, actor);
  const row = await findVisibleFinding(db, { scope, id });
  if (!row) {
    throw new AppError('NOT_FOUND');
  }
  return row;
}

/** One finding with its texts; NOT_FOUND outside the caller's scope. */
export async function getFinding(deps: AppDeps, ctx: RequestContext, id: string): Promise<FindingDetail> {
  const actor = requireActor(ctx.actor);
  const row = await findReadable(deps.db, actor, id);
  // Other modules' conditions on its system's contracts (item 六), after tenancy.
  await assertSystemsAccess(deps, actor, { systemIds: [row.systemId], now: ctx.now });
  return presentFindingDetail(row, { viewer: await viewerOf(deps.db, actor), today: taipeiToday(ctx.now) });
}

function assertStateIn(row: FindingRow, states: readonly FindingState[]): void {
  if (!states.includes(row.state)) {
    throw new AppError('FINDING_STATE_INVALID');
  }
}

type FindingChange = 'false_positive' | 'risk_accept' | 'ministry_approve' | 'ministry_unapprove' | 'reopen';

/** Applies a lifecycle change with its audit event, in one transaction, and returns the finding. */
async function changeFinding(
  deps: AppDeps,
  ctx: RequestContext,
  input: {
    row: FindingRow;
    change: FindingChange;
    values: Parameters<typeof updateFinding>[2];
    summary: Record<string, unknown>;
  },
): Promise<FindingDetail> {
  const { row } = input;
  await deps.db.transaction(async (tx) => {
    await updateFinding(tx, row.id, input.values, ctx.now);
    const { change } = input;
    await recordAudit(tx, deps, ctx, {
      action:
        change === 'false_positive'
          ? 'scan_finding.false_positive'
          : change === 'risk_accept'
            ? 'scan_finding.risk_accept'
            : change === 'ministry_approve'
              ? 'scan_finding.ministry_approve'
              : change === 'ministry_unapprove'
                ? 'scan_finding.ministry_unapprove'
                : 'scan_finding.reopen',
      orgId: row.orgId,
      targetType: 'scan_finding',
      targetId: row.id,
      summary: { systemId: row.systemId, title: row.title, before: row.state, ...input.summary },
    });
  });
  return getFinding(deps, ctx, row.id);
}

/** Marks a finding a false positive, with the reason and who approved it. */
export async function markFalsePositive(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: FalsePositiveInput,
): Promise<FindingDetail> {
  const actor = requireActor(ctx.actor);
  const row = await findReadable(deps.db, actor, id);
  await assertCanManage(deps.db, actor, row.orgId);
  assertStateIn(row, ['open', 'risk_accepted']);
  return changeFinding(deps, ctx, {
    row,
    change: 'false_positive',
    values: {
      state: 'false_positive',
      stateChangedAt: ctx.now,
      dispositionReason: input.reason,
      dispositionApprover: input.approver,
      dispositionBy: actor.via === 'system' ? null : actor.userId,
      riskAcceptedUntil: null,
      ministryApproved: false,
      ministryApprovedBy: null,
    },
    summary: { reason: input.reason, approver: input.approver },
  });
}

/** Accepts a finding as a risk until a day, with the reason and who approved it; it reopens after. */
export async function acceptRisk(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: RiskAcceptanceInput,
): Promise<FindingDetail> {
  const actor = requireActor(ctx.actor);
  const row = await findReadable(deps.db, actor, id);
  await assertCanManage(deps.db, actor, row.orgId);
  assertStateIn(row, ['open', 'false_positive']);
  if (input.expiresOn <= taipeiToday(ctx.now)) {
    throw new AppError('FINDING_EXPIRY_INVALID', { field: 'expiresOn' });
  }
  return changeFinding(deps, ctx, {
    row,
    change: 'risk_accept',
    values: {
      state: 'risk_accepted',
      stateChangedAt: ctx.now,
      dispositionReason: input.reason,
      dispositionApprover: input.approver,
      dispositionBy: actor.via === 'system' ? null : actor.userId,
      riskAcceptedUntil: input.expiresOn,
      ministryApproved: false,
      ministryApprovedBy: null,
    },
    summary: { reason: input.reason, approver: input.approver, expiresOn: input.expiresOn },
  });
}

/**
 * The Ministry's approval of a risk acceptance (ministry roles only, by permission); an
 * approved acceptance counts as closed for the pre-launch gate.
 */
export async function approveRiskAcceptance(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: MinistryApprovalInput,
): Promise<FindingDetail> {
  const actor = requireActor(ctx.actor);
  const row = await findReadable(deps.db, actor, id);
  assertStateIn(row, ['risk_accepted']);
  return changeFinding(deps, ctx, {
    row,
    change: input.approved ? 'ministry_approve' : 'ministry_unapprove',
    values: {
      ministryApproved: input.approved,
      ministryApprovedBy: input.approved && actor.via !== 'system' ? actor.userId : null,
    },
    summary: { approved: input.approved, riskAcceptedUntil: row.riskAcceptedUntil },
  });
}

/** Reopens a disposed of or fixed finding, with a reason. */
export async function reopenFinding(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: FindingReopenInput,
): Promise<FindingDetail> {
  const actor = requireActor(ctx.actor);
  const row = await findReadable(deps.db, actor, id);
  await assertCanManage(deps.db, actor, row.orgId);
  assertStateIn(row, ['false_positive', 'risk_accepted', 'fixed', 'verified_fixed']);
  return changeFinding(deps, ctx, {
    row,
    change: 'reopen',
    values: {
      state: 'open',
      stateChangedAt: ctx.now,
      dispositionReason: null,
      dispositionApprover: null,
      dispositionBy: null,
      riskAcceptedUntil: null,
      ministryApproved: false,
      ministryApprovedBy: null,
      fixedInScanId: null,
    },
    summary: { reason: input.reason },
  });
}

/**
 * Reopens every risk acceptance that expired before today (job `scans.risk-expiry`), with
 * one audit event per finding, in one transaction.
 */
export async function expireRiskAcceptances(deps: AppDeps, ctx: RequestContext): Promise<number> {
  return deps.db.transaction(async (tx) => {
    const reopened = await reopenExpiredRiskAcceptances(tx, { today: taipeiToday(ctx.now), now: ctx.now });
    for (const finding of reopened) {
      await recordAudit(tx, deps, ctx, {
        action: 'scan_finding.risk_expired',
        orgId: finding.orgId,
        targetType: 'scan_finding',
        targetId: finding.id,
        summary: { riskAcceptedUntil: finding.riskAcceptedUntil },
      });
    }
    return reopened.length;
  });
}

/**
 * The pre-launch gate (items 四十二, 四十三 (一) 1), as the systems module asks it through
 * `launchChecks`: a scan taken after the system's last change, and no open Critical or High
 * finding (an accepted risk counts as closed only with the Ministry's approval).
 */
export async function scanLaunchBlockers(db: Executor, system: LaunchCheckInput): Promise<LaunchBlocker[]> {
  const blockers: LaunchBlocker[] = [];
  const lastScanAt = await findLatestScanTakenAt(db, system.id);
  if (!lastScanAt) {
    blockers.push({ kind: 'no_scan' });
  } else if (lastScanAt < system.lastChangeAt) {
    blockers.push({
      kind: 'scan_outdated',
      lastScanAt: lastScanAt.toISOString(),
      lastChangeAt: system.lastChangeAt.toISOString(),
    });
  }
  const open = await findLaunchBlockingFindings(db, { systemId: system.id, limit: MAX_BLOCKER_TITLES });
  if (open.count > 0) {
    blockers.push({ kind: 'open_findings', count: open.count, findings: open.findings });
  }
  return blockers;
}

/** Whether a system the caller may read may go online now, and what blocks it (every module's checks). */
export async function checkLaunch(deps: AppDeps, ctx: RequestContext, systemId: string): Promise<LaunchCheck> {
  const system = await getSystem(deps, ctx, systemId);
  const blockers = await launchBlockers(deps, deps.db, {
    id: system.id,
    orgId: system.orgId,
    lastChangeAt: new Date(system.updatedAt),
  });
  return { systemId, allowed: blockers.length === 0, blockers };
}
