import { defineOperations } from '../../lib/openapi-operations.js';

/** The policy module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const policyOperations = defineOperations({
  'GET /api/v1/policy/current': { operationId: 'getCurrentPolicy', summary: 'The rule set in force today' },
  'GET /api/v1/policy/versions': { operationId: 'listPolicyVersions', summary: 'List the published rule set versions' },
  'GET /api/v1/policy/versions/:id': { operationId: 'getPolicyVersion', summary: 'Read one rule set version' },
  'POST /api/v1/policy/versions': {
    operationId: 'publishPolicyVersion',
    summary: 'Publish a new rule set version',
    errors: ['POLICY_EFFECTIVE_DATE_INVALID', 'POLICY_RULES_INVALID'],
  },
});
