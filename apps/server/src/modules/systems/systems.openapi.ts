import { defineOperations } from '../../lib/openapi-operations.js';

/** The systems module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const systemsOperations = defineOperations({
  'GET /api/v1/systems': { operationId: 'listSystems', summary: 'List systems and websites in scope' },
  'GET /api/v1/systems/contacts/overdue-summary': {
    operationId: 'summariseOverdueContacts',
    summary: 'Systems whose contacts are due for confirmation, by unit',
  },
  'POST /api/v1/systems/contacts/confirm': {
    operationId: 'confirmContactsInBulk',
    summary: 'Confirm the contacts of several systems',
    errors: ['CONTACTS_INCOMPLETE'],
  },
  'GET /api/v1/systems/:id': {
    operationId: 'getSystem',
    summary: 'Read a system with its hosts and contacts',
    errors: ['COMMITMENT_REQUIRED'],
  },
  'POST /api/v1/systems': {
    operationId: 'createSystem',
    summary: 'Register a system or website',
    errors: ['SYSTEM_UNIT_INVALID', 'SYSTEM_DATES_INVALID', 'PERSONAL_DATA_DETAILS_REQUIRED', 'LINK_ORG_MISMATCH'],
  },
  'PATCH /api/v1/systems/:id': {
    operationId: 'updateSystem',
    summary: 'Change a system',
    errors: [
      'SYSTEM_LAUNCH_BLOCKED',
      'SYSTEM_DECOMMISSIONED',
      'SYSTEM_STATUS_INVALID',
      'SYSTEM_DATES_INVALID',
      'PERSONAL_DATA_DETAILS_REQUIRED',
      'LINK_ORG_MISMATCH',
    ],
  },
  'POST /api/v1/systems/:id/decommission': {
    operationId: 'decommissionSystem',
    summary: 'Take a system out of service',
    errors: ['SYSTEM_DECOMMISSIONED', 'SYSTEM_DATES_INVALID'],
  },
  'GET /api/v1/systems/:id/contacts': {
    operationId: 'listSystemContacts',
    summary: 'The three contacts of a system',
    errors: ['COMMITMENT_REQUIRED'],
  },
  'PUT /api/v1/systems/:id/contacts/:kind': {
    operationId: 'setSystemContact',
    summary: 'Fill in one contact of a system',
    errors: ['SYSTEM_DECOMMISSIONED'],
  },
  'POST /api/v1/systems/:id/contacts/confirm': {
    operationId: 'confirmSystemContacts',
    summary: "Confirm a system's contacts for the year",
    errors: ['CONTACTS_INCOMPLETE'],
  },
});
