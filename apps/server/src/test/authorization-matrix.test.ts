/**
 * The authorization matrix: every route × every role × the caller's own records and unit B's.
 * Unit B lies outside the scope of every test user but the Ministry's admin (the unit roles
 * belong to unit A, the auditor is assigned to it and the ministry_owner supervises it), so
 * unit B's records must answer 404 NOT_FOUND, or be absent from lists, counts and exports,
 * while the Ministry's admin reaches the very same records. Refusals are checked by their
 * exact error code. Adding a route without an entry fails the first test. Who may call a
 * route comes from its named permission (packages/shared/src/permissions.ts), never a copy.
 * `npm run test:matrix-mutants` checks that this file catches deliberate tenancy breakages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { queryRows } from '../db/client.js';
import { createTestApp, type TestApp } from './helpers.js';
import { MATRIX } from './matrix/index.js';
import type { MatrixContext, MatrixEntry, MatrixRequest } from './matrix/common.js';
import { allowedRoles, casesOf, fillParams, type MatrixCase } from './matrix/cases.js';
import { makeMatrixContext } from './matrix/world.js';

/** Routes that are documentation assets rather than API operations. */
const isDocsAsset = (url: string) => url.startsWith('/api/docs');
const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

function entryOf(route: string): MatrixEntry {
  const entry = MATRIX[route];
  if (!entry) {
    throw new Error(`no matrix entry for ${route}`);
  }
  return entry;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let c: MatrixContext;
  let readToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    ({ c, readToken } = await makeMatrixContext(t));
  });
  afterAll(async () => t.close());

  const countAuditEvents = async () => {
    const [row] = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from audit_events`);
    return row?.n ?? 0;
  };
  const send = (method: string, req: MatrixRequest, headers: Record<string, string>) =>
    t.app.inject({
      method: method as 'GET',
      url: req.url,
      headers: { ...headers, ...req.headers },
      ...(req.payload !== undefined ? { payload: req.payload } : {}),
    });
  const errorCode = (res: LightMyRequestResponse) => {
    try {
      return (JSON.parse(res.body) as { error?: { code?: string } }).error?.code;
    } catch {
      return undefined;
    }
  };

  it('has an entry for every route, matching the route’s declared access rule', () => {
    const routes = t.app.routeRegistry.filter((r) => r.url.startsWith('/api') && !isDocsAsset(r.url));
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes.filter((r) => !MATRIX[key(r)]).map(key);
    expect(missing, 'routes without a matrix entry').toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !routes.some((r) => key(r) === k));
    expect(stale, 'matrix entries without a route').toEqual([]);
    for (const route of routes) {
      const entry = entryOf(key(route));
      const access = route.access;
      if (entry.roles === 'public') {
        expect(access && 'public' in access, key(route)).toBe(true);
      } else if (entry.roles === 'any') {
        expect(access && !('public' in access) ? access.roles : undefined, key(route)).toBe('any');
      } else {
        // The route's permission; the probes below then check that exactly its holders
        // (rolesWith) get in and every other role is refused.
        expect(access && !('public' in access) ? access.permission : access, key(route)).toBe(entry.permission);
      }
    }
  });

  it('has an own and an other probe for every route, or a reason for lacking one', () => {
    for (const [route, entry] of Object.entries(MATRIX)) {
      expect(entry.own ?? entry.ownReason?.trim(), `${route}: own probe or ownReason`).toBeTruthy();
      expect(entry.other ?? entry.otherReason?.trim(), `${route}: other probe or otherReason`).toBeTruthy();
    }
  });

  async function runRefused(mc: MatrixCase, probe: Extract<MatrixCase['probe'], { kind: 'refused' }>) {
    const entry = entryOf(`${mc.method} ${mc.url}`);
    const req = { url: fillParams(mc.url), payload: {} };
    let headers: Record<string, string> = {};
    if (probe.caller === 'read-token') {
      headers = { authorization: `Bearer ${readToken}` };
    } else if (probe.caller === 'no-csrf') {
      const { 'x-csrf-token': _csrf, ...cookie } = c.sessions[allowedRoles(entry)[0] ?? 'ministry_admin'];
      headers = cookie;
    } else if (probe.caller !== 'anonymous') {
      headers = c.sessions[probe.caller];
    }
    const res = await send(mc.method, req, headers);
    expect({ status: res.statusCode, code: errorCode(res) }, res.body).toEqual({
      status: probe.status,
      code: probe.code,
    });
  }

  async function runOwn(mc: MatrixCase, probe: Extract<MatrixCase['probe'], { kind: 'own' }>) {
    const entry = entryOf(`${mc.method} ${mc.url}`);
    if (!entry.own) {
      throw new Error('no own probe');
    }
    const req = await entry.own(c, probe.role ?? 'ministry_admin');
    const eventsBefore = await countAuditEvents();
    const res = await send(mc.method, req, probe.role ? c.sessions[probe.role] : {});
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
    expect(res.statusCode, res.body).toBeLessThan(300);
    if (mc.method !== 'GET' && probe.role) {
      // Every mutation writes its audit event (items 三十一, 三十七).
      expect(await countAuditEvents(), 'no audit event written').toBeGreaterThan(eventsBefore);
    }
  }

  async function runOther(mc: MatrixCase, probe: Extract<MatrixCase['probe'], { kind: 'other' }>) {
    const entry = entryOf(`${mc.method} ${mc.url}`);
    if (!entry.other) {
      throw new Error('no other probe');
    }
    const req = await entry.other(c, probe.role);
    const eventsBefore = await countAuditEvents();
    const res = await send(mc.method, req, c.sessions[probe.role]);
    if (req.showsB) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, res.body).toBeLessThan(300);
      expect(await req.showsB(res), probe.reachesB ? 'unit B missing' : 'unit B shows through').toBe(probe.reachesB);
    } else if (probe.reachesB) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(200);
      expect(res.statusCode, res.body).toBeLessThan(300);
    } else {
      expect({ status: res.statusCode, code: errorCode(res) }, res.body).toEqual({ status: 404, code: 'NOT_FOUND' });
      // A refused write leaves nothing behind, not even an audit event.
      expect(await countAuditEvents(), 'refused write was audited').toBe(eventsBefore);
    }
  }

  // Public routes without an own probe have no line to run.
  const probed = Object.keys(MATRIX).filter((route) => casesOf(route, entryOf(route)).length > 0);
  describe.each(probed)('%s', (route) => {
    // '%s' prints the whole name ('$name' would be cut at 40 characters).
    it.each(casesOf(route, entryOf(route)).map((mc) => [mc.name, mc] as const))('%s', async (_name, mc) => {
      const probe = mc.probe;
      switch (probe.kind) {
        case 'refused':
          return runRefused(mc, probe);
        case 'own':
          return runOwn(mc, probe);
        case 'other':
          return runOther(mc, probe);
      }
    });
  });
});
