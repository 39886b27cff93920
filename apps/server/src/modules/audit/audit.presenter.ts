import type { AuditEvent } from '@custodian/shared';
import type { AuditRowWithOrg } from './audit.repository.js';

/** Maps a row to the API shape; the hashes and request id stay internal. */
export function presentAuditEvent(row: AuditRowWithOrg): AuditEvent {
  return {
    seq: row.seq,
    id: row.id,
    occurredAt: row.occurredAt.toISOString(),
    actorUserId: row.actorUserId,
    actorLabel: row.actorLabel,
    orgId: row.orgId,
    orgName: row.orgName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    summary: row.summary,
    ip: row.ip,
    userAgent: row.userAgent,
  };
}
