import type { ImportRowError, ImportRowErrorCode, ImportSheet } from '@custodian/shared';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../lib/context.js';
import { isInScope, resolveManageScope, resolveOrgScope, resolveRegistryScope } from '../../lib/tenancy.js';
import { canReadContract } from '../contracts/contracts.tenancy.js';
import {
  findContactKinds,
  findContractsByNumber,
  findHostsByName,
  findOrganisationsByCode,
  findSystemsByName,
  findUsersByEmail,
  type ContractRef,
  type OrgRef,
  type UserRef,
} from './imports.repository.js';
import { codeKey, systemKey, type FileKeys, type ImportRows } from './imports.types.js';

/**
 * The checks that need the database: codes, numbers, e-mail addresses and names must name
 * records the caller may use (in the database or in the same file), and keys must not
 * exist already. Preview runs them to show errors; commit runs them again inside its
 * transaction, so anything that changed since the preview is caught there.
 */
export type UnitTarget = { source: 'db'; id: string } | { source: 'file'; code: string };
export type SystemTarget = { source: 'db'; id: string } | { source: 'file'; key: string };

export type Resolved = {
  errors: ImportRowError[];
  orgs: Map<string, OrgRef>;
  owners: Map<string, UserRef>;
  contracts: Map<string, ContractRef>;
  unit: (code: string) => UnitTarget | ImportRowErrorCode;
  system: (unitCode: string, name: string) => SystemTarget | ImportRowErrorCode;
};

const unique = <T>(items: T[]) => [...new Set(items)];
const lower = (text: string) => text.trim().toLowerCase();

/** Resolves every reference of the checked rows for an actor; errors list what does not resolve. */
export async function resolveImport(db: Executor, actor: Actor, rows: ImportRows, keys: FileKeys): Promise<Resolved> {
  const isMinistryAdmin = actor.role === 'ministry_admin';
  // In turn, not Promise.all: a commit resolves again inside its transaction.
  const manage = await resolveManageScope(db, actor);
  const read = await resolveOrgScope(db, actor);
  const registry = await resolveRegistryScope(db, actor);
  const errors: ImportRowError[] = [];
  const push = (sheet: ImportSheet, row: number, column: string | null, code: ImportRowErrorCode, value?: string) =>
    errors.push({ sheet, row, column, code, value: value ?? null });

  const codes = unique([
    ...rows.units.flatMap((u) => [u.code, ...(u.parentCode ? [u.parentCode] : [])]),
    ...rows.contracts.flatMap((c) => [c.unitCode, c.divisionCode, ...c.subcontractorCodes]),
    ...rows.systems.map((s) => s.unitCode),
    ...rows.hosts.map((h) => h.unitCode),
    ...rows.contacts.map((c) => c.unitCode),
  ]);
  // Keyed by codeKey: a code matches whatever case it was stored or typed in.
  const orgs = new Map((await findOrganisationsByCode(db, codes)).map((o) => [codeKey(o.code), o]));
  const orgOf = (code: string) => orgs.get(codeKey(code));
  const fileUnitOf = (code: string) => keys.units.get(codeKey(code));

  const unit = (code: string): UnitTarget | ImportRowErrorCode => {
    const org = orgOf(code);
    if (org) {
      if (!isInScope(manage, org.id)) {
        return 'IMPORT_ROW_UNKNOWN_UNIT';
      }
      return org.kind === 'unit' ? { source: 'db', id: org.id } : 'SYSTEM_UNIT_INVALID';
    }
    const inFile = fileUnitOf(code);
    if (inFile && isMinistryAdmin) {
      return inFile.isVendor ? 'SYSTEM_UNIT_INVALID' : { source: 'file', code };
    }
    return 'IMPORT_ROW_UNKNOWN_UNIT';
  };

  // 單位: only the Ministry's security office adds units and vendors.
  for (const u of rows.units) {
    if (!isMinistryAdmin) {
      push('units', u.row, null, 'IMPORT_ROW_FORBIDDEN');
      continue;
    }
    if (orgOf(u.code)) {
      push('units', u.row, 'code', 'ORG_CODE_TAKEN', u.code);
    }
    if (u.parentCode) {
      const parent = orgOf(u.parentCode);
      const isUnit = parent ? parent.kind === 'unit' : fileUnitOf(u.parentCode)?.isVendor === false;
      if (!isUnit || codeKey(u.parentCode) === codeKey(u.code)) {
        push('units', u.row, 'parentCode', 'IMPORT_ROW_UNKNOWN_UNIT', u.parentCode);
      }
    }
  }

  // 委辦案.
  const numbers = unique([
    ...rows.contracts.map((c) => lower(c.number)),
    ...rows.systems.flatMap((s) => s.contractNumbers.map(lower)),
  ]);
  const contracts = new Map((await findContractsByNumber(db, numbers)).map((c) => [c.number, c]));
  const emails = unique(rows.contracts.flatMap((c) => (c.ownerEmail ? [c.ownerEmail] : [])));
  const owners = new Map((await findUsersByEmail(db, emails)).map((u) => [u.email, u]));
  for (const c of rows.contracts) {
    if (contracts.has(lower(c.number))) {
      push('contracts', c.row, 'number', 'CONTRACT_NUMBER_TAKEN', c.number);
    }
    const division = orgOf(c.divisionCode);
    if (!division || division.kind !== 'division' || !division.isActive) {
      push('contracts', c.row, 'divisionCode', 'IMPORT_ROW_UNKNOWN_DIVISION', c.divisionCode);
    }
    const owner = c.ownerEmail ? owners.get(c.ownerEmail) : undefined;
    if (c.ownerEmail && (!owner || owner.role !== 'ministry_owner' || !owner.isActive)) {
      push('contracts', c.row, 'ownerEmail', 'IMPORT_ROW_UNKNOWN_OWNER', c.ownerEmail);
    }
    const target = unit(c.unitCode);
    if (typeof target === 'string') {
      push(
        'contracts',
        c.row,
        'unitCode',
        target === 'SYSTEM_UNIT_INVALID' ? 'IMPORT_ROW_UNKNOWN_UNIT' : target,
        c.unitCode,
      );
    }
    for (const code of c.subcontractorCodes) {
      const vendor = orgOf(code);
      const isVendor = vendor
        ? vendor.kind === 'vendor' && isInScope(read, vendor.id)
        : fileUnitOf(code)?.isVendor === true && isMinistryAdmin;
      if (!isVendor) {
        push('contracts', c.row, 'subcontractorCodes', 'IMPORT_ROW_UNKNOWN_VENDOR', code);
      }
    }
  }

  // Existing systems of the units named, for duplicates and for hosts and contacts to point at.
  const dbUnitIds = unique(
    [...rows.systems, ...rows.hosts, ...rows.contacts].flatMap((r) => {
      const target = unit(r.unitCode);
      return typeof target !== 'string' && target.source === 'db' ? [target.id] : [];
    }),
  );
  const systemNames = unique([
    ...rows.systems.map((s) => lower(s.name)),
    ...rows.hosts.flatMap((h) => h.systemNames.map(lower)),
    ...rows.contacts.map((c) => lower(c.systemName)),
  ]);
  const dbSystems = new Map<string, string[]>();
  for (const s of await findSystemsByName(db, dbUnitIds, systemNames)) {
    const key = `${s.orgId}\u0000${s.name}`;
    dbSystems.set(key, [...(dbSystems.get(key) ?? []), s.id]);
  }
  const system = (unitCode: string, name: string): SystemTarget | ImportRowErrorCode => {
    const key = systemKey(unitCode, name);
    if (keys.systems.has(key)) {
      return { source: 'file', key };
    }
    const target = unit(unitCode);
    const ids =
      typeof target !== 'string' && target.source === 'db'
        ? (dbSystems.get(`${target.id}\u0000${lower(name)}`) ?? [])
        : [];
    if (ids.length > 1) {
      return 'IMPORT_ROW_AMBIGUOUS_SYSTEM';
    }
    return ids[0] ? { source: 'db', id: ids[0] } : 'IMPORT_ROW_UNKNOWN_SYSTEM';
  };

  // 系統.
  for (const s of rows.systems) {
    const target = unit(s.unitCode);
    if (typeof target === 'string') {
      push('systems', s.row, 'unitCode', target, s.unitCode);
      continue;
    }
    if (target.source === 'db' && dbSystems.has(`${target.id}\u0000${lower(s.name)}`)) {
      push('systems', s.row, 'name', 'IMPORT_ROW_SYSTEM_EXISTS', s.name);
    }
    // The pre-launch gate (items 四十二, 四十三 (一) 1): a new system has no scan, so only the
    // Ministry, which may override the gate, registers systems that are already online.
    if (s.status === 'online' && !isMinistryAdmin) {
      push('systems', s.row, 'status', 'IMPORT_ROW_SYSTEM_ONLINE', s.status);
    }
    for (const number of s.contractNumbers) {
      const inFile = keys.contracts.get(lower(number));
      const recorded = contracts.get(lower(number));
      if (inFile) {
        if (inFile.unitCode === null || codeKey(inFile.unitCode) !== codeKey(s.unitCode)) {
          push('systems', s.row, 'contractNumbers', 'LINK_ORG_MISMATCH', number);
        }
      } else if (!recorded || !canReadContract(registry, recorded)) {
        push('systems', s.row, 'contractNumbers', 'IMPORT_ROW_UNKNOWN_CONTRACT', number);
      } else if (target.source !== 'db' || recorded.unitId !== target.id) {
        push('systems', s.row, 'contractNumbers', 'LINK_ORG_MISMATCH', number);
      }
    }
  }

  // 主機.
  const hostnames = unique(rows.hosts.map((h) => lower(h.hostname)));
  const dbHosts = new Set(
    (await findHostsByName(db, dbUnitIds, hostnames)).map((h) => `${h.orgId}\u0000${h.hostname}`),
  );
  for (const h of rows.hosts) {
    const target = unit(h.unitCode);
    if (typeof target === 'string') {
      push('hosts', h.row, 'unitCode', target, h.unitCode);
      continue;
    }
    if (target.source === 'db' && dbHosts.has(`${target.id}\u0000${lower(h.hostname)}`)) {
      push('hosts', h.row, 'hostname', 'HOSTNAME_TAKEN', h.hostname);
    }
    for (const name of h.systemNames) {
      const served = system(h.unitCode, name);
      if (typeof served === 'string') {
        push('hosts', h.row, 'systemNames', served, name);
      }
    }
  }

  // 聯絡人.
  const contactSystems = rows.contacts.map((c) => system(c.unitCode, c.systemName));
  const recordedKinds = new Set(
    (
      await findContactKinds(
        db,
        unique(contactSystems.flatMap((t) => (typeof t !== 'string' && t.source === 'db' ? [t.id] : []))),
      )
    ).map((k) => `${k.systemId}\u0000${k.kind}`),
  );
  rows.contacts.forEach((c, i) => {
    const target = unit(c.unitCode);
    const of = contactSystems[i];
    if (typeof target === 'string') {
      push('contacts', c.row, 'unitCode', target, c.unitCode);
    } else if (typeof of === 'string' || of === undefined) {
      push('contacts', c.row, 'systemName', of ?? 'IMPORT_ROW_UNKNOWN_SYSTEM', c.systemName);
    } else if (of.source === 'db' && recordedKinds.has(`${of.id}\u0000${c.kind}`)) {
      push('contacts', c.row, 'kind', 'IMPORT_ROW_CONTACT_EXISTS');
    }
  });

  return { errors, orgs, owners, contracts, unit, system };
}
