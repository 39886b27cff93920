import { defineOperations } from '../../lib/openapi-operations.js';

/** The attachments module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const attachmentsOperations = defineOperations({
  'POST /api/v1/attachments': {
    operationId: 'uploadAttachment',
    summary: 'Attach a file to a record (multipart)',
    errors: ['FILE_TOO_LARGE', 'FILE_EMPTY', 'FILE_TYPE_REFUSED'],
  },
  'GET /api/v1/attachments/owner-types': {
    operationId: 'listAttachmentOwnerTypes',
    summary: 'List the kinds of record files may hang on',
  },
  'GET /api/v1/attachments': { operationId: 'listAttachments', summary: 'List the files of a record' },
  'GET /api/v1/attachments/:id/download': { operationId: 'downloadAttachment', summary: 'Download an attachment' },
  'DELETE /api/v1/attachments/:id': { operationId: 'deleteAttachment', summary: 'Delete an attachment' },
});
