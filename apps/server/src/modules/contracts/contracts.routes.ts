import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ContractClauseInputSchema,
  ContractClauseParamSchema,
  ContractClausesBulkSchema,
  ContractCreateSchema,
  ContractDetailSchema,
  ContractListItemSchema,
  ContractListQuerySchema,
  ContractPartyOptionsSchema,
  ContractUpdateSchema,
  DutyNoticeSendSchema,
  IdParamSchema,
  RiskAssessmentCreateSchema,
  RiskAssessmentParamSchema,
  RiskAssessmentSchema,
  RiskAssessmentUpdateSchema,
  pageOf,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { reevaluateContract, setContractClause, setContractClauses } from './contracts.clauses.service.js';
import { acknowledgeDutyNotice, sendDutyNotice } from './contracts.duty-notice.service.js';
import { createRiskAssessment, updateRiskAssessment } from './contracts.risk.service.js';
import {
  createContract,
  getContract,
  getContractPartyOptions,
  listContracts,
  updateContract,
} from './contracts.service.js';

const tags = ['contracts'];

/** /api/v1/contracts: commissioning contracts, their clause checklist, duty notice and risk assessments. */
export const contractRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/contracts',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: ContractListQuerySchema, response: { 200: pageOf(ContractListItemSchema) } },
    },
    async (request) => listContracts(deps, request.ctx(), request.query),
  );
  app.get(
    '/contracts/party-options',
    {
      config: { access: { permission: 'contract.manage' } },
      schema: { tags, response: { 200: ContractPartyOptionsSchema } },
    },
    async () => getContractPartyOptions(deps),
  );
  app.get(
    '/contracts/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: ContractDetailSchema } },
    },
    async (request) => getContract(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/contracts',
    {
      config: { access: { permission: 'contract.manage' } },
      schema: { tags, body: ContractCreateSchema, response: { 201: ContractDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await createContract(deps, request.ctx(), request.body)),
  );
  app.patch(
    '/contracts/:id',
    {
      config: { access: { permission: 'contract.manage' } },
      schema: { tags, params: IdParamSchema, body: ContractUpdateSchema, response: { 200: ContractDetailSchema } },
    },
    async (request) => updateContract(deps, request.ctx(), request.params.id, request.body),
  );
  app.put(
    '/contracts/:id/clauses',
    {
      config: { access: { permission: 'contract.manage' } },
      schema: {
        tags,
        params: IdParamSchema,
        body: ContractClausesBulkSchema,
        response: { 200: ContractDetailSchema },
      },
    },
    async (request) => setContractClauses(deps, request.ctx(), request.params.id, request.body),
  );
  app.put(
    '/contracts/:id/clauses/:code',
    {
      config: { access: { permission: 'contract.manage' } },
      schema: {
        tags,
        params: ContractClauseParamSchema,
        body: ContractClauseInputSchema,
        response: { 200: ContractDetailSchema },
      },
    },
    async (request) =>
      setContractClause(deps, request.ctx(), { id: request.params.id, code: request.params.code, input: request.body }),
  );
  app.post(
    '/contracts/:id/reevaluate',
    {
      config: { access: { permission: 'contract.reevaluate' } },
      schema: { tags, params: IdParamSchema, response: { 200: ContractDetailSchema } },
    },
    async (request) => reevaluateContract(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/contracts/:id/duty-notice',
    {
      config: { access: { permission: 'contract.notify' } },
      schema: { tags, params: IdParamSchema, body: DutyNoticeSendSchema, response: { 200: ContractDetailSchema } },
    },
    async (request) => sendDutyNotice(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/contracts/:id/duty-notice/acknowledge',
    {
      config: { access: { permission: 'contract.acknowledge' } },
      schema: { tags, params: IdParamSchema, response: { 200: ContractDetailSchema } },
    },
    async (request) => acknowledgeDutyNotice(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/contracts/:id/risk-assessments',
    {
      config: { access: { permission: 'contract.manage' } },
      schema: {
        tags,
        params: IdParamSchema,
        body: RiskAssessmentCreateSchema,
        response: { 201: RiskAssessmentSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRiskAssessment(deps, request.ctx(), request.params.id, request.body)),
  );
  app.patch(
    '/contracts/:id/risk-assessments/:assessmentId',
    {
      config: { access: { permission: 'contract.manage' } },
      schema: {
        tags,
        params: RiskAssessmentParamSchema,
        body: RiskAssessmentUpdateSchema,
        response: { 200: RiskAssessmentSchema },
      },
    },
    async (request) =>
      updateRiskAssessment(deps, request.ctx(), {
        contractId: request.params.id,
        id: request.params.assessmentId,
        input: request.body,
      }),
  );
};
