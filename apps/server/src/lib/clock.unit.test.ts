import { describe, expect, it } from 'vitest';
import { clockFromConfig, createTestClock, fixedClock, startedClock, systemClock } from './clock.js';

describe('clock', () => {
  it('stands still until a test moves it', () => {
    const clock = createTestClock('2027-01-01T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2027-01-01T00:01:30.000Z');
    clock.set('2026-06-30T16:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(fixedClock('2027-01-01T00:00:00Z').now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('hands out a new Date each time, so a caller cannot move the clock by changing one', () => {
    const clock = fixedClock('2027-01-01T00:00:00Z');
    clock.now().setUTCFullYear(1999);
    expect(clock.now().getUTCFullYear()).toBe(2027);
  });

  it('refuses an instant that is not one', () => {
    expect(() => createTestClock('soon')).toThrow(RangeError);
  });

  it('runs a test process from its start instant at the pace of the base clock', () => {
    const base = createTestClock('2026-01-01T00:00:00Z');
    const clock = startedClock('2027-01-01T00:00:00Z', base);
    base.advance(5_000);
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:05.000Z');
  });

  it('is the system clock unless the configuration names a test instant', () => {
    expect(clockFromConfig({})).toBe(systemClock);
    const now = clockFromConfig({ testNow: new Date('2027-01-01T00:00:00Z') }).now();
    expect(Math.abs(now.getTime() - Date.parse('2027-01-01T00:00:00Z'))).toBeLessThan(5_000);
  });
});
