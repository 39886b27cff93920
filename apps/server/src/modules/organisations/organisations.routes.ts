import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamSchema,
  OrganisationCreateSchema,
  OrganisationListQuerySchema,
  OrganisationSchema,
  OrganisationUpdateSchema,
  pageOf,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { createOrganisation, getOrganisation, listOrganisations, updateOrganisation } from './organisations.service.js';

const tags = ['organisations'];

/** /api/v1/organisations: the Ministry, divisions, units and vendors. */
export const organisationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/organisations',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: OrganisationListQuerySchema, response: { 200: pageOf(OrganisationSchema) } },
    },
    async (request) => listOrganisations(deps, request.ctx(), request.query),
  );
  app.get(
    '/organisations/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: OrganisationSchema } },
    },
    async (request) => getOrganisation(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/organisations',
    {
      config: { access: { permission: 'organisations.manage' } },
      schema: { tags, body: OrganisationCreateSchema, response: { 201: OrganisationSchema } },
    },
    async (request, reply) => reply.status(201).send(await createOrganisation(deps, request.ctx(), request.body)),
  );
  app.patch(
    '/organisations/:id',
    {
      config: { access: { permission: 'organisations.manage' } },
      schema: { tags, params: IdParamSchema, body: OrganisationUpdateSchema, response: { 200: OrganisationSchema } },
    },
    async (request) => updateOrganisation(deps, request.ctx(), request.params.id, request.body),
  );
};
