import { defineOperations } from '../../lib/openapi-operations.js';

/** The setup module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const setupOperations = defineOperations({
  'GET /api/v1/setup/status': { operationId: 'getSetupStatus', summary: 'Whether first-run setup is still needed' },
  'POST /api/v1/setup': {
    operationId: 'completeSetup',
    summary: 'First run: create the Ministry and its first administrator',
    errors: ['SETUP_ALREADY_DONE', 'PASSWORD_TOO_SHORT', 'PASSWORD_TOO_WEAK'],
  },
});
