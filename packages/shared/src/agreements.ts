import { z } from 'zod';
import { abilities } from './permissions.js';
import { PageQuerySchema } from './pagination.js';
import { DateInputSchema } from './dates.js';
import { IsoDateSchema } from './policy.js';
import { longTextField, textField } from './text.js';

/**
 * Confidentiality agreements (item 六; the seed's 保密合約書, 附件一 and 附件二 保密承諾書).
 * An agreement ties a contract's commissioned unit (乙方) to the Ministry or its division
 * (甲方); its staff list names who works on the contract; each person signs a commitment.
 */

/** The six commitments of 附件二, word for word from the seed, in order. */
export const COMMITMENT_TEXTS = [
  '本人已詳讀「教育部本部資訊安全管理規範」(登載於教育部網站http://www.edu.tw 下方)，並於執行任務時願配合相關安全規定。',
  '不擅自使用或破壞未經甲方授權之資料、文件、設備。',
  '不私自透過網路或任何媒體連接至未經甲方授權之資訊系統或網路設施，禁止使用本部(含學術)網路干擾、破壞、或影響網路上其他使用者或節點之軟硬體系統。散佈電腦病毒、嘗試侵入未經授權使用之電腦系統、以網路管理工具或軟體癱瘓網路、以電子郵件等方式大量傳送廣告信、或其它類似之情形者，皆在禁止範圍內。',
  '執行任務期間所取得之資料僅係為完成委託工作之目的而使用，決不作其他用途且不會將任何資料洩漏予其他人員或單位。',
  '任務完成或關係終止時，亦不洩漏任何資料予其他人員或單位。',
  '如違反以上承諾，造成安全上之事件發生時，願負實質賠償損害之責任。',
] as const;

/** 第六條's court of first instance, as the seed prints it. */
export const DEFAULT_AGREEMENT_COURT = '臺灣臺北地方法院';

/**
 * draft → generated (the documents were produced) → signed (both copies uploaded); once
 * signed, `expired` after the term's end and `terminated` after a termination took effect.
 */
export const AGREEMENT_STATUSES = ['draft', 'generated', 'signed', 'terminated', 'expired'] as const;
export const AgreementStatusSchema = z
  .enum(AGREEMENT_STATUSES)
  .describe('draft, generated, signed; terminated or expired are derived from the dates (Taipei)');
export type AgreementStatus = z.infer<typeof AgreementStatusSchema>;

/** missing: no commitment; unsigned: neither signed scan nor electronic confirmation; expired; valid. */
export const COMMITMENT_STATES = ['valid', 'unsigned', 'expired', 'missing'] as const;
export const CommitmentStateSchema = z
  .enum(COMMITMENT_STATES)
  .describe('State of a personal commitment today (Taipei)');
export type CommitmentState = z.infer<typeof CommitmentStateSchema>;

const optionalText = (max: number) => textField(max).nullable().optional();
const AcceptedSchema = z.array(z.boolean()).length(6).describe('The six commitments ticked, in the seed order');

export const AgreementSchema = z.object({
  id: z.uuid().describe('Agreement id'),
  contractId: z.uuid().describe('Contract of the registry'),
  contractNumber: z.string().describe('Its number'),
  contractName: z.string().describe('Its name'),
  orgId: z.uuid().describe('乙方: the commissioned unit'),
  orgName: z.string().describe('Name of that unit'),
  partyAName: z.string().describe('甲方'),
  partyARepresentative: z.string().nullable().describe('甲方 代表人'),
  partyAAgent: z.string().nullable().describe('甲方 代理人'),
  partyAAddress: z.string().nullable().describe('甲方 地址'),
  partyBName: z.string().describe('乙方'),
  partyBRepresentative: z.string().nullable().describe('乙方 代表人'),
  partyBAgent: z.string().nullable().describe('乙方 代理人 (無則免填)'),
  partyBAddress: z.string().nullable().describe('乙方 地址'),
  purpose: z.string().describe('茲甲方因 … 事宜'),
  signedOn: IsoDateSchema.nullable().describe('Signing date'),
  termYears: z.number().int().describe('第四條 一: term in years, from the rule set below'),
  policyVersionId: z.uuid().describe('Rule set the term was taken from'),
  endsOn: IsoDateSchema.nullable().describe('End of the term (signing date + term); null until signed'),
  terminationNoticeOn: IsoDateSchema.nullable().describe('Written termination notice received on'),
  terminationEffectiveOn: IsoDateSchema.nullable().describe('Termination takes effect on (notice + the policy days)'),
  confidentialitySurvives: z
    .literal(true)
    .describe('第四條 三: the duty of confidentiality does not end with the agreement'),
  penaltyTenThousandNtd: z.number().int().nullable().describe('第五條: punitive penalty in 萬元 (NT$10,000)'),
  court: z.string().describe('第六條: court of first instance'),
  status: AgreementStatusSchema,
  generatedAt: z.string().nullable().describe('When the documents were first generated (ISO 8601)'),
  signedBy: z.uuid().nullable().describe('User who recorded the signature'),
  signedByName: z.string().nullable().describe('Name of that user'),
  signedAt: z.string().nullable().describe('When the signature was recorded (ISO 8601)'),
  partyACopyAttachmentId: z.uuid().nullable().describe("甲方's signed copy (attachment)"),
  partyACopySha256: z.string().nullable().describe('Its SHA-256 at signing'),
  partyBCopyAttachmentId: z.uuid().nullable().describe("乙方's signed copy (attachment)"),
  partyBCopySha256: z.string().nullable().describe('Its SHA-256 at signing'),
  returnConfirmedOn: IsoDateSchema.nullable().describe('第三條: information returned or destroyed on'),
  returnConfirmedBy: z.string().nullable().describe('Who confirmed the return or destruction'),
  returnNote: z.string().nullable().describe('Note on the return or destruction'),
  emailRetentionMonths: z.number().int().describe('第二條 二: months e-mail records are kept (policy)'),
  emailRetentionAcknowledgedAt: z.string().nullable().describe('When the unit ticked the e-mail retention duty'),
  staffCount: z.number().int().describe('People on 附件一'),
  commitmentCount: z.number().int().describe('Commitments recorded'),
  validCommitmentCount: z.number().int().describe('Commitments valid today'),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
  can: abilities(['edit', 'editPartyA', 'delete', 'sign']),
});
export type Agreement = z.infer<typeof AgreementSchema>;

const partyFields = {
  partyARepresentative: optionalText(100).describe('甲方 代表人'),
  partyAAgent: optionalText(100).describe('甲方 代理人'),
  partyAAddress: optionalText(300).describe('甲方 地址'),
  partyBName: optionalText(200).describe('乙方; the unit name when absent'),
  partyBRepresentative: optionalText(100).describe('乙方 代表人'),
  partyBAgent: optionalText(100).describe('乙方 代理人'),
  partyBAddress: optionalText(300).describe('乙方 地址'),
};

export const AgreementCreateSchema = z.object({
  contractId: z.uuid().describe('Contract of the registry; 乙方 is its commissioned unit'),
  partyAName: textField(200).nullable().optional().describe('甲方 (required: AGREEMENT_PARTY_REQUIRED)'),
  ...partyFields,
  purpose: longTextField(1000).describe('茲甲方因 … 事宜'),
  signedOn: DateInputSchema.nullable().optional().describe('Signing date'),
  penaltyTenThousandNtd: z.number().int().min(0).max(1_000_000).nullable().optional().describe('Penalty in 萬元'),
  court: optionalText(100).describe(`Court of first instance; ${DEFAULT_AGREEMENT_COURT} when absent`),
});
export type AgreementCreateInput = z.infer<typeof AgreementCreateSchema>;

export const AgreementUpdateSchema = z.object({
  partyAName: textField(200).nullable().optional().describe('甲方 (Ministry roles only)'),
  ...partyFields,
  purpose: longTextField(1000).optional().describe('茲甲方因 … 事宜'),
  signedOn: DateInputSchema.nullable().optional().describe('Signing date'),
  penaltyTenThousandNtd: z.number().int().min(0).max(1_000_000).nullable().optional().describe('Penalty in 萬元'),
  court: textField(100).optional().describe('Court of first instance'),
  terminationNoticeOn: DateInputSchema.nullable().optional().describe('Written termination notice received on'),
  returnConfirmedOn: DateInputSchema.nullable().optional().describe('第三條: returned or destroyed on'),
  returnConfirmedBy: optionalText(100).describe('Who confirmed it'),
  returnNote: z.string().trim().max(2000).nullable().optional().describe('Note'),
  emailRetentionAcknowledged: z.boolean().optional().describe('第二條 二: the e-mail retention duty is in place'),
});
export type AgreementUpdateInput = z.infer<typeof AgreementUpdateSchema>;

export const AgreementListQuerySchema = PageQuerySchema.extend({
  contractId: z.uuid().optional().describe('Only this contract'),
  orgId: z.uuid().optional().describe('Only this unit'),
});
export type AgreementListQuery = z.infer<typeof AgreementListQuerySchema>;

/** Records the signature: the signing date and the two signed copies, already attached to the agreement. */
export const AgreementSignSchema = z.object({
  signedOn: DateInputSchema.describe('Signing date'),
  partyACopyAttachmentId: z.uuid().describe("甲方's signed copy: an attachment of this agreement (PDF or image)"),
  partyBCopyAttachmentId: z.uuid().describe("乙方's signed copy: an attachment of this agreement (PDF or image)"),
});
export type AgreementSignInput = z.infer<typeof AgreementSignSchema>;

export const AgreementStaffSchema = z.object({
  id: z.uuid().describe('Staff line id'),
  agreementId: z.uuid().describe('Agreement'),
  name: z.string().describe('姓名'),
  title: z.string().describe('職稱'),
  work: z.string().describe('工作簡介'),
  userId: z.uuid().nullable().describe("The person's account, if any"),
  isSubcontractor: z.boolean().describe("A subcontractor's staff (外包廠商)"),
  position: z.number().int().describe('Order on 附件一'),
  commitmentId: z.uuid().nullable().describe('Their commitment, if recorded'),
  commitmentState: CommitmentStateSchema,
});
export type AgreementStaff = z.infer<typeof AgreementStaffSchema>;

export const AgreementStaffCreateSchema = z.object({
  name: textField(100).describe('姓名'),
  title: textField(100).describe('職稱'),
  work: longTextField(500).describe('工作簡介'),
  userId: z.uuid().nullable().optional().describe("The person's account (same unit or its vendors)"),
  isSubcontractor: z.boolean().optional().describe("A subcontractor's staff"),
});
export type AgreementStaffCreateInput = z.infer<typeof AgreementStaffCreateSchema>;
export const AgreementStaffUpdateSchema = AgreementStaffCreateSchema.partial();
export type AgreementStaffUpdateInput = z.infer<typeof AgreementStaffUpdateSchema>;

export const CommitmentSchema = z.object({
  id: z.uuid().describe('Commitment id'),
  agreementId: z.uuid().describe('Agreement'),
  staffId: z.uuid().describe('Staff line'),
  userId: z.uuid().nullable().describe("The signer's account (from the staff line)"),
  name: z.string().describe('姓名'),
  title: z.string().describe('職稱'),
  address: z.string().describe('住址'),
  nationalIdMasked: z.string().describe('身分證字號, masked (A12****789)'),
  accepted: AcceptedSchema,
  signedOn: IsoDateSchema.nullable().describe('Signing date'),
  expiresOn: IsoDateSchema.nullable().describe('Last day of validity'),
  policyVersionId: z.uuid().describe('Rule set the validity was taken from'),
  signedScanAttachmentId: z.uuid().nullable().describe('The signed form (attachment)'),
  signedScanSha256: z.string().nullable().describe('Its SHA-256 at signing'),
  confirmedBy: z.uuid().nullable().describe('Who confirmed electronically (the signer)'),
  confirmedAt: z.string().nullable().describe('When (ISO 8601)'),
  textVersion: z.string().nullable().describe('Version id of the commitments text accepted'),
  state: CommitmentStateSchema,
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
  can: abilities(['edit', 'delete', 'reveal', 'confirm']),
});
export type Commitment = z.infer<typeof CommitmentSchema>;

export const CommitmentCreateSchema = z.object({
  staffId: z.uuid().describe('The staff line of 附件一 the person is on'),
  name: textField(100).optional().describe('姓名; the staff line name when absent'),
  title: textField(100).optional().describe('職稱; the staff line title when absent'),
  address: textField(300).describe('住址'),
  nationalId: z.string().trim().min(1).max(20).describe('身分證字號 or resident certificate number (stored encrypted)'),
});
export type CommitmentCreateInput = z.infer<typeof CommitmentCreateSchema>;

export const CommitmentUpdateSchema = z.object({
  name: textField(100).optional().describe('姓名'),
  title: textField(100).optional().describe('職稱'),
  address: textField(300).optional().describe('住址'),
  nationalId: z.string().trim().min(1).max(20).optional().describe('身分證字號 (stored encrypted)'),
});
export type CommitmentUpdateInput = z.infer<typeof CommitmentUpdateSchema>;

/** The paper form signed and scanned: the scan already attached to the commitment. */
export const CommitmentSignSchema = z.object({
  signedOn: DateInputSchema.describe('Signing date'),
  accepted: AcceptedSchema,
  scanAttachmentId: z.uuid().describe('The signed form: an attachment of this commitment (PDF or image)'),
});
export type CommitmentSignInput = z.infer<typeof CommitmentSignSchema>;

/** Electronic acceptance by the signer: all six ticked, and the text version they were shown. */
export const CommitmentConfirmSchema = z.object({
  accepted: AcceptedSchema,
  textVersion: z.string().min(1).max(80).describe('Version id of the text shown (GET /agreements/commitment-text)'),
});
export type CommitmentConfirmInput = z.infer<typeof CommitmentConfirmSchema>;

export const CommitmentTextSchema = z.object({
  version: z.string().describe('Version id of the six commitments text'),
  items: z.array(z.string()).describe('The six commitments'),
});

export const NationalIdRevealSchema = z.object({
  nationalId: z.string().describe('The full number; each reveal is audited'),
});

export const AgreementDocumentQuerySchema = z.object({
  form: z.enum(['agreement', 'staff_list']).default('agreement').describe('保密合約書 (with 附件一) or 附件一 alone'),
  format: z.enum(['docx', 'pdf']).default('pdf').describe('DOCX (editable) or PDF'),
});
export const CommitmentDocumentQuerySchema = z.object({
  format: z.enum(['docx', 'pdf']).default('pdf').describe('DOCX (editable) or PDF'),
});

/** One member of a contract's unit and whether item 六 lets them open the contract's records. */
export const ContractMemberAccessSchema = z.object({
  userId: z.uuid().describe('Account'),
  name: z.string().describe('Name'),
  email: z.string().describe('E-mail'),
  orgId: z.uuid().describe('Their organisation'),
  state: CommitmentStateSchema,
  blocked: z.boolean().describe('Refused the contract’s systems and records (COMMITMENT_REQUIRED)'),
  commitmentId: z.uuid().nullable().describe('Their commitment, if any'),
  expiresOn: IsoDateSchema.nullable().describe('Its last day of validity'),
});
export type ContractMemberAccess = z.infer<typeof ContractMemberAccessSchema>;

/** The caller's own commitments, with the contract each opens. */
export const MyCommitmentSchema = CommitmentSchema.extend({
  contractId: z.uuid().describe('Contract'),
  contractName: z.string().describe('Its name'),
});
export type MyCommitment = z.infer<typeof MyCommitmentSchema>;

/** The commitments list (the dashboard's expiry cards open it): a commitment with its contract and unit. */
export const CommitmentListItemSchema = MyCommitmentSchema.extend({
  orgId: z.uuid().describe('The unit (乙方)'),
  orgName: z.string().describe('Its name'),
});
export type CommitmentListItem = z.infer<typeof CommitmentListItemSchema>;

export const CommitmentListQuerySchema = PageQuerySchema.extend({
  orgId: z.uuid().optional().describe('Only this unit'),
  expiringWithinDays: z.coerce
    .number()
    .int()
    .min(1)
    .max(365)
    .optional()
    .describe('Only signed commitments whose last day is within the next N days (today included)'),
  expired: z.enum(['true']).optional().describe('Only signed commitments past their last day'),
});
export type CommitmentListQuery = z.infer<typeof CommitmentListQuerySchema>;

export const ContractIdParamSchema = z.object({ contractId: z.uuid().describe('Contract id') });

/**
 * Whether the caller may open a contract's systems and records under item 六, and if not,
 * why: the web shows the reason (the refusal's code and parameters) instead of a dead link.
 */
export const ContractAccessSchema = z.object({
  contractId: z.uuid().describe('Contract'),
  can: abilities(['open']),
  reason: z
    .object({
      code: z.string().describe('Error code the API answers with (COMMITMENT_REQUIRED)'),
      params: z.record(z.string(), z.string()).describe('Its parameters (contractId, state)'),
    })
    .nullable()
    .describe('Why not, when `can.open` is false'),
});
export type ContractAccess = z.infer<typeof ContractAccessSchema>;
