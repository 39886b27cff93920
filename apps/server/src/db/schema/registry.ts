import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  cidr,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from './_columns.js';
import { organisations } from './organisations.js';
import { users } from './users.js';
import { policyVersions } from './policy.js';

const emptyTextArray = sql`'{}'::text[]`;

/**
 * Commissioning contracts (委辦/補助/採購案, items 二, 三, 七, 九, 十二, 十三, 四十二).
 * The commissioned unit owns the record for tenancy; the business owner supervises it (item 十四).
 */
export const contracts = pgTable(
  'contracts',
  {
    id: idColumn(),
    number: text('number').notNull(),
    name: text('name').notNull(),
    type: text('type', { enum: ['subsidy', 'commission', 'procurement'] }).notNull(),
    /** Supervising Ministry division. */
    divisionId: uuid('division_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    /** Business owner (業務承辦人), a ministry_owner account. */
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Commissioned unit (受補助或委辦單位). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    /** Amount in New Taiwan dollars. */
    amount: bigint('amount', { mode: 'number' }),
    /** Values the contract defines under item 七. */
    slaAvailability: numeric('sla_availability', { precision: 6, scale: 3 }),
    rtoHours: integer('rto_hours'),
    rpoHours: integer('rpo_hours'),
    /** Written notice of duties (item 二): when and how it was given, and the unit's acknowledgement. */
    dutyNoticeSentAt: timestamptz('duty_notice_sent_at'),
    dutyNoticeMethod: text('duty_notice_method', { enum: ['written', 'electronic', 'other'] }),
    dutyAcknowledgedAt: timestamptz('duty_acknowledged_at'),
    dutyAcknowledgedBy: uuid('duty_acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
    /** The rule set the clause checklist is judged by. */
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'restrict' }),
    /** Denormalised from the checklist so lists can filter on it; kept by the contracts service. */
    complianceStatus: text('compliance_status', { enum: ['compliant', 'non_compliant'] })
      .notNull()
      .default('non_compliant'),
    missingClauses: text('missing_clauses').array().notNull().default(emptyTextArray),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('contracts_number_uq').on(sql`lower(${t.number})`),
    index('contracts_unit_idx').on(t.unitId),
    index('contracts_owner_idx').on(t.ownerUserId),
    index('contracts_division_idx').on(t.divisionId),
    index('contracts_compliance_idx').on(t.complianceStatus),
    // The list's order (newest period first), so a page is an index range.
    index('contracts_list_idx').on(t.periodStart.desc().nullsFirst(), t.number),
    index('contracts_number_trgm_idx').using('gin', sql`${t.number} gin_trgm_ops`),
    index('contracts_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('contracts_name_grams_idx').using('gin', sql`custodian_short_grams(${t.name})`),
  ],
);

/** Subcontractors (分包) of a contract: vendor organisations (item 二). */
export const contractSubcontractors = pgTable(
  'contract_subcontractors',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    vendorId: uuid('vendor_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.contractId, t.vendorId] }),
    index('contract_subcontractors_vendor_idx').on(t.vendorId),
  ],
);

/** One security clause of a contract's checklist; an absent row means "not yet assessed". */
export const contractClauses = pgTable(
  'contract_clauses',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    /** Clause code from the policy version's checklist, e.g. "item12_1". */
    clauseCode: text('clause_code').notNull(),
    status: text('status', { enum: ['present', 'absent', 'not_applicable'] }).notNull(),
    /** Where the contract says it, e.g. "第 8 條第 2 項". */
    articleRef: text('article_ref'),
    note: text('note'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.clauseCode] })],
);

/** Pre-commissioning risk assessment (item 三); attachments hang on it. */
export const riskAssessments = pgTable(
  'risk_assessments',
  {
    id: idColumn(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    assessor: text('assessor').notNull(),
    /** Risks considered, e.g. password_cracking, system_damage, data_loss, personal_data_leak, other. */
    risks: text('risks').array().notNull().default(emptyTextArray),
    level: text('level', { enum: ['low', 'medium', 'high'] }).notNull(),
    mitigation: text('mitigation'),
    conclusion: text('conclusion'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('risk_assessments_contract_idx').on(t.contractId)],
);

/** Application systems and websites (items 四, 十, 十三). */
export const systems = pgTable(
  'systems',
  {
    id: idColumn(),
    /** The commissioned unit that runs it. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['website', 'application'] })
      .notNull()
      .default('website'),
    urls: text('urls').array().notNull().default(emptyTextArray),
    environment: text('environment', { enum: ['production', 'staging', 'testing', 'development'] })
      .notNull()
      .default('production'),
    status: text('status', { enum: ['planned', 'pre_launch', 'online', 'decommissioned'] })
      .notNull()
      .default('planned'),
    launchDate: date('launch_date', { mode: 'string' }),
    decommissionDate: date('decommission_date', { mode: 'string' }),
    /** 普 / 中 / 高. */
    protectionLevel: text('protection_level', { enum: ['normal', 'medium', 'high'] })
      .notNull()
      .default('normal'),
    /** Item 四: personal data handled, its categories, purpose and legal basis. */
    handlesPersonalData: boolean('handles_personal_data').notNull().default(false),
    personalDataCategories: text('personal_data_categories'),
    personalDataPurpose: text('personal_data_purpose'),
    personalDataLegalBasis: text('personal_data_legal_basis'),
    /** Item 十三: how it goes offline and what is handed back. */
    exitPlan: text('exit_plan'),
    description: text('description'),
    /** Item 十: last yearly confirmation of the contacts. */
    contactsConfirmedAt: timestamptz('contacts_confirmed_at'),
    contactsConfirmedBy: uuid('contacts_confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    /** Rule set the contact re-confirmation interval is taken from. */
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'restrict' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('systems_org_idx').on(t.orgId),
    index('systems_status_idx').on(t.status),
    index('systems_contacts_confirmed_idx').on(t.contactsConfirmedAt),
    index('systems_name_idx').on(t.name),
    // Searches (issue 12): `ilike '%q%'` on the name and the joined URLs through trigrams.
    index('systems_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    index('systems_urls_trgm_idx').using('gin', sql`custodian_join_text(${t.urls}) gin_trgm_ops`),
    // One- and two-character searches on the name (migration 0008, db/search.ts).
    index('systems_name_grams_idx').using('gin', sql`custodian_short_grams(${t.name})`),
  ],
);

/** Which contracts a system belongs to. */
export const contractSystems = pgTable(
  'contract_systems',
  {
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.contractId, t.systemId] }), index('contract_systems_system_idx').on(t.systemId)],
);

/** Servers (伺服主機). */
export const hosts = pgTable(
  'hosts',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    hostname: text('hostname').notNull(),
    /** Normalised IPv4/IPv6 addresses. */
    ips: text('ips').array().notNull().default(emptyTextArray),
    os: text('os'),
    role: text('role'),
    location: text('location', { enum: ['on_premise', 'cloud'] })
      .notNull()
      .default('on_premise'),
    /** Server room or cloud provider and region. */
    site: text('site'),
    notes: text('notes'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('hosts_org_idx').on(t.orgId),
    uniqueIndex('hosts_org_hostname_uq').on(t.orgId, sql`lower(${t.hostname})`),
    // The list's order, so a page is an index range rather than a sort of every host.
    index('hosts_list_idx').on(t.hostname, t.id),
    index('hosts_hostname_trgm_idx').using('gin', sql`${t.hostname} gin_trgm_ops`),
    index('hosts_ips_trgm_idx').using('gin', sql`custodian_join_text(${t.ips}) gin_trgm_ops`),
  ],
);

/** Which hosts serve which systems. */
export const systemHosts = pgTable(
  'system_hosts',
  {
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    hostId: uuid('host_id')
      .notNull()
      .references(() => hosts.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.systemId, t.hostId] }), index('system_hosts_host_idx').on(t.hostId)],
);

/** Item 十: the three contacts of a system. */
export const systemContacts = pgTable(
  'system_contacts',
  {
    id: idColumn(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['business_owner', 'system_owner', 'maintenance_unit'] }).notNull(),
    name: text('name').notNull(),
    organisation: text('organisation'),
    title: text('title'),
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('system_contacts_system_kind_uq').on(t.systemId, t.kind)],
);

/**
 * Domain and IP allocations (item 十一). IP values are stored as `cidr` so that overlaps
 * can be found with PostgreSQL's `&&`; a single address is a /32 or /128.
 */
export const allocations = pgTable(
  'allocations',
  {
    id: idColumn(),
    systemId: uuid('system_id')
      .notNull()
      .references(() => systems.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: ['domain', 'ipv4', 'ipv6'] }).notNull(),
    /** Normalised value: lower-case FQDN, or address/prefix. */
    value: text('value').notNull(),
    network: cidr('network'),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['active', 'released'] })
      .notNull()
      .default('active'),
    releasedAt: timestamptz('released_at'),
    releaseReason: text('release_reason'),
    /** Rule set the maximum period was taken from. */
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'restrict' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('allocations_system_idx').on(t.systemId),
    index('allocations_org_idx').on(t.orgId),
    index('allocations_value_idx').on(sql`lower(${t.value})`),
    // The list's order, so a page is an index range rather than a sort of every row.
    index('allocations_list_idx').on(t.status, t.expiresOn, t.value, t.id),
    index('allocations_value_trgm_idx').using('gin', sql`${t.value} gin_trgm_ops`),
  ],
);

/** A unit's request to renew an allocation for a new period, decided by the Ministry. */
export const allocationRenewals = pgTable(
  'allocation_renewals',
  {
    id: idColumn(),
    allocationId: uuid('allocation_id')
      .notNull()
      .references(() => allocations.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['pending', 'approved', 'rejected'] })
      .notNull()
      .default('pending'),
    reason: text('reason'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    requestedAt: timestamptz('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamptz('decided_at'),
    decisionNote: text('decision_note'),
    /** The period an approval starts. */
    newStartsOn: date('new_starts_on', { mode: 'string' }),
    newExpiresOn: date('new_expires_on', { mode: 'string' }),
  },
  (t) => [
    index('allocation_renewals_allocation_idx').on(t.allocationId),
    uniqueIndex('allocation_renewals_one_pending_uq')
      .on(t.allocationId)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/** Vendor due diligence (item 三十九): security qualifications of a vendor or unit. */
export const vendorQualifications = pgTable(
  'vendor_qualifications',
  {
    id: idColumn(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: ['iso27001', 'cns27001', 'iso27701', 'other'] }).notNull(),
    name: text('name').notNull(),
    certificateNumber: text('certificate_number'),
    issuer: text('issuer'),
    scope: text('scope'),
    issuedOn: date('issued_on', { mode: 'string' }),
    expiresOn: date('expires_on', { mode: 'string' }),
    notes: text('notes'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('vendor_qualifications_org_idx').on(t.orgId)],
);
