import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamSchema,
  pageOf,
  PolicyCurrentSchema,
  PolicyPublishSchema,
  PolicyVersionDetailSchema,
  PolicyVersionListQuerySchema,
} from '@custodian/shared';
import { modulePolicyUsage, type ModuleRouteOptions } from '../registry.js';
import { getCurrentPolicy, getPolicyVersion, listPolicyVersions, publishPolicyVersion } from './policy.service.js';

const tags = ['policy'];

/**
 * /api/v1/policy: the versioned rule set (ADR 0009). Everyone may read it; only the
 * Ministry's security office publishes. Versions are immutable: no PATCH or DELETE. `usage`
 * holds the counters the app's modules registered, for the records each version judged.
 */
export const policyRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app, { deps, modules }) => {
  const usage = modulePolicyUsage(modules);
  app.get(
    '/policy/current',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, summary: 'The rule set in force today', response: { 200: PolicyCurrentSchema } },
    },
    async (request) => getCurrentPolicy(deps, request.ctx().now),
  );
  app.get(
    '/policy/versions',
    {
      config: { access: { roles: 'any' } },
      schema: {
        tags,
        summary: 'Published versions, newest first',
        querystring: PolicyVersionListQuerySchema,
        response: { 200: pageOf(PolicyVersionDetailSchema) },
      },
    },
    async (request) => listPolicyVersions(deps, request.ctx(), { query: request.query, counters: usage }),
  );
  app.get(
    '/policy/versions/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, summary: 'One version', params: IdParamSchema, response: { 200: PolicyVersionDetailSchema } },
    },
    async (request) => getPolicyVersion(deps, request.ctx(), { id: request.params.id, counters: usage }),
  );
  app.post(
    '/policy/versions',
    {
      config: { access: { permission: 'policy.publish' } },
      schema: {
        tags,
        summary: 'Publish the next version',
        body: PolicyPublishSchema,
        response: { 201: PolicyVersionDetailSchema },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await publishPolicyVersion(deps, request.ctx(), { version: request.body, counters: usage })),
  );
};
