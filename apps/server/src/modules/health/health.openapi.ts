import { defineOperations } from '../../lib/openapi-operations.js';

/** The health module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const healthOperations = defineOperations({
  'GET /api/health': { operationId: 'getHealth', summary: 'Liveness and database readiness' },
});
