import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DashboardSchema } from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { getDashboard } from './dashboard.service.js';

/** GET /api/v1/dashboard: counts within the caller's scope. */
export const dashboardRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/dashboard',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: ['dashboard'], response: { 200: DashboardSchema } },
    },
    async (request) => getDashboard(deps, request.ctx()),
  );
};
