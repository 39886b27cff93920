import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../../lib/context.js';
import { safeEqual } from '../../lib/crypto.js';
import type { JobRunner } from '../../lib/jobs.js';
import { AppError } from '../../errors.js';
import { countQueuedJobs } from '../../modules/jobs/jobs.service.js';

/** Counters of the jobs this process ran, and a gauge of every queue's backlog. */
function registerJobMetrics(registry: Registry, deps: Pick<AppDeps, 'db' | 'log'>, jobs: JobRunner): void {
  const labelNames = ['queue'] as const;
  const completed = new Counter({
    name: 'custodian_jobs_completed_total',
    help: 'Jobs this process completed, by queue',
    labelNames,
    registers: [registry],
  });
  const failed = new Counter({
    name: 'custodian_jobs_failed_total',
    help: 'Jobs that failed their last attempt in this process (no retry left), by queue',
    labelNames,
    registers: [registry],
  });
  const retried = new Counter({
    name: 'custodian_jobs_retried_total',
    help: 'Failed attempts that will be retried, by queue',
    labelNames,
    registers: [registry],
  });
  for (const definition of jobs.definitions) {
    // Every queue shows 0 before its first job, so a rate over it is defined.
    completed.inc({ queue: definition.name }, 0);
    failed.inc({ queue: definition.name }, 0);
    retried.inc({ queue: definition.name }, 0);
  }
  jobs.onAttempt((queue, outcome) => {
    (outcome === 'completed' ? completed : outcome === 'failed' ? failed : retried).inc({ queue });
  });
  new Gauge({
    name: 'custodian_job_queue_depth',
    help: 'Jobs waiting (new or due for a retry) or running, by queue and state, over every process',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        for (const row of await countQueuedJobs(deps)) {
          this.set({ queue: row.name, state: 'queued' }, row.queued);
          this.set({ queue: row.name, state: 'active' }, row.active);
        }
      } catch (err) {
        // A scrape must still answer when the database does not.
        deps.log.warn({ err }, 'job queue depth unavailable');
      }
    },
  });
}

/** Prometheus metrics at /metrics: process defaults, request durations by route and jobs. */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { token?: string | undefined; deps: AppDeps; jobs: JobRunner }) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    const duration = new Histogram({
      name: 'custodian_http_request_duration_seconds',
      help: 'HTTP request duration by route and status',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    });
    registerJobMetrics(registry, opts.deps, opts.jobs);
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
