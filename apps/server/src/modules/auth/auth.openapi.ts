import { defineOperations } from '../../lib/openapi-operations.js';

/** The auth module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const authOperations = defineOperations({
  'POST /api/v1/auth/login': {
    operationId: 'signIn',
    summary: 'Sign in with e-mail and password',
    errors: ['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'ACCOUNT_DISABLED'],
  },
  'POST /api/v1/auth/mfa': {
    operationId: 'verifyMfa',
    summary: 'Second sign-in step: a TOTP or recovery code',
    errors: ['MFA_INVALID_CODE', 'RECOVERY_CODE_INVALID'],
  },
  'POST /api/v1/auth/logout': { operationId: 'signOut', summary: 'Sign out this session' },
  'GET /api/v1/auth/session': { operationId: 'getSession', summary: 'The current session, its user and CSRF token' },
  'GET /api/v1/auth/invites/:token': {
    operationId: 'getInvite',
    summary: 'Check an invitation link',
    errors: ['INVITE_INVALID'],
  },
  'POST /api/v1/auth/invites/:token': {
    operationId: 'acceptInvite',
    summary: 'Set the password of an invited account',
    errors: ['INVITE_INVALID', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_WEAK'],
  },
  'GET /api/v1/auth/oidc/config': { operationId: 'getOidcConfig', summary: 'Whether single sign-on is configured' },
  'GET /api/v1/auth/oidc/start': {
    operationId: 'startOidcSignIn',
    summary: 'Redirect to the single sign-on provider',
    errors: ['OIDC_NOT_CONFIGURED'],
  },
  'GET /api/v1/auth/oidc/callback': {
    operationId: 'completeOidcSignIn',
    summary: 'Return from the single sign-on provider',
    errors: ['OIDC_NOT_CONFIGURED', 'OIDC_FAILED', 'OIDC_NO_ACCOUNT'],
  },
});
