import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../../lib/crypto.js';
import { AppError } from '../../errors.js';

/** Prometheus metrics at /metrics: process defaults and request durations by route. */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { token?: string | undefined }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: 'custodian_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
    app.get('/metrics', { config: { access: { public: true } }, schema: { hide: true } }, async (request, reply) => {
      if (opts.token) {
        const presented = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
        if (!safeEqual(presented, opts.token)) {
          throw new AppError('UNAUTHENTICATED');
        }
      }
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  },
  { name: 'metrics' },
);
