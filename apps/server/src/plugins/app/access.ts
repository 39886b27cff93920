import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { can, PERMISSION_NAMES, type Locale, type Permission } from '@custodian/shared';
import { AppError } from '../../errors.js';
import { withRequestTicket } from '../../db/fair-queue.js';
import type { Actor, AppDeps, RequestContext, TokenScope } from '../../lib/context.js';
import {
  isValidCsrfToken,
  resolveApiToken,
  resolveSession,
  SESSION_COOKIE,
  type SessionStage,
} from '../../modules/auth/session.service.js';

/**
 * What a route requires. Every route under /api/v1 must declare one; the server refuses
 * to start otherwise, and the authorization matrix test enumerates them.
 */
export type RouteAccess = { public: true } | SignedInAccess;

/**
 * A route for signed-in callers: either a named permission (packages/shared/src/permissions.ts),
 * or `roles: 'any'` for every signed-in user. Tenancy (which records) is then the service's.
 */
export type SignedInAccess = ({ permission: Permission; roles?: never } | { roles: 'any'; permission?: never }) & {
  /** Token scope needed; defaults to 'read' for GET and 'write' otherwise. */
  scope?: TokenScope;
  /** Session stages allowed besides 'active' (MFA sign-in and enrolment steps). */
  stages?: readonly SessionStage[];
  /** Whether personal API tokens may call this route (default true). */
  allowTokens?: boolean;
};

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyInstance {
    /** Every route with its access rule, as registered; the authorization matrix test reads it. */
    routeRegistry: RegisteredRoute[];
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    sessionStage: SessionStage | null;
    locale: Locale;
    /** The instant this request is handled at, read once from the clock when it arrives. */
    now: Date | null;
    /** The context services need for tenancy and audit. */
    ctx(): RequestContext;
  }
}

export type RegisteredRoute = { method: string; url: string; access: RouteAccess | undefined };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const CSRF_HEADER = 'x-csrf-token';

/** Picks zh-TW unless the client asks for English first. */
export function pickLocale(header: string | undefined): Locale {
  if (!header) {
    return 'zh-TW';
  }
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-TW';
}

function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) {
    return undefined;
  }
  return header.slice('Bearer '.length).trim();
}

async function authenticate(deps: AppDeps, request: FastifyRequest, now: Date): Promise<void> {
  const bearer = bearerToken(request);
  if (bearer) {
    const actor = await resolveApiToken(deps, bearer, now);
    if (!actor) {
      throw new AppError('UNAUTHENTICATED');
    }
    request.actor = actor;
    return;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) {
    return;
  }
  const resolved = await resolveSession(deps, cookie, now);
  if (resolved) {
    request.actor = resolved.actor;
    request.sessionId = resolved.sessionId;
    request.sessionStage = resolved.stage;
  }
}

function enforce(request: FastifyRequest, access: SignedInAccess, deps: AppDeps): void {
  const actor = request.actor;
  if (!actor) {
    throw new AppError('UNAUTHENTICATED');
  }
  if (actor.via === 'session') {
    const stage = request.sessionStage ?? 'active';
    if (stage !== 'active' && !access.stages?.includes(stage)) {
      throw new AppError(stage === 'mfa_pending' ? 'MFA_REQUIRED' : 'MFA_ENROLMENT_REQUIRED');
    }
    if (!SAFE_METHODS.has(request.method)) {
      const presented = request.headers[CSRF_HEADER];
      const sessionId = request.sessionId ?? '';
      if (!isValidCsrfToken(deps, sessionId, typeof presented === 'string' ? presented : undefined)) {
        throw new AppError('CSRF_INVALID');
      }
    }
  }
  if (access.permission && !can(actor.role, access.permission)) {
    throw new AppError('FORBIDDEN');
  }
  if (actor.via === 'token') {
    if (access.allowTokens === false) {
      throw new AppError('TOKEN_SCOPE');
    }
    const needed: TokenScope = access.scope ?? (SAFE_METHODS.has(request.method) ? 'read' : 'write');
    if (!actor.tokenScopes?.includes(needed)) {
      throw new AppError('TOKEN_SCOPE');
    }
  }
}

/** Authentication, role checks, CSRF and the per-request context, in one place. */
export const accessPlugin = fp(
  async (app: FastifyInstance, opts: { deps: AppDeps }) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('sessionId', null);
    app.decorateRequest('sessionStage', null);
    app.decorateRequest('locale', 'zh-TW');
    app.decorateRequest('now', null);
    app.decorateRequest('ctx', function (this: FastifyRequest): RequestContext {
      return {
        actor: this.actor,
        ip: this.ip,
        userAgent: this.headers['user-agent'] ?? null,
        requestId: this.id,
        locale: this.locale,
        // Set in onRequest; the fallback serves only hooks that run before it.
        now: this.now ?? opts.deps.clock.now(),
      };
    });

    const registry: RegisteredRoute[] = [];
    app.decorate('routeRegistry', registry);
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method !== 'HEAD') {
          registry.push({ method: String(method), url: route.url, access: route.config?.access });
        }
      }
      const access = route.config?.access;
      if (route.url.startsWith('/api/v1') && !access) {
        throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
      }
      if (access && !('public' in access) && access.roles !== 'any' && !PERMISSION_NAMES.includes(access.permission)) {
        throw new Error(`Route ${String(route.method)} ${route.url} names no known permission`);
      }
    });

    // First of the access hooks: the request's queue ticket (PGlite serves requests' queries
    // in arrival order, db/fair-queue.ts); `done` inside it carries the ticket to the handler.
    app.addHook('onRequest', (_request, _reply, done) => {
      withRequestTicket(done);
    });

    app.addHook('onRequest', async (request) => {
      // Once per request, so every service it calls judges deadlines against the same instant.
      const now = opts.deps.clock.now();
      request.now = now;
      request.locale = pickLocale(request.headers['accept-language']);
      const access = request.routeOptions.config.access;
      if (!access) {
        return;
      }
      if ('public' in access) {
        // Public routes never look at credentials, so a stale cookie or foreign bearer
        // token (e.g. the metrics token) cannot make them fail.
        return;
      }
      await authenticate(opts.deps, request, now);
      enforce(request, access, opts.deps);
    });
  },
  { name: 'access', dependencies: ['@fastify/cookie'] },
);
