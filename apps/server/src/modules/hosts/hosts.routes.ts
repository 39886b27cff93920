import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  HostCreateSchema,
  HostDetailSchema,
  HostListQuerySchema,
  HostSchema,
  HostUpdateSchema,
  IdParamSchema,
  pageOf,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { createHost, getHost, listHosts, updateHost } from './hosts.service.js';

const tags = ['hosts'];

/** /api/v1/hosts: servers (伺服主機) and the systems they serve. */
export const hostRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/hosts',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: HostListQuerySchema, response: { 200: pageOf(HostSchema) } },
    },
    async (request) => listHosts(deps, request.ctx(), request.query),
  );
  app.get(
    '/hosts/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: HostDetailSchema } },
    },
    async (request) => getHost(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/hosts',
    {
      config: { access: { permission: 'host.manage' } },
      schema: { tags, body: HostCreateSchema, response: { 201: HostDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await createHost(deps, request.ctx(), request.body)),
  );
  app.patch(
    '/hosts/:id',
    {
      config: { access: { permission: 'host.manage' } },
      schema: { tags, params: IdParamSchema, body: HostUpdateSchema, response: { 200: HostDetailSchema } },
    },
    async (request) => updateHost(deps, request.ctx(), request.params.id, request.body),
  );
};
