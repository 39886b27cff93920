import { randomUUID } from 'node:crypto';
import type { Executor } from '../../db/client.js';
import type { PolicyInForce } from '../../lib/policy.js';
import { createContractsInBulk, type BulkContract } from '../contracts/contracts.bulk.service.js';
import { createHostsInBulk, type BulkHost } from '../hosts/hosts.bulk.service.js';
import { createOrganisationsInBulk, type BulkOrganisation } from '../organisations/organisations.service.js';
import {
  createSystemContactsInBulk,
  createSystemsInBulk,
  type BulkContact,
  type BulkSystem,
} from '../systems/systems.bulk.service.js';
import type { Resolved } from './imports.resolve.js';
import { codeKey, systemKey, type ImportRows } from './imports.types.js';

/**
 * Turns resolved rows into the records each owning module creates, with their ids chosen
 * here so links between new records need no round trip, and writes them through those
 * modules' bulk services (ADR 0018: services are the only writers of their tables).
 * Contracts start with nothing marked, so the policy in force decides which clauses are
 * missing (ADR 0010); systems start with their contacts unconfirmed.
 */
export type ImportCounts = {
  units: number;
  vendors: number;
  contracts: number;
  systems: number;
  hosts: number;
  contacts: number;
};

export type ImportPlan = {
  organisations: BulkOrganisation[];
  contracts: BulkContract[];
  systems: BulkSystem[];
  hosts: BulkHost[];
  contacts: BulkContact[];
};

/** Called only when `resolved.errors` is empty: every reference resolves. */
export function buildImportPlan(options: { rows: ImportRows; resolved: Resolved; ministryId: string }): {
  plan: ImportPlan;
  counts: ImportCounts;
} {
  const { rows, resolved, ministryId } = options;
  const orgIdByCode = new Map([...resolved.orgs.values()].map((o) => [codeKey(o.code), o.id]));
  const newOrgIds = new Map(rows.units.map((u) => [codeKey(u.code), randomUUID()]));
  const orgId = (code: string) => {
    const id = newOrgIds.get(codeKey(code)) ?? orgIdByCode.get(codeKey(code));
    if (!id) {
      throw new Error(`unresolved organisation ${code}`);
    }
    return id;
  };
  const plan: ImportPlan = {
    organisations: rows.units.map((u) => ({
      id: orgId(u.code),
      kind: u.parentCode ? 'vendor' : 'unit',
      unitType: u.unitType,
      code: u.code,
      name: u.name,
      nameEn: u.nameEn,
      parentId: u.parentCode ? orgId(u.parentCode) : ministryId,
    })),
    contracts: [],
    systems: [],
    hosts: [],
    contacts: [],
  };

  const contractIds = new Map([...resolved.contracts.values()].map((c) => [c.number, c.id]));
  for (const c of rows.contracts) {
    const id = randomUUID();
    contractIds.set(c.number.trim().toLowerCase(), id);
    plan.contracts.push({
      id,
      number: c.number,
      name: c.name,
      type: c.type,
      divisionId: orgId(c.divisionCode),
      ownerUserId: c.ownerEmail ? (resolved.owners.get(c.ownerEmail)?.id ?? null) : null,
      unitId: orgId(c.unitCode),
      periodStart: c.periodStart,
      periodEnd: c.periodEnd,
      amount: c.amount,
      notes: c.notes,
      subcontractorIds: c.subcontractorCodes.map(orgId),
    });
  }
  const contractId = (number: string) => {
    const id = contractIds.get(number.trim().toLowerCase());
    if (!id) {
      throw new Error(`unresolved contract ${number}`);
    }
    return id;
  };

  const newSystemIds = new Map<string, string>();
  for (const s of rows.systems) {
    const id = randomUUID();
    newSystemIds.set(systemKey(s.unitCode, s.name), id);
    const { row: _row, unitCode, contractNumbers, ...fields } = s;
    plan.systems.push({ ...fields, id, orgId: orgId(unitCode), contractIds: contractNumbers.map(contractId) });
  }
  const systemId = (unitCode: string, name: string) => {
    const target = resolved.system(unitCode, name);
    const id =
      typeof target === 'string' ? undefined : target.source === 'db' ? target.id : newSystemIds.get(target.key);
    if (!id) {
      throw new Error(`unresolved system ${name}`);
    }
    return id;
  };

  for (const h of rows.hosts) {
    const id = randomUUID();
    const { row: _row, unitCode, systemNames, ...fields } = h;
    plan.hosts.push({
      ...fields,
      id,
      orgId: orgId(unitCode),
      systemIds: systemNames.map((name) => systemId(unitCode, name)),
    });
  }
  for (const c of rows.contacts) {
    const { row: _row, unitCode, systemName, ...fields } = c;
    plan.contacts.push({ ...fields, systemId: systemId(unitCode, systemName) });
  }

  const vendors = plan.organisations.filter((o) => o.kind === 'vendor').length;
  return {
    plan,
    counts: {
      units: plan.organisations.length - vendors,
      vendors,
      contracts: plan.contracts.length,
      systems: plan.systems.length,
      hosts: plan.hosts.length,
      contacts: plan.contacts.length,
    },
  };
}

/**
 * Writes a plan through the owning modules' bulk services, in dependency order, inside the
 * caller's transaction: a failure in any of them rolls the whole import back. One
 * statement per table and chunk of rows, as before the services took over the writes.
 */
export async function writeImportPlan(
  tx: Executor,
  options: { plan: ImportPlan; policy: PolicyInForce; today: string; userId: string | null },
): Promise<void> {
  const { plan, policy, today, userId } = options;
  await createOrganisationsInBulk(tx, plan.organisations);
  await createContractsInBulk(tx, { policy, createdBy: userId, contracts: plan.contracts });
  await createSystemsInBulk(tx, { policy, today, systems: plan.systems });
  await createHostsInBulk(tx, plan.hosts);
  await createSystemContactsInBulk(tx, { updatedBy: userId, contacts: plan.contacts });
}
