import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../test/helpers.js';
import { createTestClock } from './clock.js';

describe('the clock in a request', () => {
  const clock = createTestClock('2027-01-01T00:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({
      clock,
      beforeReady: (app) => {
        // The time moves while the handler runs; the request keeps the instant it arrived at.
        app.get('/test/now', { config: { access: { public: true } } }, async (request) => {
          const first = request.ctx().now;
          clock.advance(60_000);
          return { first, second: request.ctx().now, clock: clock.now() };
        });
      },
    });
  });
  afterAll(async () => t.close());

  it('reads now once per request, from the app clock', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/test/now' });
    expect(json(res)).toEqual({
      first: '2027-01-01T00:00:00.000Z',
      second: '2027-01-01T00:00:00.000Z',
      clock: '2027-01-01T00:01:00.000Z',
    });
    const next = await t.app.inject({ method: 'GET', url: '/test/now' });
    expect(json(next)).toMatchObject({ first: '2027-01-01T00:01:00.000Z' });
  });
});
