import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamSchema,
  pageOf,
  VendorQualificationCreateSchema,
  VendorQualificationListQuerySchema,
  VendorQualificationSchema,
  VendorQualificationSummaryQuerySchema,
  VendorQualificationSummarySchema,
  VendorQualificationUpdateSchema,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import {
  createVendorQualification,
  deleteVendorQualification,
  getVendorQualification,
  listVendorQualifications,
  summariseVendorQualifications,
  updateVendorQualification,
} from './vendors.service.js';

const tags = ['vendor-qualifications'];

/** /api/v1/vendor-qualifications: vendor due diligence (item 三十九). */
export const vendorRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/vendor-qualifications',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'Qualifications of vendors and units in scope',
        querystring: VendorQualificationListQuerySchema,
        response: { 200: pageOf(VendorQualificationSchema) },
      },
    },
    async (request) => listVendorQualifications(deps, request.ctx(), request.query),
  );
  app.get(
    '/vendor-qualifications/summary',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'Per organisation: a valid ISO/CNS 27001 or not, and the nearest expiry',
        querystring: VendorQualificationSummaryQuerySchema,
        response: { 200: pageOf(VendorQualificationSummarySchema) },
      },
    },
    async (request) => summariseVendorQualifications(deps, request.ctx(), request.query),
  );
  app.get(
    '/vendor-qualifications/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: VendorQualificationSchema } },
    },
    async (request) => getVendorQualification(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/vendor-qualifications',
    {
      config: { access: { permission: 'vendors.manage' } },
      schema: { tags, body: VendorQualificationCreateSchema, response: { 201: VendorQualificationSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createVendorQualification(deps, request.ctx(), request.body)),
  );
  app.patch(
    '/vendor-qualifications/:id',
    {
      config: { access: { permission: 'vendors.manage' } },
      schema: {
        tags,
        params: IdParamSchema,
        body: VendorQualificationUpdateSchema,
        response: { 200: VendorQualificationSchema },
      },
    },
    async (request) => updateVendorQualification(deps, request.ctx(), request.params.id, request.body),
  );
  app.delete(
    '/vendor-qualifications/:id',
    {
      config: { access: { permission: 'vendors.manage' } },
      schema: { tags, params: IdParamSchema },
    },
    async (request, reply) => {
      await deleteVendorQualification(deps, request.ctx(), request.params.id);
      return reply.status(204).send();
    },
  );
};
