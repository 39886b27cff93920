import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FailedJobQuerySchema, FailedJobSchema, pageOf } from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { listFailedJobs } from './jobs.service.js';

/** GET /api/v1/jobs/failed: scheduled and queued work that failed for good (ADR 0013). */
export const jobRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/jobs/failed',
    {
      config: { access: { permission: 'jobs.read' } },
      schema: { tags: ['jobs'], querystring: FailedJobQuerySchema, response: { 200: pageOf(FailedJobSchema) } },
    },
    async (request) => listFailedJobs(deps, request.ctx(), request.query),
  );
};
