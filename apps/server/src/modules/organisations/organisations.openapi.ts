import { defineOperations } from '../../lib/openapi-operations.js';

/** The organisations module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const organisationsOperations = defineOperations({
  'GET /api/v1/organisations': { operationId: 'listOrganisations', summary: 'List organisations in scope' },
  'GET /api/v1/organisations/:id': { operationId: 'getOrganisation', summary: 'Read an organisation' },
  'POST /api/v1/organisations': {
    operationId: 'createOrganisation',
    summary: 'Create a unit, division or vendor',
    errors: ['ORG_CODE_TAKEN', 'ORG_PARENT_INVALID'],
  },
  'PATCH /api/v1/organisations/:id': {
    operationId: 'updateOrganisation',
    summary: 'Change an organisation',
    errors: ['ORG_CODE_TAKEN', 'ORG_PARENT_INVALID'],
  },
});
