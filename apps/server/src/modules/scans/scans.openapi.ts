import { defineOperations } from '../../lib/openapi-operations.js';

/** The scans module's operations in the OpenAPI document (issue 9; lib/openapi-operations.ts). */
export const scansOperations = defineOperations({
  'POST /api/v1/scans/imports': {
    operationId: 'importScan',
    summary: 'Import a vulnerability scan report into a system (multipart `file`; API tokens accepted)',
    errors: ['SCAN_FILE_INVALID', 'SCAN_FILE_TOO_LARGE', 'SCAN_FILE_EMPTY', 'SYSTEM_DECOMMISSIONED', 'NOT_FOUND'],
  },
  'GET /api/v1/scans/imports/:id': {
    operationId: 'getScanImport',
    summary: 'Status and progress of a scan import (bytes and findings so far), with its summary once done',

    errors: ['COMMITMENT_REQUIRED'],
  },
  'GET /api/v1/scans': { operationId: 'listScans', summary: 'Scans of the systems in scope, newest first' },
  'GET /api/v1/scans/:id': {
    operationId: 'getScan',
    summary: 'One scan with its import summary',
    errors: ['COMMITMENT_REQUIRED'],
  },
  'GET /api/v1/scans/findings': {
    operationId: 'listFindings',
    summary: 'Findings of the systems in scope, filtered by system, unit, severity, state, overdue, CVE and tool',
  },
  'GET /api/v1/scans/stats': {
    operationId: 'findingStats',
    summary: 'Open findings by severity at the end of each month, and the mean days to remediate, within the scope',
  },
  'GET /api/v1/scans/findings.csv': {
    operationId: 'exportFindingsCsv',
    summary: 'The findings list as CSV (UTF-8 with BOM), with the same filters, streamed',
  },
  'GET /api/v1/scans/findings.xlsx': {
    operationId: 'exportFindingsXlsx',
    summary: 'The findings list as XLSX, with the same filters, streamed',
  },
  'GET /api/v1/scans/findings/:id': {
    operationId: 'getFinding',
    summary: 'One finding with its texts and evidence',
    errors: ['COMMITMENT_REQUIRED'],
  },
  'POST /api/v1/scans/findings/:id/false-positive': {
    operationId: 'markFindingFalsePositive',
    summary: 'Mark a finding a false positive, with the reason and approver',
    errors: ['FINDING_STATE_INVALID'],
  },
  'POST /api/v1/scans/findings/:id/risk-acceptance': {
    operationId: 'acceptFindingRisk',
    summary: 'Accept a finding as a risk until a day, with the reason and approver',
    errors: ['FINDING_STATE_INVALID', 'FINDING_EXPIRY_INVALID'],
  },
  'POST /api/v1/scans/findings/:id/ministry-approval': {
    operationId: 'approveFindingRiskAcceptance',
    summary: "Give or withdraw the Ministry's approval of a risk acceptance",
    errors: ['FINDING_STATE_INVALID'],
  },
  'POST /api/v1/scans/findings/:id/reopen': {
    operationId: 'reopenFinding',
    summary: 'Reopen a fixed or disposed-of finding, with a reason',
    errors: ['FINDING_STATE_INVALID'],
  },
  'GET /api/v1/scans/launch-check': {
    operationId: 'checkSystemLaunch',
    summary: 'Whether a system may go online (items 四十二, 四十三): what blocks it, if anything',
    errors: ['NOT_FOUND', 'COMMITMENT_REQUIRED'],
  },
});
