import { defineOperations } from '../../lib/openapi-operations.js';

/** The allocations module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const allocationsOperations = defineOperations({
  'GET /api/v1/allocations': {
    operationId: 'listAllocations',
    summary: 'List domain name and IP allocations in scope',
  },
  'GET /api/v1/allocations/period': {
    operationId: 'getAllocationPeriod',
    summary: 'The longest allocation period the rule set allows',
  },
  'GET /api/v1/allocations/:id': {
    operationId: 'getAllocation',
    summary: 'Read one allocation with its renewals',
    errors: ['COMMITMENT_REQUIRED'],
  },
  'POST /api/v1/allocations': {
    operationId: 'createAllocation',
    summary: 'Allocate a domain name, IP address or network range',
    errors: [
      'ALLOCATION_OVERLAP',
      'ALLOCATION_PERIOD_TOO_LONG',
      'ALLOCATION_PERIOD_INVALID',
      'INVALID_IP',
      'INVALID_FQDN',
      'INVALID_CIDR',
    ],
  },
  'POST /api/v1/allocations/:id/release': {
    operationId: 'releaseAllocation',
    summary: 'Release an allocation',
    errors: ['ALLOCATION_NOT_ACTIVE'],
  },
  'POST /api/v1/allocations/:id/renewals': {
    operationId: 'requestAllocationRenewal',
    summary: 'Ask to extend an allocation',
    errors: ['ALLOCATION_NOT_ACTIVE', 'RENEWAL_PENDING', 'ALLOCATION_PERIOD_TOO_LONG'],
  },
  'GET /api/v1/allocation-renewals': { operationId: 'listAllocationRenewals', summary: 'List renewal requests' },
  'POST /api/v1/allocation-renewals/:id/approve': {
    operationId: 'approveAllocationRenewal',
    summary: 'Approve a renewal request',
    errors: ['RENEWAL_DECIDED'],
  },
  'POST /api/v1/allocation-renewals/:id/reject': {
    operationId: 'rejectAllocationRenewal',
    summary: 'Reject a renewal request',
    errors: ['RENEWAL_DECIDED'],
  },
});
