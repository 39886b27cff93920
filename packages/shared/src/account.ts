import { z } from 'zod';
import { PasswordSchema, textField } from './text.js';
import { DateFormatSchema, LocaleSchema } from './users.js';

/** PATCH /api/v1/account */
export const AccountUpdateSchema = z.object({
  name: textField(100).optional().describe('Display name'),
  locale: LocaleSchema.optional(),
  dateFormat: DateFormatSchema.optional(),
});
export type AccountUpdateInput = z.infer<typeof AccountUpdateSchema>;

/** POST /api/v1/account/password */
export const PasswordChangeSchema = z.object({
  currentPassword: PasswordSchema.describe('Current password'),
  newPassword: PasswordSchema.describe('New password: at least 12 characters, not one of the last 3'),
});
export type PasswordChangeInput = z.infer<typeof PasswordChangeSchema>;

/** POST /api/v1/account/mfa/setup → secret to enrol (shown once, until confirmed). */
export const MfaSetupSchema = z.object({
  secret: z.string().describe('Base32 TOTP secret, for manual entry'),
  otpauthUrl: z.string().describe('otpauth:// URI'),
  qrDataUrl: z.string().describe('QR code of the URI as a data: PNG'),
});
/** POST /api/v1/account/mfa/confirm */
export const MfaConfirmSchema = z.object({
  code: z
    .string()
    .regex(/^\d{6}$/)
    .describe('6-digit TOTP code'),
});
/** Returned once when MFA is confirmed or codes are regenerated. */
export const RecoveryCodesSchema = z.object({
  recoveryCodes: z.array(z.string()).describe('One-time recovery codes; shown only now'),
});
/** POST /api/v1/account/mfa/disable and /recovery-codes */
export const MfaReauthSchema = z.object({
  password: PasswordSchema.describe('Current password'),
  code: z
    .string()
    .regex(/^\d{6}$/)
    .describe('Current TOTP code'),
});

export const SessionSummarySchema = z.object({
  id: z.uuid().describe('Session id'),
  current: z.boolean().describe('The session making this request'),
  method: z.enum(['password', 'oidc']).describe('How it signed in'),
  ip: z.string().nullable().describe('IP at sign-in'),
  userAgent: z.string().nullable().describe('Browser at sign-in'),
  createdAt: z.string().describe('Signed in at (ISO 8601)'),
  lastSeenAt: z.string().describe('Last activity (ISO 8601)'),
  expiresAt: z.string().describe('Absolute expiry (ISO 8601)'),
});
export const SessionListSchema = z.object({ items: z.array(SessionSummarySchema) });

export const TOKEN_SCOPES = ['read', 'write'] as const;
export const TokenScopeSchema = z.enum(TOKEN_SCOPES).describe('read: GET routes; write: changes');
export const MAX_TOKEN_DAYS = 365;

export const ApiTokenSchema = z.object({
  id: z.uuid().describe('Token id'),
  name: z.string().describe('Label'),
  prefix: z.string().describe('First characters, to tell tokens apart'),
  scopes: z.array(TokenScopeSchema).describe('Granted scopes'),
  expiresAt: z.string().describe('Expiry (ISO 8601)'),
  lastUsedAt: z.string().nullable().describe('Last use (ISO 8601)'),
  createdAt: z.string().describe('Created (ISO 8601)'),
});
export const ApiTokenListSchema = z.object({ items: z.array(ApiTokenSchema) });
/** POST /api/v1/account/tokens */
export const ApiTokenCreateSchema = z.object({
  name: textField(100).describe('Label'),
  scopes: z.array(TokenScopeSchema).min(1).max(2).describe('Scopes'),
  expiresInDays: z.number().int().min(1).max(MAX_TOKEN_DAYS).default(90).describe('Lifetime in days'),
});
export type ApiTokenCreateInput = z.infer<typeof ApiTokenCreateSchema>;
export const ApiTokenCreatedSchema = z.object({
  token: ApiTokenSchema,
  secret: z.string().describe('The token itself (cus_…); shown only now'),
});
