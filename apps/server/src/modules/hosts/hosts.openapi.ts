import { defineOperations } from '../../lib/openapi-operations.js';

/** The hosts module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const hostsOperations = defineOperations({
  'GET /api/v1/hosts': { operationId: 'listHosts', summary: 'List hosts (servers) in scope' },
  'GET /api/v1/hosts/:id': {
    operationId: 'getHost',
    summary: 'Read a host with its systems',
    errors: ['COMMITMENT_REQUIRED'],
  },
  'POST /api/v1/hosts': {
    operationId: 'createHost',
    summary: 'Register a host',
    errors: ['HOSTNAME_TAKEN', 'INVALID_HOSTNAME', 'INVALID_IP', 'LINK_ORG_MISMATCH'],
  },
  'PATCH /api/v1/hosts/:id': {
    operationId: 'updateHost',
    summary: 'Change a host',
    errors: ['HOSTNAME_TAKEN', 'INVALID_HOSTNAME', 'INVALID_IP', 'LINK_ORG_MISMATCH'],
  },
});
