import { defineOperations } from '../../lib/openapi-operations.js';

/** The imports module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const importsOperations = defineOperations({
  'GET /api/v1/imports/template.xlsx': {
    operationId: 'downloadImportTemplate',
    summary: 'Download the XLSX import template',
  },
  'GET /api/v1/imports/templates/:sheet.csv': {
    operationId: 'downloadImportCsvTemplate',
    summary: 'Download one sheet of the import template as CSV',
  },
  'POST /api/v1/imports': {
    operationId: 'uploadImport',
    summary: 'Upload an XLSX or CSV file and get its preview',
    errors: ['IMPORT_FILE_INVALID', 'IMPORT_TOO_MANY_ROWS', 'FILE_TOO_LARGE', 'IMPORT_BUSY'],
  },
  'GET /api/v1/imports/:id': { operationId: 'getImport', summary: "Read an import's preview and row errors" },
  'POST /api/v1/imports/:id/commit': {
    operationId: 'commitImport',
    summary: 'Write a previewed import',
    errors: ['IMPORT_HAS_ERRORS', 'IMPORT_NOT_PENDING', 'IMPORT_CONFLICT'],
  },
  'POST /api/v1/imports/:id/discard': {
    operationId: 'discardImport',
    summary: 'Discard a previewed import',
    errors: ['IMPORT_NOT_PENDING'],
  },
  'GET /api/v1/exports/units.xlsx': {
    operationId: 'exportUnits',
    summary: "Download the filtered list of units as XLSX, in the import template's columns",
  },
  'GET /api/v1/exports/contracts.xlsx': {
    operationId: 'exportContracts',
    summary: "Download the filtered list of contracts as XLSX, in the import template's columns",
  },
  'GET /api/v1/exports/systems.xlsx': {
    operationId: 'exportSystems',
    summary: "Download the filtered list of systems as XLSX, in the import template's columns",
  },
  'GET /api/v1/exports/contracts.report.xlsx': {
    operationId: 'exportContractsReport',
    summary: 'Download the filtered list of contracts as a readable report workbook (names, ROC dates, verdicts)',
  },
  'GET /api/v1/exports/systems.report.xlsx': {
    operationId: 'exportSystemsReport',
    summary: 'Download the filtered list of systems as a readable report workbook (contacts, overdue flags)',
  },
  'GET /api/v1/exports/hosts.xlsx': {
    operationId: 'exportHosts',
    summary: "Download the filtered list of hosts as XLSX, in the import template's columns",
  },
  'GET /api/v1/exports/contacts.xlsx': {
    operationId: 'exportContacts',
    summary: "Download the filtered list of system contacts as XLSX, in the import template's columns",
  },
});
