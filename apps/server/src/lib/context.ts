import type { FastifyBaseLogger } from 'fastify';
import type { Locale, Role } from '@custodian/shared';
import type { AppConfig } from '../config.js';
import type { Database, DbDriver } from '../db/client.js';
import type { Clock } from './clock.js';
import type { KeyRing } from './crypto.js';
import type { Mailer } from './mailer.js';
import type { AppModule } from '../modules/registry.js';

/** Long-lived dependencies every service receives. */
export type AppDeps = {
  db: Database;
  driver: DbDriver;
  config: AppConfig;
  keys: KeyRing;
  mailer: Mailer;
  log: FastifyBaseLogger;
  /** The one source of the current time (ADR 0014); read it, never the system time. */
  clock: Clock;
  /**
   * The app's modules (`MODULES` unless a test gives others, ADR 0018): services read their
   * registrations (obligation sources, attachment owners, notification templates,
   * record-change listeners) from here, so two apps in one process share nothing.
   */
  modules: readonly AppModule[];
};

export type TokenScope = 'read' | 'write';

/** The signed-in user behind a request, with what they may see. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  /** Organisations supervised (ministry_owner) or assigned (auditor). */
  scopeOrgIds: string[];
  via: 'session' | 'token' | 'system';
  sessionId?: string;
  tokenScopes?: TokenScope[];
};

/** Who did something, from where: threaded through services into audit events. */
export type RequestContext = {
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  locale: Locale;
  /** The instant the request (or job) is handled at, read once from the clock. */
  now: Date;
};

/** Context for work started from the command line or by a job, at `now`. */
export function systemContext(label: string, now: Date): RequestContext {
  return {
    actor: {
      userId: '00000000-0000-0000-0000-000000000000',
      email: `${label}@system`,
      name: label,
      role: 'ministry_admin',
      orgId: '00000000-0000-0000-0000-000000000000',
      scopeOrgIds: [],
      via: 'system',
    },
    ip: null,
    userAgent: null,
    requestId: null,
    locale: 'zh-TW',
    now,
  };
}
