import type { VendorQualification, VendorQualificationSummary } from '@custodian/shared';
import { mayActOn, type Viewer } from '../../lib/permissions.js';
import type { QualificationWithMeta } from './vendors.repository.js';
import type { SummaryRow } from './vendors.summary.repository.js';

/** Only units and vendors hold qualifications (the service refuses others). */
function holderKind(kind: string): 'unit' | 'vendor' {
  return kind === 'vendor' ? 'vendor' : 'unit';
}

/** Maps a row to the API shape, with what the viewer may do with it. */
export function presentQualification(row: QualificationWithMeta, viewer: Viewer): VendorQualification {
  const manages = mayActOn(viewer, 'vendors.manage', row.orgId);
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    orgKind: holderKind(row.orgKind),
    parentOrgName: row.parentOrgName,
    parentOrgNameEn: row.parentOrgNameEn,
    kind: row.kind,
    name: row.name,
    certificateNumber: row.certificateNumber,
    issuer: row.issuer,
    scope: row.scope,
    issuedOn: row.issuedOn,
    expiresOn: row.expiresOn,
    status: row.status,
    daysToExpiry: row.daysToExpiry,
    notes: row.notes,
    attachmentCount: row.attachmentCount,
    createdBy: row.createdBy,
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    can: { edit: manages, delete: manages },
  };
}

/** Maps a per-organisation summary row to the API shape. */
export function presentSummary(row: SummaryRow): VendorQualificationSummary {
  return { ...row, orgKind: holderKind(row.orgKind) };
}
