import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { abilities } from './permissions.js';
import { DateInputSchema, DateTimeInputSchema } from './dates.js';
import { PageQuerySchema } from './pagination.js';
import { IsoDateSchema, LocalisedTextSchema } from './policy.js';
import {
  ClauseStatusSchema,
  ComplianceStatusSchema,
  ContractTypeSchema,
  RiskLevelSchema,
  SystemStatusSchema,
} from './registry-enums.js';
import { identifierField } from './identifiers.js';
import { longTextField as longText, textField } from './text.js';

/** Zod contracts of the contracts API: commissioning contracts and their security clauses (issue 3). */

/** Risks weighed before commissioning (item 三: 通行碼被破解、系統被破壞、資料損失 …). */
export const RISK_KINDS = ['password_cracking', 'system_damage', 'data_loss', 'personal_data_leak', 'other'] as const;
export const RiskKindSchema = z.enum(RISK_KINDS).describe('Kind of risk weighed before commissioning (item 三)');
export type RiskKind = z.infer<typeof RiskKindSchema>;

/** How the notice of duties was given (item 二: 書面、電子傳輸或其他方式). */
export const DUTY_NOTICE_METHODS = ['written', 'electronic', 'other'] as const;
export const DutyNoticeMethodSchema = z.enum(DUTY_NOTICE_METHODS).describe('Written, electronic or other means');
export type DutyNoticeMethod = z.infer<typeof DutyNoticeMethodSchema>;

/** A contract number (案號) as stored: normalised, so look-alike spellings are the same number. */
export const ContractNumberSchema = identifierField(64).describe(
  'Contract number (案號), unique regardless of case, full-width forms and invisible characters',
);

const amountField = z
  .number()
  .int()
  .min(0)
  .max(1_000_000_000_000)
  .describe('Amount in New Taiwan dollars (whole dollars)');
const slaField = z
  .number()
  .min(0)
  .max(100)
  .describe('Availability the SLA promises, in percent (item 七), e.g. 99.5; kept to three decimals');
const hoursField = (what: string) => z.number().int().min(0).max(8760).describe(`${what} in hours (item 七)`);

export const ContractListQuerySchema = PageQuerySchema.extend({
  unitId: z.uuid().optional().describe('Only contracts of this commissioned unit'),
  divisionId: z.uuid().optional().describe('Only contracts supervised by this Ministry division'),
  type: ContractTypeSchema.optional().describe('Only contracts of this type'),
  complianceStatus: ComplianceStatusSchema.optional().describe('Only compliant or non-compliant contracts'),
  ownerUserId: z.uuid().optional().describe('Only contracts of this business owner'),
});
export type ContractListQuery = z.infer<typeof ContractListQuerySchema>;

export const ContractListItemSchema = z.object({
  id: z.uuid().describe('Contract id'),
  number: z.string().describe('Contract number (案號)'),
  name: z.string().describe('Contract name'),
  type: ContractTypeSchema,
  unitId: z.uuid().describe('Commissioned unit'),
  unitName: z.string().describe('Name of the commissioned unit'),
  unitNameEn: orgNameEnField('the commissioned unit'),
  divisionId: z.uuid().describe('Supervising Ministry division'),
  divisionName: z.string().describe('Name of the supervising division'),
  divisionNameEn: orgNameEnField('the supervising division'),
  ownerUserId: z.uuid().nullable().describe('Business owner (業務承辦人)'),
  ownerName: z.string().nullable().describe('Name of the business owner'),
  periodStart: IsoDateSchema.describe('First day of the contract period'),
  periodEnd: IsoDateSchema.describe('Last day of the contract period'),
  amount: z.number().nullable().describe('Amount in New Taiwan dollars'),
  complianceStatus: ComplianceStatusSchema,
  missingCount: z.number().int().describe('Required clauses the contract lacks'),
  systemCount: z.number().int().describe('Systems that belong to the contract'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
});
export type ContractListItem = z.infer<typeof ContractListItemSchema>;

export const ContractClauseSchema = z.object({
  code: z.string().describe('Clause code of the policy version'),
  item: z.string().describe('Regulation item, e.g. 十二(一)'),
  title: LocalisedTextSchema.describe('Short title in both languages'),
  description: LocalisedTextSchema.describe('What the contract must say, in both languages'),
  required: z.boolean().describe('A contract lacking it is non-compliant'),
  allowNotApplicable: z.boolean().describe('Whether "not applicable" satisfies the rule'),
  status: ClauseStatusSchema.nullable().describe('Marked status; null when not yet assessed'),
  articleRef: z.string().nullable().describe('Where the contract says it, e.g. 第 8 條第 2 項'),
  note: z.string().nullable().describe('Remark'),
  isMissing: z.boolean().describe('Whether this clause makes the contract non-compliant'),
  updatedAt: z.string().nullable().describe('Last change of the mark (ISO 8601, UTC)'),
  updatedByName: z.string().nullable().describe('Who last changed the mark'),
});
export type ContractClause = z.infer<typeof ContractClauseSchema>;

export const RiskAssessmentSchema = z.object({
  id: z.uuid().describe('Risk assessment id'),
  contractId: z.uuid().describe('Contract assessed'),
  assessedOn: IsoDateSchema.describe('Day of the assessment'),
  assessor: z.string().describe('Who assessed'),
  risks: z.array(RiskKindSchema).describe('Risks considered'),
  level: RiskLevelSchema.describe('Overall risk level'),
  mitigation: z.string().nullable().describe('Measures agreed against the risks'),
  conclusion: z.string().nullable().describe('Conclusion of the assessment'),
  createdByName: z.string().nullable().describe('Who recorded it'),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
});
export type RiskAssessment = z.infer<typeof RiskAssessmentSchema>;

export const ContractDutyNoticeSchema = z.object({
  sentAt: z.string().nullable().describe('When the notice of duties was given (ISO 8601, UTC); null if not yet'),
  method: DutyNoticeMethodSchema.nullable().describe('How it was given'),
  acknowledgedAt: z.string().nullable().describe('When the unit acknowledged it (ISO 8601, UTC)'),
  acknowledgedByName: z.string().nullable().describe('Who acknowledged it for the unit'),
});
export type ContractDutyNotice = z.infer<typeof ContractDutyNoticeSchema>;

export const ContractDetailSchema = ContractListItemSchema.omit({ missingCount: true, systemCount: true }).extend({
  slaAvailability: z.number().nullable().describe('Availability the SLA promises, in percent (item 七)'),
  rtoHours: z.number().int().nullable().describe('Recovery time objective in hours (item 七)'),
  rpoHours: z.number().int().nullable().describe('Recovery point objective in hours (item 七)'),
  notes: z.string().nullable().describe('Remarks'),
  subcontractors: z
    .array(
      z.object({
        id: z.uuid().describe('Vendor id'),
        name: z.string().describe('Vendor name'),
        nameEn: orgNameEnField('the vendor'),
      }),
    )
    .describe('Subcontractors (分包廠商, item 二)'),
  dutyNotice: ContractDutyNoticeSchema.describe('Written notice of duties and its acknowledgement (item 二)'),
  policyVersionId: z.uuid().describe('Policy version the checklist is judged by'),
  policyVersion: z.number().int().describe('Number of that policy version'),
  currentPolicyVersion: z.number().int().describe('Number of the version in force today'),
  clauses: z.array(ContractClauseSchema).describe("The version's checklist merged with the contract's marks"),
  missingClauses: z.array(z.string()).describe('Codes of the required clauses the contract lacks'),
  riskAssessments: z.array(RiskAssessmentSchema).describe('Pre-commissioning risk assessments (item 三)'),
  systems: z
    .array(
      z.object({
        id: z.uuid().describe('System id'),
        name: z.string().describe('System name'),
        status: SystemStatusSchema,
      }),
    )
    .describe('Systems that belong to the contract'),
  can: abilities(['edit', 'notify', 'acknowledge', 'reevaluate']),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
});
export type ContractDetail = z.infer<typeof ContractDetailSchema>;

export const ContractCreateSchema = z.object({
  number: ContractNumberSchema,
  name: textField(200).describe('Contract name'),
  type: ContractTypeSchema,
  divisionId: z.uuid().describe('Supervising Ministry division (a division)'),
  ownerUserId: z.uuid().nullable().optional().describe('Business owner: an active ministry_owner account'),
  unitId: z.uuid().describe('Commissioned unit (a unit); a unit_admin may name only their own'),
  subcontractorIds: z
    .array(z.uuid())
    .max(50)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate subcontractor' })
    .describe('Subcontractors: vendor organisations'),
  periodStart: DateInputSchema.describe('First day of the contract period'),
  periodEnd: DateInputSchema.describe('Last day of the contract period; not before the first'),
  amount: amountField.nullable().optional(),
  slaAvailability: slaField.nullable().optional(),
  rtoHours: hoursField('Recovery time objective').nullable().optional(),
  rpoHours: hoursField('Recovery point objective').nullable().optional(),
  notes: longText(4000).nullable().optional().describe('Remarks'),
});
export type ContractCreateInput = z.infer<typeof ContractCreateSchema>;

export const ContractUpdateSchema = z.object({
  number: ContractNumberSchema.optional(),
  name: textField(200).optional().describe('Contract name'),
  type: ContractTypeSchema.optional(),
  divisionId: z.uuid().optional().describe('Supervising Ministry division'),
  ownerUserId: z.uuid().nullable().optional().describe('Business owner: an active ministry_owner account'),
  unitId: z.uuid().optional().describe('Commissioned unit'),
  subcontractorIds: z
    .array(z.uuid())
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, { message: 'duplicate subcontractor' })
    .optional()
    .describe('Replaces the subcontractors'),
  periodStart: DateInputSchema.optional().describe('First day of the contract period'),
  periodEnd: DateInputSchema.optional().describe('Last day of the contract period'),
  amount: amountField.nullable().optional(),
  slaAvailability: slaField.nullable().optional(),
  rtoHours: hoursField('Recovery time objective').nullable().optional(),
  rpoHours: hoursField('Recovery point objective').nullable().optional(),
  notes: longText(4000).nullable().optional().describe('Remarks'),
});
export type ContractUpdateInput = z.infer<typeof ContractUpdateSchema>;

const clauseCode = z
  .string()
  .regex(/^[a-z0-9_]{2,40}$/)
  .describe('Clause code of the contract’s policy version, e.g. item12_1');

export const ContractClauseInputSchema = z.object({
  status: ClauseStatusSchema,
  articleRef: textField(200)
    .nullable()
    .optional()
    .describe('Where the contract says it, e.g. 第 8 條第 2 項; omitted keeps the stored one, null clears it'),
  note: longText(1000)
    .nullable()
    .optional()
    .describe('Remark, e.g. why a clause is not applicable; omitted keeps the stored one, null clears it'),
});
export type ContractClauseInput = z.infer<typeof ContractClauseInputSchema>;

export const ContractClausesBulkSchema = z.object({
  items: z
    .array(ContractClauseInputSchema.extend({ code: clauseCode }))
    .min(1)
    .max(100)
    .refine((items) => new Set(items.map((i) => i.code)).size === items.length, { message: 'duplicate clause code' })
    .describe('Clauses to mark; all are saved or none'),
});
export type ContractClausesBulkInput = z.infer<typeof ContractClausesBulkSchema>;

export const ContractClauseParamSchema = z.object({
  id: z.uuid().describe('Contract id'),
  code: clauseCode,
});

export const DutyNoticeSendSchema = z.object({
  sentAt: DateTimeInputSchema.describe('When the notice was given (ISO 8601); not in the future'),
  method: DutyNoticeMethodSchema,
});

/** How far a notice's time may lie ahead of the server's clock (the sender's clock may run fast). */
export const DUTY_NOTICE_FUTURE_TOLERANCE_MS = 5 * 60_000;

/**
 * Whether a notice given at `sentAt` (ISO 8601) is not in the future at `now`, the caller's
 * clock (the request's instant on the server): the check `DutyNoticeSendSchema` leaves to it.
 */
export function isDutyNoticeSentAtAllowed(sentAt: string, now: Date): boolean {
  return Date.parse(sentAt) <= now.getTime() + DUTY_NOTICE_FUTURE_TOLERANCE_MS;
}
export type DutyNoticeSendInput = z.infer<typeof DutyNoticeSendSchema>;

const riskList = z
  .array(RiskKindSchema)
  .min(1)
  .max(RISK_KINDS.length)
  .refine((list) => new Set(list).size === list.length, { message: 'duplicate risk' })
  .describe('Risks considered');

export const RiskAssessmentCreateSchema = z.object({
  assessedOn: DateInputSchema.describe('Day of the assessment; not in the future'),
  assessor: textField(200).describe('Who assessed (name or team)'),
  risks: riskList,
  level: RiskLevelSchema.describe('Overall risk level'),
  mitigation: longText(4000).nullable().optional().describe('Measures agreed against the risks'),
  conclusion: longText(4000).nullable().optional().describe('Conclusion of the assessment'),
});
export type RiskAssessmentCreateInput = z.infer<typeof RiskAssessmentCreateSchema>;

export const RiskAssessmentUpdateSchema = z.object({
  assessedOn: DateInputSchema.optional().describe('Day of the assessment; not in the future'),
  assessor: textField(200).optional().describe('Who assessed'),
  risks: riskList.optional(),
  level: RiskLevelSchema.optional().describe('Overall risk level'),
  mitigation: longText(4000).nullable().optional().describe('Measures agreed against the risks'),
  conclusion: longText(4000).nullable().optional().describe('Conclusion of the assessment'),
});
export type RiskAssessmentUpdateInput = z.infer<typeof RiskAssessmentUpdateSchema>;

export const RiskAssessmentParamSchema = z.object({
  id: z.uuid().describe('Contract id'),
  assessmentId: z.uuid().describe('Risk assessment id'),
});

export const ContractPartyOptionsSchema = z.object({
  divisions: z
    .array(
      z.object({
        id: z.uuid().describe('Division id'),
        name: z.string().describe('Division name'),
        nameEn: orgNameEnField('the division'),
      }),
    )
    .describe('Active Ministry divisions that may supervise a contract'),
  owners: z
    .array(
      z.object({
        id: z.uuid().describe('User id'),
        name: z.string().describe('Name'),
        orgName: z.string().describe('Division or office of the user'),
        orgNameEn: orgNameEnField('that division or office'),
      }),
    )
    .describe('Active ministry_owner accounts that may be business owner'),
});
export type ContractPartyOptions = z.infer<typeof ContractPartyOptionsSchema>;
