import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgreementCreateSchema,
  AgreementListQuerySchema,
  AgreementSchema,
  AgreementSignSchema,
  AgreementStaffCreateSchema,
  AgreementStaffSchema,
  AgreementStaffUpdateSchema,
  AgreementUpdateSchema,
  COMMITMENT_TEXTS,
  CommitmentCreateSchema,
  CommitmentSchema,
  CommitmentTextSchema,
  IdParamSchema,
  MyCommitmentSchema,
  pageOf,
} from '@custodian/shared';
import type { ModuleRouteOptions } from '../registry.js';
import {
  createAgreement,
  deleteAgreement,
  getAgreement,
  listAgreements,
  signAgreement,
  updateAgreement,
} from './agreements.service.js';
import {
  addAgreementStaff,
  listAgreementStaff,
  removeAgreementStaff,
  updateAgreementStaff,
} from './agreements.staff.service.js';
import { createCommitment, listAgreementCommitments, listMyCommitments } from './agreements.commitments.service.js';
import { COMMITMENT_TEXT_VERSION } from './agreements.rules.js';

const tags = ['agreements'];
const StaffParamSchema = z.object({
  id: z.uuid().describe('Agreement id'),
  staffId: z.uuid().describe('Staff line id'),
});

/** /api/v1/agreements: 保密合約書 and 附件一 (item 六). Commitments: agreements.commitments.routes.ts. */
export const agreementRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps }) => {
  app.get(
    '/agreements',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: AgreementListQuerySchema, response: { 200: pageOf(AgreementSchema) } },
    },
    async (request) => listAgreements(deps, request.ctx(), request.query),
  );
  app.get(
    '/agreements/commitment-text',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, response: { 200: CommitmentTextSchema } },
    },
    async () => ({ version: COMMITMENT_TEXT_VERSION, items: [...COMMITMENT_TEXTS] }),
  );
  app.get(
    '/agreements/my-commitments',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, response: { 200: z.array(MyCommitmentSchema) } },
    },
    async (request) => listMyCommitments(deps, request.ctx()),
  );
  app.get(
    '/agreements/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: AgreementSchema } },
    },
    async (request) => getAgreement(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/agreements',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, body: AgreementCreateSchema, response: { 201: AgreementSchema } },
    },
    async (request, reply) => reply.status(201).send(await createAgreement(deps, request.ctx(), request.body)),
  );
  app.patch(
    '/agreements/:id',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: IdParamSchema, body: AgreementUpdateSchema, response: { 200: AgreementSchema } },
    },
    async (request) => updateAgreement(deps, request.ctx(), request.params.id, request.body),
  );
  app.delete(
    '/agreements/:id',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: IdParamSchema },
    },
    async (request, reply) => {
      await deleteAgreement(deps, request.ctx(), request.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/agreements/:id/sign',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: IdParamSchema, body: AgreementSignSchema, response: { 200: AgreementSchema } },
    },
    async (request) => signAgreement(deps, request.ctx(), request.params.id, request.body),
  );
  app.get(
    '/agreements/:id/staff',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: z.array(AgreementStaffSchema) } },
    },
    async (request) => listAgreementStaff(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/agreements/:id/staff',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: {
        tags,
        params: IdParamSchema,
        body: AgreementStaffCreateSchema,
        response: { 201: AgreementStaffSchema },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await addAgreementStaff(deps, request.ctx(), request.params.id, request.body)),
  );
  app.patch(
    '/agreements/:id/staff/:staffId',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: {
        tags,
        params: StaffParamSchema,
        body: AgreementStaffUpdateSchema,
        response: { 200: AgreementStaffSchema },
      },
    },
    async (request) =>
      updateAgreementStaff(
        deps,
        request.ctx(),
        { agreementId: request.params.id, staffId: request.params.staffId },
        request.body,
      ),
  );
  app.delete(
    '/agreements/:id/staff/:staffId',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: StaffParamSchema },
    },
    async (request, reply) => {
      await removeAgreementStaff(deps, request.ctx(), {
        agreementId: request.params.id,
        staffId: request.params.staffId,
      });
      return reply.status(204).send();
    },
  );
  app.get(
    '/agreements/:id/commitments',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: z.array(CommitmentSchema) } },
    },
    async (request) => listAgreementCommitments(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/agreements/:id/commitments',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: IdParamSchema, body: CommitmentCreateSchema, response: { 201: CommitmentSchema } },
    },
    async (request, reply) =>
      reply.status(201).send(await createCommitment(deps, request.ctx(), request.params.id, request.body)),
  );
};
