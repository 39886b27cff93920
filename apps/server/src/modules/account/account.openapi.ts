import { defineOperations } from '../../lib/openapi-operations.js';

/** The account module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const accountOperations = defineOperations({
  'GET /api/v1/account': { operationId: 'getAccount', summary: "Read the signed-in user's own account" },
  'PATCH /api/v1/account': { operationId: 'updateAccount', summary: "Change the signed-in user's name or language" },
  'POST /api/v1/account/password': {
    operationId: 'changePassword',
    summary: "Change the signed-in user's password",
    errors: ['PASSWORD_INCORRECT', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_WEAK', 'PASSWORD_REUSED'],
  },
  'POST /api/v1/account/mfa/setup': {
    operationId: 'startMfaSetup',
    summary: 'Start TOTP enrolment: a new secret and its QR code',
    errors: ['MFA_ALREADY_ENABLED'],
  },
  'POST /api/v1/account/mfa/confirm': {
    operationId: 'confirmMfaSetup',
    summary: 'Confirm TOTP enrolment with a first code; returns recovery codes',
    errors: ['MFA_INVALID_CODE'],
  },
  'POST /api/v1/account/mfa/disable': {
    operationId: 'disableMfa',
    summary: 'Turn TOTP off (not for roles that require it)',
    errors: ['MFA_INVALID_CODE', 'PASSWORD_INCORRECT'],
  },
  'POST /api/v1/account/mfa/recovery-codes': {
    operationId: 'regenerateRecoveryCodes',
    summary: 'Replace the recovery codes',
    errors: ['MFA_INVALID_CODE'],
  },
  'GET /api/v1/account/sessions': { operationId: 'listSessions', summary: "List the signed-in user's sessions" },
  'DELETE /api/v1/account/sessions/:id': {
    operationId: 'revokeSession',
    summary: "Sign out one of the user's sessions",
  },
  'POST /api/v1/account/sessions/revoke-others': {
    operationId: 'revokeOtherSessions',
    summary: 'Sign out every other session of the user',
  },
  'GET /api/v1/account/tokens': { operationId: 'listApiTokens', summary: "List the user's personal API tokens" },
  'POST /api/v1/account/tokens': { operationId: 'createApiToken', summary: 'Create a personal API token (shown once)' },
  'DELETE /api/v1/account/tokens/:id': { operationId: 'revokeApiToken', summary: 'Revoke a personal API token' },
});
