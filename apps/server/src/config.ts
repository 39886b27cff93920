import { z } from 'zod';
import { resolve } from 'node:path';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Every setting the server reads, validated once at boot. */
export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8080).describe('HTTP port'),
    HOST: z.string().min(1).default('127.0.0.1').describe('Interface to listen on'),
    DATA_DIR: z.string().min(1).default('./data').describe('Directory for the embedded database, key and files'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
      .optional()
      .describe('PostgreSQL server; when unset the embedded PGlite database in DATA_DIR is used'),
    PUBLIC_URL: z
      .url()
      .optional()
      .describe('Address users reach the platform at; when unset, the address the server listens on'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, { message: 'must be an smtp:// or smtps:// URL' })
      .optional()
      .describe('Mail server for invitations and notification mail; without it mail waits in the outbox'),
    MAIL_FROM: z.string().default('Custodian <no-reply@custodian.local>').describe('Sender address'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info').describe('Log level'),
    ENCRYPTION_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}=$/, { message: 'must be 32 bytes, base64-encoded' })
      .optional()
      .describe('Field-encryption key; generated into DATA_DIR when unset'),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30)
      .describe('Idle session timeout'),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(12)
      .describe('Absolute session lifetime'),
    AUDIT_RETENTION_MONTHS: z.coerce
      .number()
      .int()
      .min(6)
      .max(1200)
      .default(24)
      .describe('Audit retention (≥ 6 months)'),
    NOTIFICATION_RETENTION_MONTHS: z.coerce
      .number()
      .int()
      .min(1)
      .max(1200)
      .default(12)
      .describe('Sent mail and read notifications are kept this long'),
    AUDIT_ANCHOR_DIR: z
      .string()
      .min(1)
      .optional()
      .describe('Second directory for signed audit checkpoints, meant for write-once storage'),
    MFA_REQUIRED_FOR_MINISTRY: z
      .enum(['true', 'false'])
      .default('true')
      .transform((v) => v === 'true')
      .describe('Require MFA for Ministry roles'),
    OIDC_ISSUER: z.url().optional().describe('OpenID Connect issuer for single sign-on'),
    OIDC_CLIENT_ID: z.string().optional().describe('OIDC client id'),
    OIDC_CLIENT_SECRET: z.string().optional().describe('OIDC client secret'),
    OIDC_ALLOW_HTTP: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('Allow an http:// issuer (tests and local development only)'),
    TRUST_PROXY: z
      .enum(['true', 'false'])
      .default('false')
      .transform((v) => v === 'true')
      .describe('Trust X-Forwarded-* headers from a reverse proxy'),
    METRICS_TOKEN: z.string().min(16).optional().describe('Bearer token required for /metrics when set'),
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(20 * 1024 * 1024)
      .describe('Largest attachment accepted, in bytes (default 20 MiB)'),
    SCAN_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(16 * 1024 * 1024 * 1024)
      .default(2 * 1024 * 1024 * 1024)
      .describe('Largest vulnerability scan report accepted for import, in bytes (default 2 GiB)'),
    NODE_ENV: z.string().optional().describe('Node.js environment; only "test" allows the test-only settings'),
    CUSTODIAN_TEST_NOW: z.iso
      .datetime({ offset: true })
      .optional()
      .describe(
        'Tests only: the instant the clock starts at (e.g. 2027-01-01T00:00:00Z); refused unless NODE_ENV=test',
      ),
    CUSTODIAN_TEST_RUN_JOBS: z
      .string()
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((name) => name.trim())
              .filter(Boolean)
          : [],
      )
      .describe(
        'Tests only: jobs the server runs once, in this order, right after it started (e.g. obligations.recompute,obligations.remind), so a browser test sees the outcome of a night without waiting for it; refused unless NODE_ENV=test',
      ),
  })
  .superRefine((c, ctx) => {
    // A test instant in production would move every deadline and audit time: refuse it.
    if (c.CUSTODIAN_TEST_NOW && c.NODE_ENV !== 'test') {
      ctx.addIssue({
        code: 'custom',
        path: ['CUSTODIAN_TEST_NOW'],
        message: 'is a test-only setting and is refused unless NODE_ENV=test',
      });
    }
    if (c.CUSTODIAN_TEST_RUN_JOBS.length > 0 && c.NODE_ENV !== 'test') {
      ctx.addIssue({
        code: 'custom',
        path: ['CUSTODIAN_TEST_RUN_JOBS'],
        message: 'is a test-only setting and is refused unless NODE_ENV=test',
      });
    }
    const oidc = [c.OIDC_ISSUER, c.OIDC_CLIENT_ID, c.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc > 0 && oidc < 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['OIDC_ISSUER'],
        message: 'set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together',
      });
    }
  });

export type AppConfig = Omit<z.infer<typeof ConfigSchema>, 'PUBLIC_URL'> & {
  /**
   * Address users reach the platform at (links in mail, invitations, OIDC). When the
   * setting is unset it starts as http://HOST:PORT and `server.ts` replaces it with the
   * address actually listened on (the real port when PORT=0), see `listenAddressUrl`.
   */
  PUBLIC_URL: string;
  /** True when PUBLIC_URL was not set and follows the listening address. */
  publicUrlFromListen: boolean;
  dataDir: string;
  isSecure: boolean;
  /** The instant a test process's clock starts at (CUSTODIAN_TEST_NOW); unset in production. */
  testNow?: Date;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parses settings from the environment (or overrides in tests); throws a readable list on error. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = ConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  const publicUrl = parsed.data.PUBLIC_URL ?? listenAddressUrl(parsed.data.HOST, parsed.data.PORT);
  return {
    ...parsed.data,
    PUBLIC_URL: publicUrl,
    publicUrlFromListen: parsed.data.PUBLIC_URL === undefined,
    dataDir: resolve(parsed.data.DATA_DIR),
    isSecure: publicUrl.startsWith('https://'),
    ...(parsed.data.CUSTODIAN_TEST_NOW ? { testNow: new Date(parsed.data.CUSTODIAN_TEST_NOW) } : {}),
  };
}

/**
 * The http:// address a browser on this machine reaches a server listening on `host` and
 * `port` at. A wildcard interface (0.0.0.0, ::) is reached through loopback; IPv6
 * literals get brackets.
 */
export function listenAddressUrl(host: string, port: number): string {
  let name = host;
  if (host === '0.0.0.0' || host === '') {
    name = '127.0.0.1';
  } else if (host === '::' || host === '[::]') {
    name = '[::1]';
  } else if (host.includes(':') && !host.startsWith('[')) {
    name = `[${host}]`;
  }
  return `http://${name}:${port}`;
}
