import { can, type Allocation, type AllocationRenewal, type AllocationRenewalQueueItem } from '@custodian/shared';
import { OPEN_ACCESS, type RecordAccess } from '../../lib/access-conditions.js';
import { mayActOn, type Viewer } from '../../lib/permissions.js';
import type { AllocationRow } from './allocations.repository.js';
import type { RenewalRow, RenewalWithAllocation } from './allocations.renewals.repository.js';
import { calendarDaysBetween } from './allocations.period.js';

/** What the viewer may do with an allocation: release or renew an active one of their scope. */
export function allocationAbilities(viewer: Viewer, row: AllocationRow): Allocation['can'] {
  const manages = row.status === 'active' && mayActOn(viewer, 'allocation.manage', row.orgId);
  return { release: manages, renew: manages && !row.hasPendingRenewal };
}

/**
 * Maps an allocation row to the API shape; `today` is the Taipei date expiry is judged on,
 * `viewer` who is asking.
 */
export function presentAllocation(
  row: AllocationRow,
  today: string,
  viewer: Viewer,
  access: RecordAccess = OPEN_ACCESS,
): Allocation {
  const daysToExpiry = calendarDaysBetween(today, row.expiresOn);
  return {
    id: row.id,
    systemId: row.systemId,
    systemName: row.systemName,
    systemStatus: row.systemStatus,
    orgId: row.orgId,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    kind: row.kind,
    value: row.value,
    startsOn: row.startsOn,
    expiresOn: row.expiresOn,
    status: row.status,
    isExpired: row.status === 'active' && daysToExpiry < 0,
    daysToExpiry,
    hasPendingRenewal: row.hasPendingRenewal,
    releasedAt: row.releasedAt ? row.releasedAt.toISOString() : null,
    releaseReason: row.releaseReason,
    policyVersionId: row.policyVersionId,
    policyVersion: row.policyVersion,
    maxYears: row.maxYears,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: allocationAbilities(viewer, row),
    access,
  };
}

/** Maps a renewal request to the API shape. */
export function presentRenewal(row: RenewalRow): AllocationRenewal {
  return {
    id: row.id,
    allocationId: row.allocationId,
    status: row.status,
    reason: row.reason,
    requestedBy: row.requestedBy,
    requestedByName: row.requestedByName,
    requestedAt: row.requestedAt.toISOString(),
    decidedBy: row.decidedBy,
    decidedByName: row.decidedByName,
    decidedAt: row.decidedAt ? row.decidedAt.toISOString() : null,
    decisionNote: row.decisionNote,
    newStartsOn: row.newStartsOn,
    newExpiresOn: row.newExpiresOn,
  };
}

/** A queue entry: the request, its allocation and the period an approval would start. */
export function presentRenewalQueueItem(
  row: RenewalWithAllocation,
  options: { today: string; proposed: { startsOn: string; expiresOn: string } | null; viewer: Viewer },
): AllocationRenewalQueueItem {
  return {
    ...presentRenewal(row),
    allocation: presentAllocation(row.allocation, options.today, options.viewer),
    proposedStartsOn: options.proposed?.startsOn ?? null,
    proposedExpiresOn: options.proposed?.expiresOn ?? null,
    can: { decide: row.status === 'pending' && can(options.viewer.actor.role, 'allocation.approve') },
  };
}
