import {
  CONTACT_KINDS,
  type System,
  type SystemContact,
  type SystemContacts,
  type SystemDetail,
} from '@custodian/shared';
import { OPEN_ACCESS, type RecordAccess } from '../../lib/access-conditions.js';
import { mayActOn, type Viewer } from '../../lib/permissions.js';
import type { SystemListRow } from './systems.repository.js';
import type { ContactRow } from './contacts.repository.js';

/** What the viewer may do with a system: in their manage scope, and not decommissioned (item 十三: the record is final). */
export function systemAbilities(viewer: Viewer, system: { orgId: string; status: string }): System['can'] {
  const open = system.status !== 'decommissioned';
  const may = (permission: Parameters<typeof mayActOn>[1]) => open && mayActOn(viewer, permission, system.orgId);
  return {
    edit: may('system.manage'),
    decommission: may('system.manage'),
    editContacts: may('contacts.manage'),
    confirmContacts: may('contacts.confirm'),
  };
}

/** Maps a list row to the API shape, with what the viewer may do with it. */
export function presentSystem(row: SystemListRow, viewer: Viewer, access: RecordAccess = OPEN_ACCESS): System {
  const s = row.system;
  return {
    id: s.id,
    orgId: s.orgId,
    orgName: row.orgName,
    orgNameEn: row.orgNameEn,
    name: s.name,
    kind: s.kind,
    urls: s.urls,
    environment: s.environment,
    status: s.status,
    launchDate: s.launchDate,
    decommissionDate: s.decommissionDate,
    protectionLevel: s.protectionLevel,
    handlesPersonalData: s.handlesPersonalData,
    personalDataCategories: s.personalDataCategories,
    personalDataPurpose: s.personalDataPurpose,
    personalDataLegalBasis: s.personalDataLegalBasis,
    exitPlan: s.exitPlan,
    description: s.description,
    contractCount: Number(row.contractCount),
    hostCount: Number(row.hostCount),
    contactCount: Number(row.contactCount),
    contactsConfirmedAt: s.contactsConfirmedAt ? s.contactsConfirmedAt.toISOString() : null,
    contactsDueOn: row.contactsDueOn,
    isContactsOverdue: Boolean(row.isContactsOverdue),
    policyVersionId: s.policyVersionId,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    can: systemAbilities(viewer, s),
    access,
  };
}

/** Maps a system with its links to the detail shape. */
export function presentSystemDetail(
  row: SystemListRow & { confirmedByName: string | null },
  extra: { contracts: SystemDetail['contracts']; hosts: SystemDetail['hosts']; viewer: Viewer },
): SystemDetail {
  return {
    ...presentSystem(row, extra.viewer),
    contracts: extra.contracts,
    hosts: extra.hosts,
    contactsConfirmedByName: row.confirmedByName,
    policyVersion: row.policyVersion,
    contactsIntervalMonths: Number(row.intervalMonths),
  };
}

export function presentContact(row: ContactRow): SystemContact {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    organisation: row.organisation,
    title: row.title,
    phone: row.phone,
    email: row.email,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: row.updatedByName,
  };
}

/** The contacts of a system with their confirmation state. */
export function presentSystemContacts(
  row: SystemListRow & { confirmedByName: string | null },
  contacts: ContactRow[],
  viewer: Viewer,
): SystemContacts {
  const can = systemAbilities(viewer, row.system);
  const order = (kind: string) => CONTACT_KINDS.indexOf(kind as (typeof CONTACT_KINDS)[number]);
  const sorted = [...contacts].sort((a, b) => order(a.kind) - order(b.kind));
  return {
    systemId: row.system.id,
    contacts: sorted.map(presentContact),
    missingKinds: CONTACT_KINDS.filter((kind) => !contacts.some((c) => c.kind === kind)),
    confirmedAt: row.system.contactsConfirmedAt ? row.system.contactsConfirmedAt.toISOString() : null,
    confirmedByName: row.confirmedByName,
    dueOn: row.contactsDueOn,
    isOverdue: Boolean(row.isContactsOverdue),
    intervalMonths: Number(row.intervalMonths),
    policyVersion: row.policyVersion,
    can: { edit: can.editContacts, confirm: can.confirmContacts },
  };
}
