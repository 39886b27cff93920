import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { OrgKindSchema, UnitTypeSchema } from './roles.js';
import { textField } from './text.js';
import { normaliseIdentifier } from './identifiers.js';
import { PageQuerySchema } from './pagination.js';

/** Responsibility level of a commissioned unit; sets the frequency of scans and penetration tests (items 十七, 四十二, 四十三). */
export const RESPONSIBILITY_LEVELS = ['A', 'B', 'C'] as const;
export const ResponsibilityLevelSchema = z
  .enum(RESPONSIBILITY_LEVELS)
  .describe('Responsibility level of a unit: A, B or C (資通安全責任等級)');
export type ResponsibilityLevel = z.infer<typeof ResponsibilityLevelSchema>;

export const OrganisationSchema = z.object({
  id: z.uuid().describe('Organisation id'),
  kind: OrgKindSchema,
  unitType: UnitTypeSchema.nullable().describe('Type of a commissioned unit; null for other kinds'),
  responsibilityLevel: ResponsibilityLevelSchema.nullable().describe(
    'Responsibility level of a commissioned unit (A, B or C); null when not set or not a unit',
  ),
  code: z.string().describe('Short unique code, e.g. a school code or tax ID'),
  name: z.string().describe('Official name (zh-TW)'),
  nameEn: z.string().nullable().describe('English name'),
  parentId: z
    .uuid()
    .nullable()
    .describe('Parent organisation: the Ministry for divisions and units, a unit for vendors'),
  parentName: z.string().nullable().describe('Name of the parent organisation'),
  parentNameEn: orgNameEnField('the parent organisation'),
  isActive: z.boolean().describe('Inactive organisations keep their records but cannot sign in'),
  userCount: z.number().int().describe('Users in this organisation'),
  createdAt: z.string().describe('Creation time (ISO 8601, UTC)'),
  updatedAt: z.string().describe('Last update time (ISO 8601, UTC)'),
});
export type Organisation = z.infer<typeof OrganisationSchema>;

/**
 * An organisation code as stored: normalised (full-width ＮＴＮＵ is NTNU), then ASCII
 * letters, digits, dot, dash and underscore. Unique regardless of case (`ntnu` is `NTNU`).
 */
export const OrgCodeSchema = z
  .string()
  .overwrite(normaliseIdentifier)
  .min(2)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { message: 'letters, digits, dot, dash, underscore' });

export const OrganisationCreateSchema = z.object({
  kind: z.enum(['division', 'unit', 'vendor']).describe('Kind of organisation to create (the Ministry exists once)'),
  unitType: UnitTypeSchema.optional().describe('Type, for units and vendors'),
  responsibilityLevel: ResponsibilityLevelSchema.optional().describe('Responsibility level, for units'),
  code: OrgCodeSchema.describe('Short unique code, regardless of case'),
  name: textField(200).describe('Official name (zh-TW)'),
  nameEn: textField(200).optional().describe('English name'),
  parentId: z
    .uuid()
    .optional()
    .describe('Parent: required for vendors (their unit); defaults to the Ministry otherwise'),
});
export type OrganisationCreateInput = z.infer<typeof OrganisationCreateSchema>;

export const OrganisationUpdateSchema = z.object({
  name: textField(200).optional().describe('Official name (zh-TW)'),
  nameEn: textField(200).nullable().optional().describe('English name'),
  unitType: UnitTypeSchema.optional().describe('Type, for units and vendors'),
  responsibilityLevel: ResponsibilityLevelSchema.nullable().optional().describe('Responsibility level, for units'),
  isActive: z.boolean().optional().describe('Activate or deactivate'),
});
export type OrganisationUpdateInput = z.infer<typeof OrganisationUpdateSchema>;

export const OrganisationListQuerySchema = PageQuerySchema.extend({
  kind: OrgKindSchema.optional().describe('Filter by kind'),
  parentId: z.uuid().optional().describe('Filter by parent organisation'),
  active: z.enum(['true', 'false']).optional().describe('Filter by active flag'),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuerySchema>;
