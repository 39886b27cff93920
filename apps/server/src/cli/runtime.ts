import { loadConfig, type AppConfig } from '../config.js';
import type { DbHandle } from '../db/client.js';
import { clockFromConfig } from '../lib/clock.js';
import type { AppDeps } from '../lib/context.js';
import { createMailer } from '../lib/mailer.js';
import { MODULES } from '../modules/index.js';
import { openRuntime } from '../server.js';
import { createCliLogger } from './logger.js';

/** What a command gets: the same dependencies as the server, plus the database handle. */
export type CliRuntime = { deps: AppDeps; handle: DbHandle; config: AppConfig };

/**
 * Opens the configured database exactly as the server does (taking the PGlite lock, so a
 * running server makes the command stop with DataDirLockedError), applies migrations
 * unless told not to, runs the command and closes everything.
 */
export async function withRuntime<T>(
  run: (rt: CliRuntime) => Promise<T>,
  options: { migrate?: boolean; mail?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const runtime = await openRuntime(config);
  const deps: AppDeps = {
    db: runtime.db.db,
    driver: runtime.db.driver,
    config,
    keys: runtime.keys,
    // Commands never send invitation mail unless they say so: the operator is at the console.
    mailer: createMailer({ smtpUrl: options.mail ? config.SMTP_URL : undefined, from: config.MAIL_FROM }),
    log: createCliLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL),
    clock: clockFromConfig(config),
    modules: MODULES,
  };
  try {
    if (options.migrate ?? true) {
      await runtime.db.migrate();
    }
    return await run({ deps, handle: runtime.db, config });
  } finally {
    deps.mailer.close();
    await runtime.db.close();
  }
}

/** Writes a line to stdout. */
export function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}
