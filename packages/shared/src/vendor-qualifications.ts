import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { abilities } from './permissions.js';
import { PageQuerySchema } from './pagination.js';
import { DateInputSchema } from './dates.js';
import { IsoDateSchema } from './policy.js';
import { QualificationKindSchema } from './registry-enums.js';
import { textField } from './text.js';

/**
 * Vendor due diligence (item 三十九): the security qualifications (ISO/CNS 27001 and the
 * like) of a vendor or a commissioned unit, with certificate number and validity.
 */

/**
 * valid: in force beyond the warning period (or no expiry); expiring: expires within the
 * policy's `vendorQualifications.expiryWarningDays` (the expiry day itself included);
 * expired: the expiry day has passed.
 */
export const QUALIFICATION_STATUSES = ['valid', 'expiring', 'expired'] as const;
export const QualificationStatusSchema = z
  .enum(QUALIFICATION_STATUSES)
  .describe('Validity today in Taipei: valid, expiring (within the warning period) or expired');
export type QualificationStatus = z.infer<typeof QualificationStatusSchema>;

/** Kinds that are certificates and so always carry an expiry date. */
export const CERTIFICATE_KINDS = ['iso27001', 'cns27001', 'iso27701'] as const;

/** Kinds that count as an information-security management certification (ISO/CNS 27001). */
export const ISMS_KINDS = ['iso27001', 'cns27001'] as const;

export const VendorQualificationSchema = z.object({
  id: z.uuid().describe('Qualification id'),
  orgId: z.uuid().describe('Vendor or unit holding the qualification'),
  orgName: z.string().describe('Name of that organisation'),
  orgNameEn: orgNameEnField('that organisation'),
  orgKind: z.enum(['unit', 'vendor']).describe('Kind of that organisation'),
  parentOrgName: z.string().nullable().describe('For a vendor, the unit it works for'),
  parentOrgNameEn: orgNameEnField('that unit'),
  kind: QualificationKindSchema,
  name: z.string().describe('Name of the qualification, e.g. ISO/IEC 27001:2022'),
  certificateNumber: z.string().nullable().describe('Certificate number'),
  issuer: z.string().nullable().describe('Certification body'),
  scope: z.string().nullable().describe('Certified scope'),
  issuedOn: IsoDateSchema.nullable().describe('Date of issue'),
  expiresOn: IsoDateSchema.nullable().describe('Last day of validity'),
  status: QualificationStatusSchema,
  daysToExpiry: z
    .number()
    .int()
    .nullable()
    .describe('Days from today (Taipei) to the expiry day; negative once expired'),
  notes: z.string().nullable().describe('Notes'),
  attachmentCount: z.number().int().describe('Files attached (certificate scans)'),
  createdBy: z.uuid().nullable().describe('User who recorded it'),
  createdByName: z.string().nullable().describe('Name of that user'),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
  can: abilities(['edit', 'delete']),
});
export type VendorQualification = z.infer<typeof VendorQualificationSchema>;

const optionalText = (max: number) => textField(max).nullable().optional();

const fields = {
  kind: QualificationKindSchema,
  name: textField(200).describe('Name of the qualification, e.g. ISO/IEC 27001:2022'),
  certificateNumber: optionalText(100).describe('Certificate number'),
  issuer: optionalText(200).describe('Certification body'),
  scope: optionalText(1000).describe('Certified scope'),
  issuedOn: DateInputSchema.nullable().optional().describe('Date of issue'),
  expiresOn: DateInputSchema.nullable().optional().describe('Last day of validity; required for certificates'),
  notes: optionalText(2000).describe('Notes'),
};

/** Whether an expiry comes before the issue date (both given). */
export function isExpiryBeforeIssue(issuedOn: string | null | undefined, expiresOn: string | null | undefined) {
  return Boolean(issuedOn && expiresOn && expiresOn < issuedOn);
}

/** Whether a kind needs an expiry date: certificates do, "other" qualifications may not. */
export function requiresExpiry(kind: z.infer<typeof QualificationKindSchema>): boolean {
  return (CERTIFICATE_KINDS as readonly string[]).includes(kind);
}

export const VendorQualificationCreateSchema = z
  .object({ orgId: z.uuid().describe('Vendor or unit holding the qualification'), ...fields })
  .superRefine((v, ctx) => {
    if (isExpiryBeforeIssue(v.issuedOn, v.expiresOn)) {
      ctx.addIssue({ code: 'custom', message: 'expiry before issue date', path: ['expiresOn'] });
    }
    if (requiresExpiry(v.kind) && !v.expiresOn) {
      ctx.addIssue({ code: 'custom', message: 'a certificate needs an expiry date', path: ['expiresOn'] });
    }
  });
export type VendorQualificationCreateInput = z.infer<typeof VendorQualificationCreateSchema>;

/** Changes to a qualification; the holder stays. Date rules are checked on the merged record. */
export const VendorQualificationUpdateSchema = z.object({
  kind: fields.kind.optional(),
  name: fields.name.optional(),
  certificateNumber: fields.certificateNumber,
  issuer: fields.issuer,
  scope: fields.scope,
  issuedOn: fields.issuedOn,
  expiresOn: fields.expiresOn,
  notes: fields.notes,
});
export type VendorQualificationUpdateInput = z.infer<typeof VendorQualificationUpdateSchema>;

export const VendorQualificationListQuerySchema = PageQuerySchema.extend({
  q: PageQuerySchema.shape.q.describe(
    'Search in the qualification name, certificate number and organisation name (zh-TW or English)',
  ),
  orgId: z.uuid().optional().describe('Only this organisation'),
  kind: QualificationKindSchema.optional().describe('Only this kind'),
  status: QualificationStatusSchema.optional().describe('Only this validity'),
});
export type VendorQualificationListQuery = z.infer<typeof VendorQualificationListQuerySchema>;

/** Per organisation: whether it holds a valid ISO/CNS 27001, and what expires next. */
export const VendorQualificationSummarySchema = z.object({
  orgId: z.uuid().describe('Organisation id'),
  orgName: z.string().describe('Organisation name'),
  orgNameEn: orgNameEnField('the organisation'),
  orgKind: z.enum(['unit', 'vendor']).describe('Kind of organisation'),
  parentOrgName: z.string().nullable().describe('For a vendor, the unit it works for'),
  parentOrgNameEn: orgNameEnField('that unit'),
  hasValidIsms: z.boolean().describe('Holds an ISO 27001 or CNS 27001 certificate that has not expired'),
  ismsExpiresOn: IsoDateSchema.nullable().describe('Latest expiry among its valid ISO/CNS 27001 certificates'),
  nearestExpiry: IsoDateSchema.nullable().describe('Earliest expiry among its qualifications that have not expired'),
  nearestExpiryStatus: QualificationStatusSchema.nullable().describe('Validity of that qualification'),
  valid: z.number().int().describe('Qualifications valid beyond the warning period'),
  expiring: z.number().int().describe('Qualifications within the warning period'),
  expired: z.number().int().describe('Expired qualifications'),
});
export type VendorQualificationSummary = z.infer<typeof VendorQualificationSummarySchema>;

export const VendorQualificationSummaryQuerySchema = PageQuerySchema.extend({
  q: PageQuerySchema.shape.q.describe('Search in the organisation name (zh-TW or English) and code'),
  orgId: z.uuid().optional().describe('Only this organisation'),
  orgKind: z.enum(['unit', 'vendor']).optional().describe('Only vendors or only units'),
  isms: z.enum(['valid', 'missing']).optional().describe('valid: holds a valid ISO/CNS 27001; missing: holds none'),
});
export type VendorQualificationSummaryQuery = z.infer<typeof VendorQualificationSummaryQuerySchema>;
