import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AttachmentListQuerySchema,
  AttachmentListSchema,
  AttachmentOwnerTypeListSchema,
  AttachmentSchema,
  IdParamSchema,
} from '@custodian/shared';
import { moduleAttachmentOwners, type ModuleRouteOptions } from '../registry.js';
import { readUpload, multipartLimits } from './attachments.multipart.js';
import { attachmentEtag, downloadHeaders } from './attachments.presenter.js';
import {
  deleteAttachment,
  getAttachment,
  listAttachments,
  openAttachmentContent,
  uploadAttachment,
} from './attachments.service.js';

const tags = ['attachments'];

/**
 * /api/v1/attachments: files of the records the modules registered as owners (contracts,
 * risk assessments, systems, vendor qualifications, …). The multipart parser is registered
 * here only, with this module's limits.
 */
export const attachmentRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps, modules }) => {
  const owners = moduleAttachmentOwners(modules);
  await app.register(multipart, {
    limits: multipartLimits(deps.config.ATTACHMENT_MAX_BYTES),
    // The store enforces the size limit itself and says FILE_TOO_LARGE.
    throwFileSizeLimit: false,
  });

  app.post(
    '/attachments',
    {
      config: { access: { permission: 'attachments.manage' } },
      schema: {
        tags,
        summary: 'Upload a file (multipart: ownerType, ownerId, then file)',
        description:
          'multipart/form-data with the fields `ownerType` and `ownerId` followed by one `file` part. ' +
          'The type is detected from the content (PDF, PNG, JPEG, GIF, WebP, DOCX, XLSX, PPTX, ODT, ODS, ODP, ' +
          'UTF-8 text and CSV); programs and scripts are refused with FILE_TYPE_REFUSED (415), files over ' +
          'ATTACHMENT_MAX_BYTES with FILE_TOO_LARGE (413), empty files with FILE_EMPTY.',
        consumes: ['multipart/form-data'],
        response: { 201: AttachmentSchema },
      },
    },
    async (request, reply) => {
      try {
        const upload = await readUpload(request);
        return reply.status(201).send(await uploadAttachment(deps, request.ctx(), owners, upload));
      } catch (err) {
        // The rest of a refused upload is not read; closing the connection afterwards
        // keeps the unread bytes from being taken for the next request.
        void reply.header('connection', 'close');
        throw err;
      }
    },
  );
  app.get(
    '/attachments/owner-types',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, response: { 200: AttachmentOwnerTypeListSchema } },
    },
    () => ({ items: [...owners.keys()].sort() }),
  );
  app.get(
    '/attachments',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: AttachmentListQuerySchema, response: { 200: AttachmentListSchema } },
    },
    async (request) => listAttachments(deps, request.ctx(), owners, request.query),
  );
  app.get(
    '/attachments/:id/download',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'Download the file as stored',
        description:
          'The bytes with the detected Content-Type, Content-Disposition: attachment (RFC 5987 UTF-8 name), ' +
          'ETag = the SHA-256 (If-None-Match answers 304) and Repr-Digest.',
        params: IdParamSchema,
      },
    },
    async (request, reply) => {
      const row = await getAttachment(deps, request.ctx(), owners, request.params.id);
      const headers = downloadHeaders(row);
      if (request.headers['if-none-match'] === attachmentEtag(row.sha256)) {
        return reply.status(304).header('etag', headers.etag).header('cache-control', headers['cache-control']).send();
      }
      const content = await openAttachmentContent(deps, row);
      return reply.headers(headers).send(content);
    },
  );
  app.delete(
    '/attachments/:id',
    {
      config: { access: { permission: 'attachments.manage' } },
      schema: { tags, params: IdParamSchema },
    },
    async (request, reply) => {
      await deleteAttachment(deps, request.ctx(), owners, request.params.id);
      return reply.status(204).send();
    },
  );
};
