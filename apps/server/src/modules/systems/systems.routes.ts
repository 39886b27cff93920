import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ContactKindParamSchema,
  ContactsOverdueSummaryQuerySchema,
  ContactsOverdueSummarySchema,
  IdParamSchema,
  pageOf,
  SystemContactsBulkConfirmResultSchema,
  SystemContactsBulkConfirmSchema,
  SystemContactsSchema,
  SystemContactUpsertSchema,
  SystemCreateSchema,
  SystemDecommissionResultSchema,
  SystemDecommissionSchema,
  SystemDetailSchema,
  SystemListQuerySchema,
  SystemSchema,
  SystemUpdateSchema,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { createSystem, getSystem, listSystems, updateSystem } from './systems.service.js';
import { decommissionSystem } from './systems.decommission.js';
import {
  bulkConfirmSystemContacts,
  confirmSystemContacts,
  getContactsOverdueSummary,
  getSystemContacts,
  putSystemContact,
} from './contacts.service.js';

const tags = ['systems'];

/** /api/v1/systems: application systems and websites (items 四, 十, 十三). */
export const systemRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/systems',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: SystemListQuerySchema, response: { 200: pageOf(SystemSchema) } },
    },
    async (request) => listSystems(deps, request.ctx(), request.query),
  );
  app.get(
    '/systems/contacts/overdue-summary',
    {
      config: { access: { permission: 'contacts.oversee' } },
      schema: {
        tags,
        summary: 'Units with systems whose contacts are overdue (item 十)',
        querystring: ContactsOverdueSummaryQuerySchema,
        response: { 200: ContactsOverdueSummarySchema },
      },
    },
    async (request) => getContactsOverdueSummary(deps, request.ctx(), request.query),
  );
  app.post(
    '/systems/contacts/confirm',
    {
      config: { access: { permission: 'contacts.confirm' } },
      schema: {
        tags,
        summary: 'Confirm the contacts of many systems at once, all or none (item 十)',
        body: SystemContactsBulkConfirmSchema,
        response: { 200: SystemContactsBulkConfirmResultSchema },
      },
    },
    async (request) => bulkConfirmSystemContacts(deps, request.ctx(), request.body),
  );
  app.get(
    '/systems/:id',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: SystemDetailSchema } },
    },
    async (request) => getSystem(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/systems',
    {
      config: { access: { permission: 'system.manage' } },
      schema: { tags, body: SystemCreateSchema, response: { 201: SystemDetailSchema } },
    },
    async (request, reply) => reply.status(201).send(await createSystem(deps, request.ctx(), request.body)),
  );
  app.patch(
    '/systems/:id',
    {
      config: { access: { permission: 'system.manage' } },
      schema: { tags, params: IdParamSchema, body: SystemUpdateSchema, response: { 200: SystemDetailSchema } },
    },
    async (request) => updateSystem(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/systems/:id/decommission',
    {
      config: { access: { permission: 'system.manage' } },
      schema: {
        tags,
        summary: 'Take a system offline and release its domain/IP allocations (items 十一, 十三)',
        params: IdParamSchema,
        body: SystemDecommissionSchema,
        response: { 200: SystemDecommissionResultSchema },
      },
    },
    async (request) => decommissionSystem(deps, request.ctx(), request.params.id, request.body),
  );
  app.get(
    '/systems/:id/contacts',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, params: IdParamSchema, response: { 200: SystemContactsSchema } },
    },
    async (request) => getSystemContacts(deps, request.ctx(), request.params.id),
  );
  app.put(
    '/systems/:id/contacts/:kind',
    {
      config: { access: { permission: 'contacts.manage' } },
      schema: {
        tags,
        summary: 'Record or replace one contact of a system (item 十)',
        params: ContactKindParamSchema,
        body: SystemContactUpsertSchema,
        response: { 200: SystemContactsSchema },
      },
    },
    async (request) =>
      putSystemContact(deps, request.ctx(), {
        systemId: request.params.id,
        kind: request.params.kind,
        input: request.body,
      }),
  );
  app.post(
    '/systems/:id/contacts/confirm',
    {
      config: { access: { permission: 'contacts.confirm' } },
      schema: {
        tags,
        summary: 'Confirm the three contacts of a system in one click (item 十)',
        params: IdParamSchema,
        response: { 200: SystemContactsSchema },
      },
    },
    async (request) => confirmSystemContacts(deps, request.ctx(), request.params.id),
  );
};
