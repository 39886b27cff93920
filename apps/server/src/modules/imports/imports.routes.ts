import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamSchema,
  ImportErrorQuerySchema,
  ImportJobDetailSchema,
  ImportJobSchema,
  ImportTemplateSheetParamSchema,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { taipeiToday } from '../../lib/policy.js';
import { requireActor } from '../../lib/tenancy.js';
import { attachmentHeader, exportRoutes } from './exports.routes.js';
import { commitImport, discardImport, getImportJob, previewImport } from './imports.service.js';
import { claimImportSlot, IMPORT_CONCURRENCY } from './imports.limits.js';
import { buildTemplateCsv, buildTemplateXlsx } from './imports.template.js';
import { readImportUpload, UPLOAD_LIMITS } from './imports.upload.js';

const tags = ['imports'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Runs an import step (reading an upload, or a commit) in one of the caller's import slots
 * (IMPORT_CONCURRENCY). The slot is taken before the upload is read, so a refused request
 * never holds its file; a refusal says when to come back.
 */
async function inImportSlot<T>(request: FastifyRequest, reply: FastifyReply, work: () => Promise<T>): Promise<T> {
  const { userId } = requireActor(request.ctx().actor);
  let release: () => void;
  try {
    release = claimImportSlot(userId);
  } catch (err) {
    void reply.header('retry-after', String(IMPORT_CONCURRENCY.retryAfterSeconds));
    throw err;
  }
  try {
    return await work();
  } finally {
    release();
  }
}

/** /api/v1/imports: bulk onboarding from the XLSX/CSV template (issue 3, part 9). */
const importJobRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  // Multipart only here: no other route of the app accepts it.
  await app.register(multipart, { limits: UPLOAD_LIMITS });

  app.get(
    '/imports/template.xlsx',
    { config: { access: { permission: 'imports.run' } }, schema: { tags, produces: [XLSX_TYPE] } },
    async (request, reply) => {
      const ctx = request.ctx();
      const body = await buildTemplateXlsx(deps, ctx);
      const day = taipeiToday(ctx.now).replaceAll('-', '');
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachmentHeader(`import-template-${day}.xlsx`, `匯入範本-${day}.xlsx`))
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
  app.get(
    '/imports/templates/:sheet.csv',
    {
      config: { access: { permission: 'imports.run' } },
      schema: { tags, params: ImportTemplateSheetParamSchema, produces: ['text/csv'] },
    },
    async (request, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachmentHeader(`import-template-${request.params.sheet}.csv`, `匯入範本-${request.params.sheet}.csv`),
        )
        .header('cache-control', 'no-store')
        .send(buildTemplateCsv(request.params.sheet)),
  );
  app.post(
    '/imports',
    {
      config: { access: { permission: 'imports.run' } },
      schema: { tags, consumes: ['multipart/form-data'], response: { 201: ImportJobDetailSchema } },
    },
    async (request, reply) => {
      const job = await inImportSlot(request, reply, async () =>
        previewImport(deps, request.ctx(), await readImportUpload(request)),
      );
      return reply.status(201).send(job);
    },
  );
  app.get(
    '/imports/:id',
    {
      config: { access: { permission: 'imports.run' } },
      schema: {
        tags,
        params: IdParamSchema,
        querystring: ImportErrorQuerySchema,
        response: { 200: ImportJobDetailSchema },
      },
    },
    async (request) => getImportJob(deps, request.ctx(), request.params.id, request.query),
  );
  app.post(
    '/imports/:id/commit',
    {
      config: { access: { permission: 'imports.run' } },
      schema: { tags, params: IdParamSchema, response: { 200: ImportJobSchema } },
    },
    async (request, reply) => inImportSlot(request, reply, () => commitImport(deps, request.ctx(), request.params.id)),
  );
  app.post(
    '/imports/:id/discard',
    {
      config: { access: { permission: 'imports.run' } },
      schema: { tags, params: IdParamSchema, response: { 200: ImportJobSchema } },
    },
    async (request) => discardImport(deps, request.ctx(), request.params.id),
  );
};

/** The imports module's routes: import jobs and templates, and the XLSX exports of the lists. */
export const importRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  await app.register(importJobRoutes, { deps });
  await app.register(exportRoutes, { deps });
};
