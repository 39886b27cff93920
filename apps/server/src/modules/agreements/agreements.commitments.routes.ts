import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CommitmentConfirmSchema,
  CommitmentSchema,
  CommitmentSignSchema,
  CommitmentUpdateSchema,
  ContractIdParamSchema,
  ContractMemberAccessSchema,
  IdParamSchema,
  NationalIdRevealSchema,
} from '@custodian/shared';
import type { ModuleRouteOptions } from '../registry.js';
import {
  confirmCommitment,
  deleteCommitment,
  getCommitment,
  revealNationalId,
  signCommitment,
  updateCommitment,
} from './agreements.commitments.service.js';
import { listContractMemberAccess } from './agreements.access.js';

const tags = ['agreements'];

/** /api/v1/agreement-commitments: 附件二 保密承諾書, and who item 六 blocks on a contract. */
export const commitmentRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps }) => {
  app.get(
    '/agreement-commitments/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: CommitmentSchema } },
    },
    async (request) => getCommitment(deps, request.ctx(), request.params.id),
  );
  app.patch(
    '/agreement-commitments/:id',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: IdParamSchema, body: CommitmentUpdateSchema, response: { 200: CommitmentSchema } },
    },
    async (request) => updateCommitment(deps, request.ctx(), request.params.id, request.body),
  );
  app.delete(
    '/agreement-commitments/:id',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: IdParamSchema },
    },
    async (request, reply) => {
      await deleteCommitment(deps, request.ctx(), request.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/agreement-commitments/:id/reveal',
    {
      config: { access: { permission: 'commitment.reveal' } },
      schema: { tags, params: IdParamSchema, response: { 200: NationalIdRevealSchema } },
    },
    async (request) => revealNationalId(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/agreement-commitments/:id/sign',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: IdParamSchema, body: CommitmentSignSchema, response: { 200: CommitmentSchema } },
    },
    async (request) => signCommitment(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/agreement-commitments/:id/confirm',
    {
      config: { access: { permission: 'commitment.confirm' } },
      schema: { tags, params: IdParamSchema, body: CommitmentConfirmSchema, response: { 200: CommitmentSchema } },
    },
    async (request) => confirmCommitment(deps, request.ctx(), request.params.id, request.body),
  );
  app.get(
    '/contracts/:contractId/commitment-access',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: ContractIdParamSchema, response: { 200: z.array(ContractMemberAccessSchema) } },
    },
    async (request) => listContractMemberAccess(deps, request.ctx(), request.params.contractId),
  );
};
