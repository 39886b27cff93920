import { defineOperations } from '../../lib/openapi-operations.js';

/** The users module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const usersOperations = defineOperations({
  'GET /api/v1/users': { operationId: 'listUsers', summary: 'List user accounts in scope' },
  'GET /api/v1/users/:id': { operationId: 'getUser', summary: 'Read a user account' },
  'POST /api/v1/users': {
    operationId: 'createUser',
    summary: 'Create a user account and its invitation',
    errors: ['EMAIL_TAKEN', 'ROLE_ORG_MISMATCH'],
  },
  'PATCH /api/v1/users/:id': {
    operationId: 'updateUser',
    summary: 'Change a user account',
    errors: ['EMAIL_TAKEN', 'ROLE_ORG_MISMATCH'],
  },
  'POST /api/v1/users/:id/invite': {
    operationId: 'inviteUser',
    summary: 'Issue a new invitation link',
    errors: ['INVITE_NOT_NEEDED'],
  },
});
