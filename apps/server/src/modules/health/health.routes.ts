import { z } from 'zod';
import { sql } from 'drizzle-orm';
import { APP_VERSION } from '@custodian/shared';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../lib/context.js';

export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']).describe('ok when the database answers'),
  db: z.enum(['pglite', 'postgres']).describe('Database driver in use'),
  version: z.string().describe('Custodian version'),
});

/** GET /api/health: liveness and database reachability. */
export const healthRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/api/health',
    {
      config: { access: { public: true } },
      schema: { tags: ['system'], response: { 200: HealthSchema, 503: HealthSchema } },
    },
    async (_request, reply) => {
      try {
        await deps.db.execute(sql`select 1`);
        return { status: 'ok' as const, db: deps.driver, version: APP_VERSION };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, db: deps.driver, version: APP_VERSION });
      }
    },
  );
};
