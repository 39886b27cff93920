import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { abilities } from './permissions.js';
import { RoleSchema } from './roles.js';
import { EmailSchema, textField } from './text.js';
import { PageQuerySchema } from './pagination.js';

export const DATE_FORMATS = ['roc', 'iso'] as const;
export const DateFormatSchema = z.enum(DATE_FORMATS).describe('How dates are shown: ROC (民國) or ISO');
export type DateFormat = z.infer<typeof DateFormatSchema>;
export const LocaleSchema = z.enum(['zh-TW', 'en']).describe('Interface language');

export const UserSchema = z.object({
  id: z.uuid().describe('User id'),
  email: z.string().describe('E-mail address (login name)'),
  name: z.string().describe('Display name'),
  role: RoleSchema,
  orgId: z.uuid().describe('Organisation the user belongs to'),
  orgName: z.string().describe('Name of that organisation'),
  orgNameEn: orgNameEnField('that organisation'),
  isActive: z.boolean().describe('Disabled users cannot sign in'),
  mfaEnabled: z.boolean().describe('Whether TOTP is enrolled'),
  lockedUntil: z.string().nullable().describe('Lock expiry after repeated failures (ISO 8601)'),
  lastLoginAt: z.string().nullable().describe('Last successful sign-in (ISO 8601)'),
  hasPassword: z.boolean().describe('False until an invited user sets a password'),
  scopeOrgIds: z.array(z.uuid()).describe('Organisations supervised (ministry_owner) or assigned (auditor)'),
  createdAt: z.string().describe('Creation time (ISO 8601)'),
  can: abilities(['edit', 'reinvite']),
});
export type User = z.infer<typeof UserSchema>;

export const UserCreateSchema = z.object({
  email: EmailSchema,
  name: textField(100).describe('Display name'),
  role: RoleSchema,
  orgId: z.uuid().describe('Organisation the user belongs to'),
  scopeOrgIds: z
    .array(z.uuid())
    .max(500)
    .optional()
    .describe('Supervised/assigned organisations for ministry_owner and auditor'),
});
export type UserCreateInput = z.infer<typeof UserCreateSchema>;

export const UserCreatedSchema = z.object({
  user: UserSchema,
  inviteUrl: z.string().describe('One-time link for the user to set a password; also e-mailed when SMTP is set'),
  inviteEmailed: z.boolean().describe('Whether the invitation e-mail was sent'),
});

export const UserUpdateSchema = z.object({
  name: textField(100).optional().describe('Display name'),
  role: RoleSchema.optional(),
  isActive: z.boolean().optional().describe('Enable or disable the account'),
  scopeOrgIds: z.array(z.uuid()).max(500).optional().describe('Supervised/assigned organisations'),
  unlock: z.boolean().optional().describe('Clear a failed-login lock'),
});
export type UserUpdateInput = z.infer<typeof UserUpdateSchema>;

export const UserListQuerySchema = PageQuerySchema.extend({
  role: RoleSchema.optional().describe('Filter by role'),
  orgId: z.uuid().optional().describe('Filter by organisation'),
  active: z.enum(['true', 'false']).optional().describe('Filter by active flag'),
});
export type UserListQuery = z.infer<typeof UserListQuerySchema>;
