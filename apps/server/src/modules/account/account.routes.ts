import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AccountUpdateSchema,
  ApiTokenCreatedSchema,
  ApiTokenCreateSchema,
  ApiTokenListSchema,
  IdParamSchema,
  MfaConfirmSchema,
  MfaReauthSchema,
  MfaSetupSchema,
  PasswordChangeSchema,
  RecoveryCodesSchema,
  SessionListSchema,
  SessionUserSchema,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import { confirmMfa, disableMfa, regenerateRecoveryCodes, startMfaSetup } from './account-mfa.service.js';
import { listSessions, revokeOtherSessions, revokeOwnSession } from './account-sessions.service.js';
import { changePassword, getAccount, updateAccount } from './account.service.js';
import { createToken, listTokens, revokeToken } from './tokens.service.js';

const tags = ['account'];
const rateLimit = SECURITY_POLICY.rateLimits.reauth;
/** Security settings are changed in the browser only, never with a personal API token. */
const sessionOnly = { roles: 'any', allowTokens: false } as const;
/** MFA enrolment is also what a session in stage 'mfa_enrolment' is for. */
const enrolment = { roles: 'any', allowTokens: false, stages: ['mfa_enrolment'] } as const;

/** /api/v1/account: the signed-in user's profile, password, MFA, sessions and API tokens. */
export const accountRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get(
    '/account',
    { config: { access: { roles: 'any' } }, schema: { tags, response: { 200: SessionUserSchema } } },
    async (request) => getAccount(deps, request.ctx()),
  );
  app.patch(
    '/account',
    {
      config: { access: { roles: 'any' } },
      schema: { tags, body: AccountUpdateSchema, response: { 200: SessionUserSchema } },
    },
    async (request) => updateAccount(deps, request.ctx(), request.body),
  );
  app.post(
    '/account/password',
    { config: { access: sessionOnly, rateLimit }, schema: { tags, body: PasswordChangeSchema } },
    async (request, reply) => {
      await changePassword(deps, request.ctx(), request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/account/mfa/setup',
    { config: { access: enrolment }, schema: { tags, response: { 200: MfaSetupSchema } } },
    async (request) => startMfaSetup(deps, request.ctx()),
  );
  app.post(
    '/account/mfa/confirm',
    {
      config: { access: enrolment, rateLimit },
      schema: { tags, body: MfaConfirmSchema, response: { 200: RecoveryCodesSchema } },
    },
    async (request, reply) => {
      const { recoveryCodes, cookie } = await confirmMfa(deps, request.ctx(), request.body);
      if (cookie) {
        setSessionCookie(reply, deps.config, cookie);
      }
      return { recoveryCodes };
    },
  );
  app.post(
    '/account/mfa/disable',
    { config: { access: sessionOnly, rateLimit }, schema: { tags, body: MfaReauthSchema } },
    async (request, reply) => {
      await disableMfa(deps, request.ctx(), request.body);
      return reply.status(204).send();
    },
  );
  app.post(
    '/account/mfa/recovery-codes',
    {
      config: { access: sessionOnly, rateLimit },
      schema: { tags, body: MfaReauthSchema, response: { 200: RecoveryCodesSchema } },
    },
    async (request) => regenerateRecoveryCodes(deps, request.ctx(), request.body),
  );

  app.get(
    '/account/sessions',
    { config: { access: sessionOnly }, schema: { tags, response: { 200: SessionListSchema } } },
    async (request) => listSessions(deps, request.ctx()),
  );
  app.delete(
    '/account/sessions/:id',
    { config: { access: sessionOnly }, schema: { tags, params: IdParamSchema } },
    async (request, reply) => {
      const { isCurrent } = await revokeOwnSession(deps, request.ctx(), request.params.id);
      if (isCurrent) {
        clearSessionCookie(reply, deps.config);
      }
      return reply.status(204).send();
    },
  );
  app.post(
    '/account/sessions/revoke-others',
    {
      config: { access: sessionOnly },
      schema: {
        tags,
        response: { 200: z.object({ revoked: z.number().int().describe('Sessions signed out') }) },
      },
    },
    async (request) => revokeOtherSessions(deps, request.ctx()),
  );

  app.get(
    '/account/tokens',
    { config: { access: sessionOnly }, schema: { tags, response: { 200: ApiTokenListSchema } } },
    async (request) => listTokens(deps, request.ctx()),
  );
  app.post(
    '/account/tokens',
    {
      config: { access: sessionOnly },
      schema: { tags, body: ApiTokenCreateSchema, response: { 201: ApiTokenCreatedSchema } },
    },
    async (request, reply) => reply.status(201).send(await createToken(deps, request.ctx(), request.body)),
  );
  app.delete(
    '/account/tokens/:id',
    { config: { access: sessionOnly }, schema: { tags, params: IdParamSchema } },
    async (request, reply) => {
      await revokeToken(deps, request.ctx(), request.params.id);
      return reply.status(204).send();
    },
  );
};
