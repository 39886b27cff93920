import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  InviteAcceptSchema,
  InviteInfoSchema,
  InviteTokenParamSchema,
  LoginSchema,
  MfaVerifySchema,
  SessionInfoSchema,
} from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { acceptInvite, getInvite } from './invite.service.js';
import { getSessionInfo, login, logout, verifyMfa } from './login.service.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';

const tags = ['auth'];
const rateLimit = SECURITY_POLICY.rateLimits.auth;
/** Routes a half-signed-in session may call. */
const anyStage = { roles: 'any', stages: ['mfa_pending', 'mfa_enrolment'], allowTokens: false } as const;

/** /api/v1/auth: sign-in with password and TOTP, sign-out, the current session, invitations. */
export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.post(
    '/auth/login',
    {
      config: { access: { public: true }, rateLimit },
      schema: { tags, body: LoginSchema, response: { 200: SessionInfoSchema } },
    },
    async (request, reply) => {
      const result = await login(deps, request.ctx(), request.body);
      setSessionCookie(reply, deps.config, result.cookie);
      return result.info;
    },
  );
  app.post(
    '/auth/mfa',
    {
      config: { access: { roles: 'any', stages: ['mfa_pending'], allowTokens: false }, rateLimit },
      schema: { tags, body: MfaVerifySchema, response: { 200: SessionInfoSchema } },
    },
    async (request, reply) => {
      const result = await verifyMfa(deps, request.ctx(), request.body);
      setSessionCookie(reply, deps.config, result.cookie);
      return result.info;
    },
  );
  app.post('/auth/logout', { config: { access: anyStage }, schema: { tags } }, async (request, reply) => {
    await logout(deps, request.ctx());
    clearSessionCookie(reply, deps.config);
    return reply.status(204).send();
  });
  app.get(
    '/auth/session',
    { config: { access: anyStage }, schema: { tags, response: { 200: SessionInfoSchema } } },
    async (request) => getSessionInfo(deps, request.ctx()),
  );
  app.get(
    '/auth/invites/:token',
    {
      config: { access: { public: true }, rateLimit },
      schema: { tags, params: InviteTokenParamSchema, response: { 200: InviteInfoSchema } },
    },
    async (request) => getInvite(deps, request.params.token, request.ctx().now),
  );
  app.post(
    '/auth/invites/:token',
    {
      config: { access: { public: true }, rateLimit },
      schema: { tags, params: InviteTokenParamSchema, body: InviteAcceptSchema },
    },
    async (request, reply) => {
      await acceptInvite(deps, request.ctx(), { token: request.params.token, password: request.body.password });
      return reply.status(204).send();
    },
  );
};
