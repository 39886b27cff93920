import { z } from 'zod';
import { orgNameEnField } from './org-names.js';
import { RoleSchema } from './roles.js';
import { EmailSchema, PasswordSchema, textField } from './text.js';
import { DateFormatSchema, LocaleSchema } from './users.js';

export const SESSION_STAGES = ['mfa_pending', 'mfa_enrolment', 'active'] as const;
export const SessionStageSchema = z
  .enum(SESSION_STAGES)
  .describe('mfa_pending: enter a TOTP code; mfa_enrolment: must set up MFA first; active: signed in');

/** GET /api/v1/setup/status */
export const SetupStatusSchema = z.object({
  needsSetup: z.boolean().describe('True while the database has no users: the first-run page is open'),
});

/** POST /api/v1/setup: creates the Ministry and the first ministry_admin. */
export const SetupSchema = z.object({
  ministryName: textField(200).default('教育部').describe('Name of the Ministry organisation'),
  email: EmailSchema,
  name: textField(100).describe('Display name of the first administrator'),
  password: PasswordSchema,
});
export type SetupInput = z.infer<typeof SetupSchema>;

/** POST /api/v1/auth/login */
export const LoginSchema = z.object({ email: EmailSchema, password: PasswordSchema });
export type LoginInput = z.infer<typeof LoginSchema>;

/** POST /api/v1/auth/mfa: second step, with a TOTP code or a recovery code. */
export const MfaVerifySchema = z
  .object({
    code: z
      .string()
      .regex(/^\d{6}$/)
      .optional()
      .describe('6-digit TOTP code'),
    recoveryCode: z.string().trim().min(8).max(32).optional().describe('One-time recovery code'),
  })
  .refine((v) => Boolean(v.code) !== Boolean(v.recoveryCode), { message: 'give either code or recoveryCode' });
export type MfaVerifyInput = z.infer<typeof MfaVerifySchema>;

export const SessionUserSchema = z.object({
  id: z.uuid().describe('User id'),
  email: z.string().describe('E-mail'),
  name: z.string().describe('Display name'),
  role: RoleSchema,
  orgId: z.uuid().describe('Organisation id'),
  orgName: z.string().describe('Organisation name'),
  orgNameEn: orgNameEnField('the organisation'),
  mfaEnabled: z.boolean().describe('TOTP enrolled'),
  locale: LocaleSchema,
  dateFormat: DateFormatSchema,
});
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** GET /api/v1/auth/session, and the body of login/mfa responses. */
export const SessionInfoSchema = z.object({
  stage: SessionStageSchema,
  user: SessionUserSchema,
  csrfToken: z.string().describe('Send as the X-CSRF-Token header on every write'),
  expiresAt: z.string().describe('Absolute session expiry (ISO 8601)'),
  idleTimeoutMinutes: z.number().int().describe('Idle timeout'),
});
export type SessionInfo = z.infer<typeof SessionInfoSchema>;

/** GET /api/v1/auth/invites/:token */
export const InviteInfoSchema = z.object({
  email: z.string().describe('Invited e-mail'),
  name: z.string().describe('Invited user name'),
  orgName: z.string().describe('Organisation'),
  orgNameEn: orgNameEnField('the organisation'),
  expiresAt: z.string().describe('Link expiry (ISO 8601)'),
});
/** POST /api/v1/auth/invites/:token */
export const InviteAcceptSchema = z.object({ password: PasswordSchema });
export const InviteTokenParamSchema = z.object({ token: z.string().min(20).max(100).describe('Invitation token') });

/** GET /api/v1/auth/oidc/config */
export const OidcConfigSchema = z.object({
  enabled: z.boolean().describe('Whether single sign-on is configured'),
  startUrl: z.string().nullable().describe('Where the browser goes to start SSO'),
});
