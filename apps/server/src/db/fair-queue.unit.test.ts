import { describe, expect, it } from 'vitest';
import type { PGlite } from '@electric-sql/pglite';
import { TURN_EVERY_MS, makeFair, withRequestTicket } from './fair-queue.js';

/** Busy for `ms`, as PGlite is while its WebAssembly runs a query. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // the query's work
  }
}

/** Stands in for PGlite: each query keeps the thread 1 ms and settles as a microtask. */
function fakePglite(): PGlite {
  const answer = async () => {
    spin(1);
    return { rows: [] };
  };
  return { query: answer, exec: answer, transaction: answer } as unknown as PGlite;
}

describe('fair queue on PGlite', () => {
  it('lets the event loop turn during a chain of queries outside a request', async () => {
    const client = makeFair(fakePglite());
    let done = 0;
    let chainRunning = true;
    // What the event loop does on each turn, such as reading a request that arrived: here,
    // note how many queries had finished by then.
    const turnsAt: number[] = [];
    const onTurn = () => {
      turnsAt.push(done);
      if (chainRunning) {
        setImmediate(onTurn);
      }
    };
    setImmediate(onTurn);
    for (let i = 0; i < 100; i += 1) {
      await client.query('select 1');
      done += 1;
    }
    chainRunning = false;
    const between = turnsAt.slice(1).map((at, i) => at - (turnsAt[i] ?? 0));
    expect(turnsAt.length).toBeGreaterThan(5);
    // Each query takes at least 1 ms, so at most TURN_EVERY_MS of them (and one under way) run between turns.
    expect(Math.max(...between)).toBeLessThanOrEqual(TURN_EVERY_MS + 1);
  });

  it("keeps a request's queries together, without turns in between", async () => {
    const client = makeFair(fakePglite());
    let done = 0;
    let doneWhenTurned: number | undefined;
    await withRequestTicket(async () => {
      setImmediate(() => (doneWhenTurned = done));
      for (let i = 0; i < 30; i += 1) {
        await client.query('select 1');
        done += 1;
      }
    });
    expect(doneWhenTurned).toBeUndefined();
  });
});
