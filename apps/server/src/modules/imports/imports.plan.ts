import { randomUUID } from 'node:crypto';
import type { Actor } from '../../lib/context.js';
import type { PolicyInForce } from '../../lib/policy.js';
import { evaluateClauseChecklist } from '../contracts/contracts.compliance.js';
import type { ImportInsertPlan } from './imports.repository.js';
import type { Resolved } from './imports.resolve.js';
import { codeKey, systemKey, type ImportRows } from './imports.types.js';

/**
 * Turns resolved rows into the rows to insert, with their ids chosen here so links between
 * new records need no round trip. Contracts start with nothing marked, so the policy in
 * force decides which clauses are missing (ADR 0010); systems start with their contacts
 * unconfirmed.
 */
export type ImportCounts = {
  units: number;
  vendors: number;
  contracts: number;
  systems: number;
  hosts: number;
  contacts: number;
};

/** Called only when `resolved.errors` is empty: every reference resolves. */
export function buildInsertPlan(options: {
  rows: ImportRows;
  resolved: Resolved;
  policy: PolicyInForce;
  actor: Actor;
  ministryId: string;
}): { plan: ImportInsertPlan; counts: ImportCounts } {
  const { rows, resolved, policy, actor, ministryId } = options;
  const userId = actor.via === 'system' ? null : actor.userId;
  const orgIdByCode = new Map([...resolved.orgs.values()].map((o) => [codeKey(o.code), o.id]));
  const newOrgIds = new Map(rows.units.map((u) => [codeKey(u.code), randomUUID()]));
  const orgId = (code: string) => {
    const id = newOrgIds.get(codeKey(code)) ?? orgIdByCode.get(codeKey(code));
    if (!id) {
      throw new Error(`unresolved organisation ${code}`);
    }
    return id;
  };
  const plan: ImportInsertPlan = {
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
    contractSubcontractors: [],
    systems: [],
    contractSystems: [],
    hosts: [],
    systemHosts: [],
    systemContacts: [],
  };

  const verdict = evaluateClauseChecklist(policy.rules.contractClauses, []);
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
      policyVersionId: policy.id,
      complianceStatus: verdict.status,
      missingClauses: verdict.missing,
      createdBy: userId,
    });
    for (const code of c.subcontractorCodes) {
      plan.contractSubcontractors.push({ contractId: id, vendorId: orgId(code) });
    }
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
    plan.systems.push({ ...fields, id, orgId: orgId(unitCode), policyVersionId: policy.id, contactsConfirmedAt: null });
    for (const number of contractNumbers) {
      plan.contractSystems.push({ contractId: contractId(number), systemId: id });
    }
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
    plan.hosts.push({ ...fields, id, orgId: orgId(unitCode) });
    for (const name of systemNames) {
      plan.systemHosts.push({ systemId: systemId(unitCode, name), hostId: id });
    }
  }
  for (const c of rows.contacts) {
    const { row: _row, unitCode, systemName, ...fields } = c;
    plan.systemContacts.push({ ...fields, systemId: systemId(unitCode, systemName), updatedBy: userId });
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
      contacts: plan.systemContacts.length,
    },
  };
}
