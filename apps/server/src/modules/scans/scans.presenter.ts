import { can, type Finding, type FindingDetail, type Scan, type ScanImport, type ScanSummary } from '@custodian/shared';
import { OPEN_ACCESS, type RecordAccess } from '../../lib/access-conditions.js';
import { mayActOn, type Viewer } from '../../lib/permissions.js';
import type { FindingRow } from './findings.repository.js';
import type { ImportProgress } from './scans.import.js';
import type { ScanImportRow, ScanRow } from './scans.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A scan as the API shows it. */
export function presentScan(row: ScanRow, access: RecordAccess = OPEN_ACCESS): Scan {
  return {
    id: row.id,
    orgId: row.orgId,
    systemId: row.systemId,
    systemName: row.systemName,
    tool: row.tool,
    toolVersion: row.toolVersion,
    format: row.format,
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    takenAt: row.takenAt.toISOString(),
    scope: row.scope,
    uploadedByName: row.uploadedByName,
    fileName: row.fileName,
    fileSize: row.fileSize,
    fileSha256: row.fileSha256,
    findingCount: row.findingCount,
    summary: row.summary as ScanSummary,
    createdAt: row.createdAt.toISOString(),
    access,
  };
}

/** An import attempt with its live progress (when it runs in this process) and its scan once stored. */
export function presentScanImport(
  row: ScanImportRow,
  extra: { progress: ImportProgress | undefined; scan: Scan | null },
): ScanImport {
  return {
    id: row.id,
    systemId: row.systemId,
    fileName: row.fileName,
    fileSize: row.fileSize,
    fileSha256: row.fileSha256,
    status: row.status,
    bytesParsed: extra.progress?.bytes ?? row.bytesParsed,
    findingsParsed: extra.progress?.findings ?? row.findingsParsed,
    errorCode: row.errorCode,
    errorReason: row.errorReason,
    scan: extra.scan,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Whether a finding is overdue on `today` (the list's `overdue` filter says the same in SQL). */
export function isFindingOverdue(
  row: Pick<FindingRow, 'dueOn' | 'state' | 'ministryApproved'>,
  today: string,
): boolean {
  if (!row.dueOn || row.dueOn >= today) {
    return false;
  }
  return row.state === 'open' || (row.state === 'risk_accepted' && !row.ministryApproved);
}

/** A finding for the list, with what the viewer may do with it. */
export function presentFinding(
  row: FindingRow,
  options: { viewer: Viewer; today: string; access?: RecordAccess },
): Finding {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    systemId: row.systemId,
    systemName: row.systemName,
    tool: row.tool,
    ruleId: row.ruleId,
    title: row.title,
    severity: row.severity,
    toolSeverity: row.toolSeverity,
    cvssScore: row.cvssScore,
    cvssVector: row.cvssVector,
    cves: row.cves,
    cwes: row.cwes,
    hostname: row.hostname,
    ip: row.ip,
    port: row.port,
    protocol: row.protocol,
    url: row.url,
    component: row.component,
    hostId: row.hostId,
    state: row.state,
    dueOn: row.dueOn,
    isOverdue: isFindingOverdue(row, options.today),
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenScanId: row.lastSeenScanId,
    dispositionReason: row.dispositionReason,
    dispositionApprover: row.dispositionApprover,
    riskAcceptedUntil: row.riskAcceptedUntil,
    ministryApproved: row.ministryApproved,
    can: {
      dispose: mayActOn(options.viewer, 'findings.dispose', row.orgId),
      approve: can(options.viewer.actor.role, 'findings.approve') && row.state === 'risk_accepted',
    },
    access: options.access ?? OPEN_ACCESS,
  };
}

/** One finding with its texts. */
export function presentFindingDetail(row: FindingRow, options: { viewer: Viewer; today: string }): FindingDetail {
  return {
    ...presentFinding(row, options),
    description: row.description,
    solution: row.solution,
    references: row.references,
    evidence: row.evidence,
    toolFindingId: row.toolFindingId,
    policyVersion: row.policyVersion,
  };
}
