import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, json, type TestApp } from '../../test/helpers.js';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('reports the database driver', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(json(res)).toMatchObject({ status: 'ok', version: '0.1.0' });
  });

  it('refuses anonymous access to organisations', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/organisations' });
    expect(res.statusCode).toBe(401);
    expect(json(res)).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
  });
});
