import type { z } from 'zod';
import type {
  ApiTokenCreatedSchema,
  ApiTokenSchema,
  AuditVerifySchema,
  InviteInfoSchema,
  MfaSetupSchema,
  OidcConfigSchema,
  RecoveryCodesSchema,
  SessionSummarySchema,
  SetupStatusSchema,
  UserCreatedSchema,
} from '@custodian/shared';

export type {
  AuditEvent,
  Dashboard,
  Organisation,
  SessionInfo,
  SessionUser,
  User,
  OrganisationCreateInput,
  OrganisationUpdateInput,
  UserCreateInput,
  UserUpdateInput,
} from '@custodian/shared';

export type SetupStatus = z.infer<typeof SetupStatusSchema>;
export type OidcConfig = z.infer<typeof OidcConfigSchema>;
export type InviteInfo = z.infer<typeof InviteInfoSchema>;
export type MfaSetup = z.infer<typeof MfaSetupSchema>;
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;
export type SessionSummary = z.infer<typeof SessionSummarySchema>;
export type ApiToken = z.infer<typeof ApiTokenSchema>;
export type ApiTokenCreated = z.infer<typeof ApiTokenCreatedSchema>;
export type AuditVerifyResult = z.infer<typeof AuditVerifySchema>;
export type UserCreated = z.infer<typeof UserCreatedSchema>;

/** The list envelope of every paginated endpoint. */
export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };
