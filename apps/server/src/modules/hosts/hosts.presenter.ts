import type { Host, HostDetail } from '@custodian/shared';
import type { HostListRow } from './hosts.repository.js';

/** Maps a list row to the API shape. */
export function presentHost(row: HostListRow): Host {
  const h = row.host;
  return {
    id: h.id,
    orgId: h.orgId,
    orgName: row.orgName,
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
  };
}

export function presentHostDetail(
  row: HostListRow,
  extra: { systems: HostDetail['systems']; canManage: boolean },
): HostDetail {
  return { ...presentHost(row), systems: extra.systems, canManage: extra.canManage };
}
