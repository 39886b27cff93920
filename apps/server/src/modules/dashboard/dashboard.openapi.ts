import { defineOperations } from '../../lib/openapi-operations.js';

/** The dashboard module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const dashboardOperations = defineOperations({
  'GET /api/v1/dashboard': {
    operationId: 'getDashboard',
    summary: "The caller's dashboard cards, each with its list's total",
  },
});
