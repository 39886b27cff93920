import {
  StoredPolicyRulesSchema,
  type PolicyVersion,
  type PolicyVersionDetail,
  type PolicyVersionStatus,
  type PolicyVersionUsage,
} from '@custodian/shared';
import type { PolicyVersionWithPublisher } from './policy.repository.js';

/** Where a version stands on a day, given the version in force then. */
export function policyVersionStatus(
  row: { id: string; effectiveFrom: string },
  options: { currentId: string; today: string },
): PolicyVersionStatus {
  if (row.id === options.currentId) {
    return 'current';
  }
  return row.effectiveFrom > options.today ? 'scheduled' : 'superseded';
}

/** Maps a row to the API shape. */
export function presentPolicyVersion(row: PolicyVersionWithPublisher, currentId: string): PolicyVersion {
  return {
    id: row.id,
    version: row.version,
    effectiveFrom: row.effectiveFrom,
    rules: StoredPolicyRulesSchema.parse(row.rules),
    notes: row.notes,
    publishedBy: row.publishedBy,
    publishedByName: row.publishedByName,
    createdAt: row.createdAt.toISOString(),
    isCurrent: row.id === currentId,
  };
}

/** A version with its standing today and the records judged by it. */
export function presentPolicyVersionDetail(
  row: PolicyVersionWithPublisher,
  options: { currentId: string; today: string; usage: PolicyVersionUsage },
): PolicyVersionDetail {
  return {
    ...presentPolicyVersion(row, options.currentId),
    status: policyVersionStatus(row, options),
    usage: options.usage,
  };
}
