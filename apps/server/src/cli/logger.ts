import { format } from 'node:util';
import type { FastifyBaseLogger } from 'fastify';
import { maskLogLine, maskNationalIds } from '../lib/logging.js';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'] as const;
type Level = (typeof LEVELS)[number];

/**
 * A small logger for the command line, shaped like Fastify's, that writes readable lines
 * to stderr so stdout stays clean for command output. Services only log warnings and
 * errors through it. ID-number-shaped text is masked, as in the server's log.
 */
export function createCliLogger(level: string, bindings: Record<string, unknown> = {}): FastifyBaseLogger {
  const threshold = LEVELS.indexOf(level as Level);
  const enabled = (l: Level) => level !== 'silent' && threshold >= 0 && LEVELS.indexOf(l) >= threshold;
  const write =
    (l: Level) =>
    (...args: unknown[]): void => {
      if (!enabled(l)) {
        return;
      }
      const [first, ...rest] = args;
      const hasObject = typeof first === 'object' && first !== null;
      const message = hasObject ? format(...rest) : format(first, ...rest);
      const fields = hasObject ? { ...bindings, ...first } : bindings;
      const extra = Object.keys(fields).length > 0 ? ` ${maskLogLine(JSON.stringify(fields))}` : '';
      // The server's log lines are masked the same way (lib/logging.ts): no ID numbers.
      process.stderr.write(`[${l}] ${maskNationalIds(message)}${extra}\n`);
    };
  return {
    level,
    trace: write('trace'),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    fatal: write('fatal'),
    silent: () => undefined,
    child: (more: Record<string, unknown>) => createCliLogger(level, { ...bindings, ...more }),
  };
}
