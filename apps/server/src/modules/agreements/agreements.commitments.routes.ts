import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AgreementDocumentQuerySchema,
  CommitmentDocumentQuerySchema,
  CommitmentConfirmSchema,
  CommitmentListItemSchema,
  CommitmentListQuerySchema,
  CommitmentSchema,
  CommitmentSignSchema,
  CommitmentUpdateSchema,
  ContractAccessSchema,
  ContractIdParamSchema,
  ContractMemberAccessSchema,
  IdParamSchema,
  NationalIdRevealSchema,
  pageOf,
} from '@custodian/shared';
import type { ModuleRouteOptions } from '../registry.js';
import {
  confirmCommitment,
  deleteCommitment,
  getCommitment,
  listCommitmentsPage,
  revealNationalId,
  signCommitment,
  updateCommitment,
} from './agreements.commitments.service.js';
import { getContractAccess, listContractMemberAccess } from './agreements.access.js';
import {
  renderAgreementDocument,
  renderCommitmentDocument,
  type RenderedDocument,
} from './agreements.documents.service.js';

/** A generated form as a download, named in zh-TW (RFC 5987) with an ASCII fallback. */
function sendDocument(reply: FastifyReply, doc: RenderedDocument) {
  const fallback = doc.fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return reply
    .header('content-type', doc.contentType)
    .header('cache-control', 'no-store')
    .header(
      'content-disposition',
      `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(doc.fileName)}`,
    )
    .send(doc.bytes);
}

const tags = ['agreements'];

/** /api/v1/agreement-commitments: 附件二 保密承諾書, and who item 六 blocks on a contract. */
export const commitmentRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps }) => {
  app.get(
    '/agreement-commitments',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: CommitmentListQuerySchema, response: { 200: pageOf(CommitmentListItemSchema) } },
    },
    async (request) => listCommitmentsPage(deps, request.ctx(), request.query),
  );
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
    '/contracts/:contractId/access',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: ContractIdParamSchema, response: { 200: ContractAccessSchema } },
    },
    async (request) => getContractAccess(deps, request.ctx(), request.params.contractId),
  );
  app.get(
    '/contracts/:contractId/commitment-access',
    {
      config: { access: { permission: 'agreement.manage' } },
      schema: { tags, params: ContractIdParamSchema, response: { 200: z.array(ContractMemberAccessSchema) } },
    },
    async (request) => listContractMemberAccess(deps, request.ctx(), request.params.contractId),
  );
  app.get(
    '/agreements/:id/document',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: '保密合約書 (with 附件一) or 附件一 alone, as DOCX or PDF',
        params: IdParamSchema,
        querystring: AgreementDocumentQuerySchema,
        produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      },
    },
    async (request, reply) =>
      sendDocument(reply, await renderAgreementDocument(deps, request.ctx(), request.params.id, request.query)),
  );
  app.get(
    '/agreement-commitments/:id/document',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: '附件二 保密承諾書 as DOCX or PDF (the signer or the agreement’s managers; audited)',
        params: IdParamSchema,
        querystring: CommitmentDocumentQuerySchema,
        produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      },
    },
    async (request, reply) =>
      sendDocument(reply, await renderCommitmentDocument(deps, request.ctx(), request.params.id, request.query.format)),
  );
};
