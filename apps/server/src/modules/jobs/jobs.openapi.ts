import { defineOperations } from '../../lib/openapi-operations.js';

/** The jobs module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const jobsOperations = defineOperations({
  'GET /api/v1/jobs/failed': { operationId: 'listFailedJobs', summary: 'List background jobs that failed' },
});
