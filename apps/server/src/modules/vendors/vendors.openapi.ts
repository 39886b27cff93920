import { defineOperations } from '../../lib/openapi-operations.js';

/** The vendors module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const vendorsOperations = defineOperations({
  'GET /api/v1/vendor-qualifications': {
    operationId: 'listVendorQualifications',
    summary: 'Qualifications of vendors and units in scope',
  },
  'GET /api/v1/vendor-qualifications/summary': {
    operationId: 'summariseVendorQualifications',
    summary: 'Per organisation: a valid ISO/CNS 27001 or not, and the nearest expiry',
  },
  'GET /api/v1/vendor-qualifications/:id': {
    operationId: 'getVendorQualification',
    summary: 'Read a qualification certificate',
  },
  'POST /api/v1/vendor-qualifications': {
    operationId: 'createVendorQualification',
    summary: 'Record a qualification certificate',
    errors: ['QUALIFICATION_ORG_INVALID', 'QUALIFICATION_DATES_INVALID', 'QUALIFICATION_EXPIRY_REQUIRED'],
  },
  'PATCH /api/v1/vendor-qualifications/:id': {
    operationId: 'updateVendorQualification',
    summary: 'Change a qualification certificate',
    errors: ['QUALIFICATION_DATES_INVALID', 'QUALIFICATION_EXPIRY_REQUIRED'],
  },
  'DELETE /api/v1/vendor-qualifications/:id': {
    operationId: 'deleteVendorQualification',
    summary: 'Delete a qualification certificate and its files',
  },
});
