import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppConfig } from './config.js';
import type { DbHandle } from './db/client.js';
import { clockFromConfig, type Clock } from './lib/clock.js';
import type { AppDeps } from './lib/context.js';
import type { JobDefinition, JobRunner } from './lib/jobs.js';
import { createJobRunner } from './lib/jobs-runner.js';
import type { KeyRing } from './lib/crypto.js';
import { createMailer, type Mailer } from './lib/mailer.js';
import { LOG_REDACT_PATHS, maskLogLine, serializeRequest } from './lib/logging.js';
import type { DestinationStream } from 'pino';
import { accessPlugin } from './plugins/app/access.js';
import { errorHandlerPlugin } from './plugins/app/error-handler.js';
import { inputGuardPlugin } from './plugins/app/input-guard.js';
import { jsonBodyPlugin } from './plugins/app/json-body.js';
import { securityPlugin } from './plugins/external/security.js';
import { metricsPlugin } from './plugins/external/metrics.js';
import { openapiPlugin } from './plugins/external/openapi.js';
import { webPlugin } from './plugins/external/web.js';
import { allModuleJobs, MODULES, registerModules, type AppModule } from './modules/index.js';

/** JSON bodies above this are refused with BODY_TOO_LARGE. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export type BuildAppOptions = {
  config: AppConfig;
  db: DbHandle;
  keys: KeyRing;
  mailer?: Mailer;
  /** false disables logging (tests); default logs JSON to stdout. */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests that inspect logs). */
  logStream?: DestinationStream;
  /** Directory of the built web app; defaults to apps/web/dist. */
  webDistDir?: string;
  /** The clock (tests); defaults to the system clock, or CUSTODIAN_TEST_NOW in a test process. */
  clock?: Clock;
  /** The modules of the app (tests add a module-shaped fixture); defaults to `MODULES`. */
  modules?: readonly AppModule[];
  /** Job runner settings (tests): other job definitions, faster polls. */
  jobs?: { definitions?: readonly JobDefinition[]; pollingIntervalSeconds?: number; cronIntervalSeconds?: number };
};

export type App = FastifyInstance & { deps: AppDeps };

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
    /** The job runner; `server.ts` starts it (ADR 0013). */
    jobs: JobRunner;
  }
}

/** Builds the Fastify application; `server.ts` and tests both use it. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const app = Fastify({
    logger:
      options.logger === false
        ? false
        : {
            level: config.LOG_LEVEL,
            redact: { paths: LOG_REDACT_PATHS, censor: '[REDACTED]' },
            serializers: { req: serializeRequest },
            // ID numbers can reach any field (a path, a message, an error), so the whole line is masked.
            hooks: { streamWrite: maskLogLine },
            ...(options.logStream ? { stream: options.logStream } : {}),
          },
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY,
    requestIdHeader: false,
    routerOptions: { maxParamLength: 200 },
    // Room for a long address (a pasted 5,000-character search is 45 KB once encoded), so an
    // over-long search gets the input guard's localised SEARCH_TOO_LONG, not Node's bare 431.
    http: { maxHeaderSize: 64 * 1024 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const modules = options.modules ?? MODULES;
  const deps: AppDeps = {
    db: options.db.db,
    driver: options.db.driver,
    config,
    keys: options.keys,
    mailer: options.mailer ?? createMailer({ smtpUrl: config.SMTP_URL, from: config.MAIL_FROM }),
    log: app.log,
    clock: options.clock ?? clockFromConfig(config),
    modules,
  };
  app.decorate('deps', deps);
  const { definitions = allModuleJobs(modules), ...jobOptions } = options.jobs ?? {};
  const jobs = createJobRunner({ deps, db: options.db, definitions, ...jobOptions });
  app.decorate('jobs', jobs);

  await app.register(errorHandlerPlugin);
  await app.register(jsonBodyPlugin);
  await app.register(inputGuardPlugin);
  await app.register(cookie);
  await app.register(securityPlugin, { isSecure: config.isSecure });
  await app.register(accessPlugin, { deps });
  await app.register(openapiPlugin);
  await app.register(metricsPlugin, { token: config.METRICS_TOKEN, deps, jobs });
  await app.register(registerModules, { deps, modules });
  await app.register(webPlugin, options.webDistDir ? { distDir: options.webDistDir } : {});
  app.addHook('onClose', async () => {
    // Also stopped by server.ts before the database closes; a second stop does nothing.
    await jobs.stop();
    deps.mailer.close();
  });
  return app;
}
