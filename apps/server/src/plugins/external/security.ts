import fp from 'fastify-plugin';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';

/**
 * helmet with a strict CSP. Scripts only from our origin; style elements need the
 * per-response nonce (antd's CSS-in-JS takes it from a meta tag); style attributes are
 * allowed because React sets them and they cannot run code.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, opts: { isSecure: boolean }) => {
    await app.register(helmet, {
      enableCSPNonces: true,
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          styleSrcAttr: ["'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          frameAncestors: ["'none'"],
          formAction: ["'self'"],
          ...(opts.isSecure ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      hsts: opts.isSecure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
      referrerPolicy: { policy: 'same-origin' },
    });
    // Rate limits are opted into per route (auth routes); see `config.rateLimit`.
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: () => new AppError('RATE_LIMITED'),
    });
  },
  { name: 'security' },
);
