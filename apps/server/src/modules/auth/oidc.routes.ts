import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { OidcConfigSchema } from '@custodian/shared';
import type { AppDeps } from '../../lib/context.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import {
  completeOidc,
  getOidcPublicConfig,
  OIDC_STATE_COOKIE,
  OIDC_STATE_TTL_SECONDS,
  startOidc,
} from './oidc.service.js';
import { setSessionCookie } from './session-cookie.js';

const tags = ['auth'];
const rateLimit = SECURITY_POLICY.rateLimits.auth;
const STATE_COOKIE_PATH = '/api/v1/auth/oidc';

/** /api/v1/auth/oidc: OpenID Connect single sign-on (authorization code flow with PKCE). */
export const oidcRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const stateCookieOptions = {
    path: STATE_COOKIE_PATH,
    httpOnly: true,
    // Lax: the provider sends the browser back with a top-level GET, which Lax allows.
    sameSite: 'lax',
    secure: deps.config.isSecure,
  } as const;

  app.get(
    '/auth/oidc/config',
    { config: { access: { public: true } }, schema: { tags, response: { 200: OidcConfigSchema } } },
    async () => getOidcPublicConfig(deps),
  );
  app.get(
    '/auth/oidc/start',
    { config: { access: { public: true }, rateLimit }, schema: { tags } },
    async (request, reply) => {
      const { redirectUrl, stateCookie } = await startOidc(deps, request.ctx().now);
      void reply.setCookie(OIDC_STATE_COOKIE, stateCookie, { ...stateCookieOptions, maxAge: OIDC_STATE_TTL_SECONDS });
      return reply.redirect(redirectUrl, 302);
    },
  );
  app.get(
    '/auth/oidc/callback',
    { config: { access: { public: true }, rateLimit }, schema: { tags } },
    async (request, reply) => {
      const outcome = await completeOidc(deps, request.ctx(), {
        callbackUrl: new URL(request.url, deps.config.PUBLIC_URL),
        stateCookie: request.cookies[OIDC_STATE_COOKIE],
      });
      void reply.clearCookie(OIDC_STATE_COOKIE, stateCookieOptions);
      if (outcome.cookie) {
        setSessionCookie(reply, deps.config, outcome.cookie);
      }
      return reply.redirect(outcome.redirectTo, 302);
    },
  );
};
