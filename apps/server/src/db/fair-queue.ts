import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';

/*
 * Fair queueing on PGlite (issue 12). PGlite runs one query at a time. Left to itself it
 * serves queries in the order they are issued, so a request's several queries (credential,
 * scope, page, total) each queue behind whatever other requests issued meanwhile: under 10
 * concurrent requests an unlucky one waited many times over, and p95 reached 4–6× p50.
 *
 * Here every request takes a ticket when it arrives (`withRequestTicket`, from the access
 * plugin), and whenever PGlite is free the waiting query with the oldest ticket runs next.
 * A request that has started therefore finishes before later ones get the database, while
 * the database never idles during a request's JavaScript work between its queries (another
 * request's query runs then). Work outside a request (jobs, the CLI) takes a ticket per
 * query, i.e. queues as if it had just arrived.
 *
 * PGlite runs a query synchronously in WebAssembly and settles its promise as a microtask,
 * so a chain of queries never gives the event loop a turn: requests that arrived meanwhile
 * are not even read, let alone queued. Work outside a request therefore lets the event loop
 * turn at least every `TURN_EVERY_MS` before its next query; at start-up the job runner's
 * some 75 queries (about a second of CPU on a shared machine) had held back the first health
 * check until they were done (issue 12, cold start).
 */

const tickets = new AsyncLocalStorage<number>();
let nextTicket = 0;

/** The longest that queries outside a request run without letting the event loop turn. */
export const TURN_EVERY_MS = 10;
let lastTurn = performance.now();

/** Waits for the event loop's next turn (incoming requests are read then) if the last was a while ago. */
async function letEventLoopTurn(): Promise<void> {
  if (performance.now() - lastTurn >= TURN_EVERY_MS) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    lastTurn = performance.now();
  }
}

/** Runs `fn` (the rest of a request) with a queue ticket: its database queries are served in arrival order. */
export function withRequestTicket<T>(fn: () => T): T {
  nextTicket += 1;
  return tickets.run(nextTicket, fn);
}

type Waiter = { ticket: number; start: () => void };

/** Serves one call at a time, the oldest ticket first. */
class FairGate {
  private busy = false;
  private readonly waiting: Waiter[] = [];

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (tickets.getStore() === undefined) {
      await letEventLoopTurn();
    }
    if (this.busy || this.waiting.length > 0) {
      const ticket = tickets.getStore() ?? (nextTicket += 1);
      await new Promise<void>((resolve) => {
        this.waiting.push({ ticket, start: resolve });
      });
    } else {
      this.busy = true;
    }
    try {
      return await fn();
    } finally {
      this.next();
    }
  }

  private next(): void {
    if (this.waiting.length === 0) {
      this.busy = false;
      return;
    }
    let best = 0;
    this.waiting.forEach((w, i) => {
      if (w.ticket < (this.waiting[best]?.ticket ?? Infinity)) {
        best = i;
      }
    });
    // Still busy: the slot passes straight to the waiter.
    this.waiting.splice(best, 1)[0]?.start();
  }
}

/**
 * Routes a PGlite client's top-level calls (query, exec, transaction) through a fair gate.
 * Queries inside a transaction use the transaction's own handle and are not gated again.
 */
export function makeFair(client: PGlite): PGlite {
  const gate = new FairGate();
  const query = client.query.bind(client);
  const exec = client.exec.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = ((...args: Parameters<typeof query>) => gate.run(() => query(...args))) as typeof client.query;
  client.exec = ((...args: Parameters<typeof exec>) => gate.run(() => exec(...args))) as typeof client.exec;
  client.transaction = ((...args: Parameters<typeof transaction>) =>
    gate.run(() => transaction(...args))) as typeof client.transaction;
  return client;
}
