import { defineOperations } from '../../lib/openapi-operations.js';

/** The audit module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const auditOperations = defineOperations({
  'GET /api/v1/audit-events': { operationId: 'listAuditEvents', summary: 'List audit events, newest first' },
  'GET /api/v1/audit-events/export.csv': {
    operationId: 'exportAuditEvents',
    summary: 'Download the filtered audit events as CSV',
  },
  'GET /api/v1/audit/actions': {
    operationId: 'listAuditActions',
    summary: 'List the audit actions with their zh-TW and English labels, for the action filter',
  },
  'GET /api/v1/audit/verify': {
    operationId: 'verifyAuditChain',
    summary: 'Recompute the audit hash chain and compare it with the newest checkpoint',
  },
});
