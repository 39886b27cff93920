import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DashboardSchema } from '@custodian/shared';
import type { ModuleRouteOptions } from '../registry.js';
import { getDashboard } from './dashboard.service.js';

/** GET /api/v1/dashboard: counts within the caller's scope, with the modules' cards. */
export const dashboardRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps }) => {
  app.get(
    '/dashboard',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: ['dashboard'], response: { 200: DashboardSchema } },
    },
    async (request) => getDashboard(deps, request.ctx()),
  );
};
