/**
 * The one source of the current time (ADR 0014). Services read `deps.clock.now()` (or the
 * `now` a request or a job was given), never the system time directly, so a test can run
 * the app, a deadline or a scheduled job at any instant.
 */
export type Clock = {
  /** The current instant. Each call returns a new Date, so callers may keep or change it. */
  now(): Date;
};

/** A clock a test moves by hand. */
export type TestClock = Clock & {
  /** Jumps to an instant, forwards or backwards. */
  set(instant: Date | string): void;
  /** Moves forwards (or, with a negative number, backwards) by this many milliseconds. */
  advance(ms: number): void;
};

function toInstant(instant: Date | string): number {
  const ms = new Date(instant).getTime();
  if (Number.isNaN(ms)) {
    throw new RangeError(`not an instant: ${String(instant)}`);
  }
  return ms;
}

/** The machine's clock: what production runs on. */
export const systemClock: Clock = {
  now: () => new Date(),
};

/** A clock stopped at one instant. */
export function fixedClock(instant: Date | string): Clock {
  const ms = toInstant(instant);
  return { now: () => new Date(ms) };
}

/** A clock that stands at `start` until the test calls `set` or `advance`. */
export function createTestClock(start: Date | string): TestClock {
  let ms = toInstant(start);
  return {
    now: () => new Date(ms),
    set: (instant) => {
      ms = toInstant(instant);
    },
    advance: (delta) => {
      ms += delta;
    },
  };
}

/**
 * A clock that starts at `start` and then runs at the machine's pace: what a child process
 * started with `CUSTODIAN_TEST_NOW` runs on, so sessions, timeouts and jobs still see time
 * pass while the calendar says `start`.
 */
export function startedClock(start: Date | string, base: Clock = systemClock): Clock {
  const offset = toInstant(start) - base.now().getTime();
  return { now: () => new Date(base.now().getTime() + offset) };
}

/** The clock a process runs on: the system clock, or the test instant its configuration names. */
export function clockFromConfig(config: { testNow?: Date | undefined }): Clock {
  return config.testNow ? startedClock(config.testNow) : systemClock;
}
