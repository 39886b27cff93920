import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  IdParamSchema,
  pageOf,
  UserCreatedSchema,
  UserCreateSchema,
  UserListQuerySchema,
  UserSchema,
  UserUpdateSchema,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { createUser, getUser, listUsers, reinviteUser, updateUser } from './users.service.js';

const tags = ['users'];

/** /api/v1/users: accounts, their roles and scopes. */
export const userRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/users',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, querystring: UserListQuerySchema, response: { 200: pageOf(UserSchema) } },
    },
    async (request) => listUsers(deps, request.ctx(), request.query),
  );
  app.get(
    '/users/:id',
    { config: { access: { roles: 'any' } }, schema: { tags, params: IdParamSchema, response: { 200: UserSchema } } },
    async (request) => getUser(deps, request.ctx(), request.params.id),
  );
  app.post(
    '/users',
    {
      config: { access: { permission: 'users.manage' } },
      schema: { tags, body: UserCreateSchema, response: { 201: UserCreatedSchema } },
    },
    async (request, reply) => reply.status(201).send(await createUser(deps, request.ctx(), request.body)),
  );
  app.patch(
    '/users/:id',
    {
      config: { access: { permission: 'users.manage' } },
      schema: { tags, params: IdParamSchema, body: UserUpdateSchema, response: { 200: UserSchema } },
    },
    async (request) => updateUser(deps, request.ctx(), request.params.id, request.body),
  );
  app.post(
    '/users/:id/invite',
    {
      config: { access: { permission: 'users.manage' } },
      schema: {
        tags,
        params: IdParamSchema,
        response: { 200: z.object({ inviteUrl: z.string().describe('New one-time link') }) },
      },
    },
    async (request) => reinviteUser(deps, request.ctx(), request.params.id),
  );
};
