import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SessionInfoSchema, SetupSchema, SetupStatusSchema } from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import { completeSetup, getSetupStatus } from './setup.service.js';

const tags = ['setup'];

/** /api/v1/setup: the first-run page that creates the first ministry_admin. */
export const setupRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/setup/status',
    { config: { access: { public: true } }, schema: { tags, response: { 200: SetupStatusSchema } } },
    async () => getSetupStatus(deps),
  );
  app.post(
    '/setup',
    {
      config: { access: { public: true }, rateLimit: SECURITY_POLICY.rateLimits.auth },
      schema: { tags, body: SetupSchema, response: { 201: SessionInfoSchema } },
    },
    async (request, reply) => {
      const result = await completeSetup(deps, request.ctx(), request.body);
      setSessionCookie(reply, deps.config, result.cookie);
      return reply.status(201).send(result.info);
    },
  );
};
