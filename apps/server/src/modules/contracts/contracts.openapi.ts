import { defineOperations } from '../../lib/openapi-operations.js';

/** The contracts module's operations in the OpenAPI document (issue 11, defect 16; lib/openapi-operations.ts). */
export const contractsOperations = defineOperations({
  'GET /api/v1/contracts': { operationId: 'listContracts', summary: 'List contracts in scope' },
  'GET /api/v1/contracts/party-options': {
    operationId: 'listContractPartyOptions',
    summary: 'Divisions, business owners, units and vendors a contract may name',
  },
  'GET /api/v1/contracts/:id': {
    operationId: 'getContract',
    summary: 'Read a contract with its clause checklist',
    errors: ['COMMITMENT_REQUIRED'],
  },
  'POST /api/v1/contracts': {
    operationId: 'createContract',
    summary: 'Register a contract',
    errors: ['CONTRACT_NUMBER_TAKEN', 'CONTRACT_PERIOD_INVALID', 'CONTRACT_PARTY_INVALID'],
  },
  'PATCH /api/v1/contracts/:id': {
    operationId: 'updateContract',
    summary: 'Change a contract',
    errors: ['CONTRACT_NUMBER_TAKEN', 'CONTRACT_PERIOD_INVALID', 'CONTRACT_PARTY_INVALID'],
  },
  'PUT /api/v1/contracts/:id/clauses': {
    operationId: 'setContractClauses',
    summary: 'Record every security clause of a contract',
    errors: ['CLAUSE_UNKNOWN', 'CLAUSE_NOT_APPLICABLE_REFUSED'],
  },
  'PUT /api/v1/contracts/:id/clauses/:code': {
    operationId: 'setContractClause',
    summary: 'Record one security clause of a contract',
    errors: ['CLAUSE_UNKNOWN', 'CLAUSE_NOT_APPLICABLE_REFUSED'],
  },
  'POST /api/v1/contracts/:id/reevaluate': {
    operationId: 'reevaluateContract',
    summary: 'Judge a contract again under the rule set in force',
  },
  'POST /api/v1/contracts/:id/duty-notice': {
    operationId: 'sendDutyNotice',
    summary: 'Record that the notice of duties was sent',
  },
  'POST /api/v1/contracts/:id/duty-notice/acknowledge': {
    operationId: 'acknowledgeDutyNotice',
    summary: 'Record that the unit acknowledged the notice of duties',
    errors: ['DUTY_NOTICE_MISSING'],
  },
  'POST /api/v1/contracts/:id/risk-assessments': {
    operationId: 'createRiskAssessment',
    summary: 'Record a risk assessment of a contract',
    errors: ['RISK_ASSESSMENT_DATE_INVALID'],
  },
  'PATCH /api/v1/contracts/:id/risk-assessments/:assessmentId': {
    operationId: 'updateRiskAssessment',
    summary: 'Change a risk assessment',
    errors: ['RISK_ASSESSMENT_DATE_INVALID'],
  },
});
