import type { HostLocation } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import { throwFirstProblem } from '../../lib/problems.js';
import { insertHosts } from './hosts.repository.js';
import { checkHostname, checkIps } from './hosts.rules.js';

/** A host recorded in bulk, its id chosen by the caller, with the systems it serves. */
export type BulkHost = {
  id: string;
  orgId: string;
  hostname: string;
  ips: string[];
  os: string | null;
  role: string | null;
  location: HostLocation;
  site: string | null;
  notes: string | null;
  systemIds: readonly string[];
};

/**
 * Records hosts and the systems they serve in bulk inside the caller's transaction (the
 * importer's commit). The host rules run on every row and the first problem is thrown;
 * names, systems and access were checked by the caller in the same transaction, which also
 * records the audit event. A name taken meanwhile fails the unique index.
 */
export async function createHostsInBulk(tx: Executor, rows: readonly BulkHost[]): Promise<void> {
  throwFirstProblem(rows.flatMap((h) => [...checkHostname(h.hostname), ...checkIps(h.ips)]));
  await insertHosts(tx, {
    hosts: rows.map(({ systemIds: _links, ...h }) => h),
    systemLinks: rows.flatMap((h) => h.systemIds.map((systemId) => ({ systemId, hostId: h.id }))),
  });
}
