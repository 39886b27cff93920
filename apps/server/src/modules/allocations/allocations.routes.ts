import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AllocationCreateSchema,
  AllocationDetailSchema,
  AllocationListQuerySchema,
  AllocationPeriodQuerySchema,
  AllocationPeriodSchema,
  AllocationReleaseSchema,
  AllocationRenewalApproveSchema,
  AllocationRenewalListQuerySchema,
  AllocationRenewalQueueItemSchema,
  AllocationRenewalRejectSchema,
  AllocationRenewalRequestSchema,
  AllocationRenewalSchema,
  AllocationSchema,
  IdParamSchema,
  pageOf,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import {
  createAllocation,
  getAllocation,
  getAllocationPeriod,
  listAllocations,
  releaseAllocation,
} from './allocations.service.js';
import { approveRenewal, listRenewalQueue, rejectRenewal, requestRenewal } from './allocations.renewals.service.js';

const tags = ['allocations'];

/**
 * /api/v1/allocations and /api/v1/allocation-renewals: domains and IP addresses or ranges
 * allocated to systems (item 十一), their periods, renewals and release.
 */
export const allocationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/allocations',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: AllocationListQuerySchema, response: { 200: pageOf(AllocationSchema) } },
    },
    async (request) => listAllocations(deps, request.ctx(), request.query),
  );
  app.get(
    '/allocations/period',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: AllocationPeriodQuerySchema, response: { 200: AllocationPeriodSchema } },
    },
    async (request) => getAllocationPeriod(deps, request.ctx(), request.query.startsOn),
  );
  app.get(
    '/allocations/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: AllocationDetailSchema } },
    },
    async (request) => getAllocation(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/allocations',
    {
      config: { access: { permission: 'allocation.manage' } },
      schema: { tags, body: AllocationCreateSchema, response: { 201: AllocationSchema } },
    },
    async (request, reply) => reply.status(201).send(await createAllocation(deps, request.ctx(), request.body)),
  );
  app.post(
    '/allocations/:id/release',
    {
      config: { access: { permission: 'allocation.manage' } },
      schema: { tags, params: IdParamSchema, body: AllocationReleaseSchema, response: { 200: AllocationSchema } },
    },
    async (request) => releaseAllocation(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/allocations/:id/renewals',
    {
      config: { access: { permission: 'allocation.manage' } },
      schema: {
        tags,
        params: IdParamSchema,
        body: AllocationRenewalRequestSchema,
        response: { 201: AllocationRenewalSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await requestRenewal(deps, request.ctx(), request.params.id, request.body)),
  );
  app.get(
    '/allocation-renewals',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        querystring: AllocationRenewalListQuerySchema,
        response: { 200: pageOf(AllocationRenewalQueueItemSchema) },
      },
    },
    async (request) => listRenewalQueue(deps, request.ctx(), request.query),
  );
  app.post(
    '/allocation-renewals/:id/approve',
    {
      config: { access: { permission: 'allocation.approve' } },
      schema: {
        tags,
        params: IdParamSchema,
        body: AllocationRenewalApproveSchema,
        response: { 200: AllocationRenewalSchema },
      },
    },
    async (request) => approveRenewal(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/allocation-renewals/:id/reject',
    {
      config: { access: { permission: 'allocation.approve' } },
      schema: {
        tags,
        params: IdParamSchema,
        body: AllocationRenewalRejectSchema,
        response: { 200: AllocationRenewalSchema },
      },
    },
    async (request) => rejectRenewal(deps, request.ctx(), request.params.id, request.body),
  );
};
