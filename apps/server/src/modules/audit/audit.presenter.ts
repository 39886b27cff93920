import type { AuditEvent } from '@custodian/shared';
import type { AuditCatalog, ResolvedTarget } from './audit.labels.js';
import type { AuditRowWithOrg } from './audit.repository.js';

/**
 * Maps a row to the API shape, with the registered labels of its action and target kind and
 * its target's resolved name; the hashes and request id stay internal.
 */
export function presentAuditEvent(row: AuditRowWithOrg, catalog: AuditCatalog, target: ResolvedTarget): AuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    orgId: row.orgId,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    action: row.action,
    actionLabel: catalog.actions.get(row.action)?.label ?? null,
    targetType: row.targetType,
    targetId: row.targetId,
    summary: row.summary,
    ip: row.ip,
    userAgent: row.userAgent,
    target: { typeLabel: catalog.targets.get(row.targetType)?.label ?? null, ...target },
  };
}
