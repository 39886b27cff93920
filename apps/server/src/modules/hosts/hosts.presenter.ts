import type { Host, HostDetail } from '@custodian/shared';
import { OPEN_ACCESS, type RecordAccess } from '../../lib/access-conditions.js';
import { mayActOn, type Viewer } from '../../lib/permissions.js';
import type { HostListRow } from './hosts.repository.js';

/** Maps a list row to the API shape, with what the viewer may do with it. */
export function presentHost(row: HostListRow, viewer: Viewer, access: RecordAccess = OPEN_ACCESS): Host {
  const h = row.host;
  return {
    id: h.id,
    orgId: h.orgId,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    hostname: h.hostname,
    ips: h.ips,
    os: h.os,
    role: h.role,
    location: h.location,
    site: h.site,
    notes: h.notes,
    isActive: h.isActive,
    systemCount: Number(row.systemCount),
    createdAt: h.createdAt.toISOString(),
    updatedAt: h.updatedAt.toISOString(),
    can: { edit: mayActOn(viewer, 'host.manage', h.orgId) },
    access,
  };
}

export function presentHostDetail(
  row: HostListRow,
  extra: { systems: HostDetail['systems']; viewer: Viewer },
): HostDetail {
  return { ...presentHost(row, extra.viewer), systems: extra.systems };
}
