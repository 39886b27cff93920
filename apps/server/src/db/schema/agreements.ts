import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, idColumn, timestamptz, updatedAt } from './_columns.js';
import { organisations } from './organisations.js';
import { users } from './users.js';
import { policyVersions } from './policy.js';
import { contracts } from './registry.js';

/**
 * 保密合約書 (item 六, seed form): between the Ministry or the supervising division (甲方) and
 * the commissioned unit of a contract (乙方). The unit owns the record for tenancy. Whether it
 * has ended (expired, terminated) is derived from `ends_on` and `termination_effective_on`;
 * the duty of confidentiality survives both (第四條 三).
 */
export const agreements = pgTable(
  'agreements',
  {
    id: idColumn(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'restrict' }),
    /** 乙方: the contract's commissioned unit. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'restrict' }),
    partyAName: text('party_a_name').notNull(),
    partyARepresentative: text('party_a_representative'),
    partyAAgent: text('party_a_agent'),
    partyAAddress: text('party_a_address'),
    partyBName: text('party_b_name').notNull(),
    partyBRepresentative: text('party_b_representative'),
    partyBAgent: text('party_b_agent'),
    partyBAddress: text('party_b_address'),
    /** 「茲甲方因 … 事宜」 */
    purpose: text('purpose').notNull(),
    signedOn: date('signed_on', { mode: 'string' }),
    /** 第四條 一: the term in years, from the rule set `policy_version_id` (stored, never re-read). */
    termYears: integer('term_years').notNull(),
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'restrict' }),
    /** signed_on + term_years; null until signed. Kept by the service. */
    endsOn: date('ends_on', { mode: 'string' }),
    /** 第四條 二: written notice received, and the day termination takes effect. */
    terminationNoticeOn: date('termination_notice_on', { mode: 'string' }),
    terminationEffectiveOn: date('termination_effective_on', { mode: 'string' }),
    /** 第五條: 新臺幣○○萬元. */
    penaltyTenThousandNtd: integer('penalty_ten_thousand_ntd'),
    /** 第六條: court of first instance. */
    court: text('court').notNull(),
    status: text('status', { enum: ['draft', 'generated', 'signed'] })
      .notNull()
      .default('draft'),
    generatedAt: timestamptz('generated_at'),
    /** Who recorded the signature, and when. */
    signedBy: uuid('signed_by').references(() => users.id, { onDelete: 'set null' }),
    signedAt: timestamptz('signed_at'),
    /** The two signed copies (一式兩份): attachments of this agreement, with their SHA-256 at signing. */
    partyACopyAttachmentId: uuid('party_a_copy_attachment_id'),
    partyACopySha256: text('party_a_copy_sha256'),
    partyBCopyAttachmentId: uuid('party_b_copy_attachment_id'),
    partyBCopySha256: text('party_b_copy_sha256'),
    /** 第三條: return or destruction of the confidential information at the end. */
    returnConfirmedOn: date('return_confirmed_on', { mode: 'string' }),
    returnConfirmedBy: text('return_confirmed_by'),
    returnNote: text('return_note'),
    /** 第二條 二: e-mail records kept ≥ the policy's months; a checklist item. */
    emailRetentionMonths: integer('email_retention_months').notNull(),
    emailRetentionAcknowledgedAt: timestamptz('email_retention_acknowledged_at'),
    emailRetentionAcknowledgedBy: uuid('email_retention_acknowledged_by').references(() => users.id, {
      onDelete: 'set null',
    }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('agreements_contract_idx').on(t.contractId),
    index('agreements_org_idx').on(t.orgId),
    index('agreements_ends_on_idx').on(t.endsOn),
  ],
);

/** 附件一: the unit's and its subcontractors' staff working on the contract. */
export const agreementStaff = pgTable(
  'agreement_staff',
  {
    id: idColumn(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title').notNull(),
    work: text('work').notNull(),
    /** The person's account, when they have one (electronic confirmation, enforcement). */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    isSubcontractor: boolean('is_subcontractor').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('agreement_staff_agreement_idx').on(t.agreementId, t.position),
    index('agreement_staff_user_idx').on(t.userId),
  ],
);

/**
 * 附件二 保密承諾書, one per staff line (機密等級：機密). The national ID is stored only
 * encrypted with the platform field key, with a keyed hash (HMAC) for uniqueness and the
 * masked form for lists; the plain number is never stored.
 */
export const agreementCommitments = pgTable(
  'agreement_commitments',
  {
    id: idColumn(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    staffId: uuid('staff_id')
      .notNull()
      .references(() => agreementStaff.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title').notNull(),
    address: text('address').notNull(),
    nationalIdEnc: text('national_id_enc').notNull(),
    nationalIdHash: text('national_id_hash').notNull(),
    nationalIdMasked: text('national_id_masked').notNull(),
    /** The six commitments' ticks, in the seed's order. */
    accepted: boolean('accepted')
      .array()
      .notNull()
      .default(sql`'{false,false,false,false,false,false}'::boolean[]`),
    signedOn: date('signed_on', { mode: 'string' }),
    /** signed_on + the validity of the rule set `policy_version_id`, capped at the agreement's end. */
    expiresOn: date('expires_on', { mode: 'string' }),
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id, { onDelete: 'restrict' }),
    /** The paper form, signed and scanned: an attachment of this commitment, with its SHA-256. */
    signedScanAttachmentId: uuid('signed_scan_attachment_id'),
    signedScanSha256: text('signed_scan_sha256'),
    /** Electronic confirmation by the person themself. */
    confirmedBy: uuid('confirmed_by').references(() => users.id, { onDelete: 'set null' }),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true, mode: 'date' }),
    /** Version id (SHA-256 prefix) of the six commitments' text that was accepted. */
    textVersion: text('text_version'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('agreement_commitments_staff_uq').on(t.staffId),
    uniqueIndex('agreement_commitments_person_uq').on(t.agreementId, t.nationalIdHash),
    index('agreement_commitments_expires_idx').on(t.expiresOn),
  ],
);
