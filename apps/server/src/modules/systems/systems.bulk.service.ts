import type { ContactKind, Environment, ProtectionLevel, SystemKind, SystemStatus } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import type { PolicyInForce } from '../../lib/policy.js';
import { throwFirstProblem } from '../../lib/problems.js';
import { insertContacts } from './contacts.repository.js';
import { insertSystems } from './systems.repository.js';
import { checkSystemRecord } from './systems.rules.js';

/** A system recorded in bulk, its id chosen by the caller, with the contracts it belongs to. */
export type BulkSystem = {
  id: string;
  orgId: string;
  name: string;
  kind: SystemKind;
  urls: string[];
  environment: Environment;
  status: SystemStatus;
  launchDate: string | null;
  decommissionDate: string | null;
  protectionLevel: ProtectionLevel;
  handlesPersonalData: boolean;
  personalDataCategories: string | null;
  personalDataPurpose: string | null;
  personalDataLegalBasis: string | null;
  exitPlan: string | null;
  description: string | null;
  contractIds: readonly string[];
};

/**
 * Records systems and their contract links in bulk inside the caller's transaction (the
 * importer's commit), under the policy in force, their contacts not yet confirmed. The
 * system rules (checkSystemRecord, on the Taipei day `today`) run on every row and the
 * first problem is thrown; units, contracts and access were checked by the caller in the
 * same transaction, which also records the audit event.
 */
export async function createSystemsInBulk(
  tx: Executor,
  options: { policy: PolicyInForce; today: string; systems: readonly BulkSystem[] },
): Promise<void> {
  const { policy, today } = options;
  throwFirstProblem(options.systems.flatMap((s) => checkSystemRecord(s, today)));
  await insertSystems(tx, {
    systems: options.systems.map(({ contractIds: _links, ...s }) => ({
      ...s,
      policyVersionId: policy.id,
      contactsConfirmedAt: null,
    })),
    contractLinks: options.systems.flatMap((s) => s.contractIds.map((contractId) => ({ contractId, systemId: s.id }))),
  });
}

/** A system's contact of one kind, recorded in bulk. */
export type BulkContact = {
  systemId: string;
  kind: ContactKind;
  name: string;
  organisation: string | null;
  title: string | null;
  phone: string;
  email: string;
};

/**
 * Records contacts in bulk inside the caller's transaction (the importer's commit), as
 * changed by `updatedBy`. The caller has checked that no system has that kind yet; one
 * recorded meanwhile fails the unique index and rolls everything back.
 */
export async function createSystemContactsInBulk(
  tx: Executor,
  options: { updatedBy: string | null; contacts: readonly BulkContact[] },
): Promise<void> {
  await insertContacts(
    tx,
    options.contacts.map((c) => ({ ...c, updatedBy: options.updatedBy })),
  );
}
