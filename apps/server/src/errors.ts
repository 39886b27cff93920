import type { ErrorCode } from '@custodian/shared';

/** HTTP status for each stable error code. */
export const ERROR_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  BODY_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  CSRF_INVALID: 403,
  RATE_LIMITED: 429,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  ACCOUNT_DISABLED: 403,
  MFA_REQUIRED: 401,
  MFA_ENROLMENT_REQUIRED: 403,
  MFA_INVALID_CODE: 400,
  MFA_ALREADY_ENABLED: 409,
  RECOVERY_CODE_INVALID: 400,
  PASSWORD_TOO_SHORT: 400,
  PASSWORD_REUSED: 400,
  PASSWORD_INCORRECT: 400,
  INVITE_NOT_NEEDED: 409,
  INVITE_INVALID: 400,
  SETUP_ALREADY_DONE: 409,
  EMAIL_TAKEN: 409,
  ORG_CODE_TAKEN: 409,
  ROLE_ORG_MISMATCH: 400,
  ORG_PARENT_INVALID: 400,
  ORG_HAS_CHILDREN: 409,
  TOKEN_SCOPE: 403,
  OIDC_NOT_CONFIGURED: 404,
  OIDC_FAILED: 400,
  OIDC_NO_ACCOUNT: 403,
  INVALID_NATIONAL_ID: 400,
  BACKUP_INVALID: 400,
  BACKUP_KEY_MISMATCH: 409,
  DATABASE_NOT_EMPTY: 409,
  INTERNAL: 500,
};

/** The one error type services throw; the error handler maps it to status and message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: Record<string, unknown>,
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}
