import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FindingStatsQuerySchema, FindingStatsSchema } from '@custodian/shared';
import type { ModuleRouteOptions } from '../registry.js';
import { findingStats } from './findings-stats.service.js';

/** The findings' charts (issue 9, views): read by every role, within its own scope. */
export const findingStatsRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps }) => {
  app.get(
    '/scans/stats',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: ['scans'], querystring: FindingStatsQuerySchema, response: { 200: FindingStatsSchema } },
    },
    async (request) => findingStats(deps, request.ctx(), request.query),
  );
};
