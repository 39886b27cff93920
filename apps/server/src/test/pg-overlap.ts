import pg from 'pg';

/**
 * Detects a query sent on a PostgreSQL client while that client is still executing
 * another, e.g. `Promise.all` over queries on one transaction. pg queues such a query today
 * (so the statements run in whatever order the promises happened to start), warns only
 * from the third query in flight and only once per process, and pg 9 removes the queue. So
 * every query is checked here, with its SQL and the stack that sent it; pg's own
 * DeprecationWarning is recorded as well, in case its internals change. The server tier's
 * setup fails a test that leaves anything recorded. On PGlite no pg.Client exists, and
 * nothing is recorded.
 */

export type QueryOverlap = { sql: string; stack: string };

const OVERLAP_WARNING = 'client.query() when the client is already executing a query';

/** pg's internal query state; the fields are checked for presence before use. */
type ClientState = { _activeQuery?: unknown; _queryQueue?: unknown };

/**
 * Kept on the process, not in this module: pg is loaded once per process while test files
 * may evaluate this module again, and the patch and the listener must be installed once.
 */
const STATE = Symbol.for('custodian.test.pgQueryOverlaps');
type GlobalWithState = typeof globalThis & { [STATE]?: QueryOverlap[] };

function isBusy(client: ClientState): boolean {
  const queued = Array.isArray(client._queryQueue) ? client._queryQueue.length : 0;
  return (client._activeQuery !== null && client._activeQuery !== undefined) || queued > 0;
}

function sqlOf(config: unknown): string {
  const text = typeof config === 'string' ? config : (config as { text?: unknown } | undefined)?.text;
  return String(text).slice(0, 160);
}

function install(): QueryOverlap[] {
  const overlaps: QueryOverlap[] = [];
  const sendQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  pg.Client.prototype.query = function query(this: pg.Client, ...args: unknown[]): unknown {
    if (isBusy(this as unknown as ClientState)) {
      // The stack often ends in drizzle's `then` (Promise.all calls it): the SQL says which query it was.
      const stack = new Error('sent while the client was executing another query').stack ?? '';
      overlaps.push({ sql: sqlOf(args[0]), stack });
    }
    return sendQuery.apply(this, args);
  } as typeof pg.Client.prototype.query;
  process.on('warning', (warning) => {
    if (warning.name === 'DeprecationWarning' && warning.message.includes(OVERLAP_WARNING)) {
      overlaps.push({ sql: '(pg DeprecationWarning)', stack: warning.stack ?? warning.message });
    }
  });
  return overlaps;
}

const state = globalThis as GlobalWithState;
const overlaps = (state[STATE] ??= install());

/** Returns and forgets the overlaps recorded so far. */
export function takeQueryOverlaps(): QueryOverlap[] {
  return overlaps.splice(0);
}

/** Throws, naming the statements and the first stack, when queries overlapped since the last call. */
export function assertNoQueryOverlap(): void {
  const found = takeQueryOverlaps();
  if (found.length === 0) {
    return;
  }
  const statements = [...new Set(found.map((o) => o.sql))].map((sql) => `  ${sql}`).join('\n');
  throw new Error(
    `${found.length} PostgreSQL queries overlapped on one client (parallel queries in a transaction?); ` +
      `run them one after the other. The statements:\n${statements}\nThe first was sent from:\n${found[0]?.stack ?? ''}`,
  );
}
