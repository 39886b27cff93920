/**
 * The authorization matrix: every route × every role × own vs. another unit's record.
 * Adding a route without an entry here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@custodian/shared';
import { sql } from 'drizzle-orm';
import { apiTokens } from '../db/schema/index.js';
import { queryRows } from '../db/client.js';
import { makeWorld, type World } from '../db/factories.js';
import { makeRegistryWorld } from '../db/registry-factories.js';
import { sha256Hex } from '../lib/crypto.js';
import { createTestApp, loginAs, type TestApp } from './helpers.js';
import { MATRIX, type MatrixContext } from './authorization-matrix.entries.js';

/** Routes that are documentation assets rather than API operations. */
const isDocsAsset = (url: string) => url.startsWith('/api/docs');

const ROLE_USERS: Record<Role, keyof World['users']> = {
  ministry_admin: 'ministryAdmin',
  ministry_owner: 'ministryOwner',
  auditor: 'auditor',
  unit_admin: 'unitAdminA',
  unit_member: 'unitMemberA',
};

function fillParams(url: string): string {
  return url.replace(':token', 'x'.repeat(43)).replace(/:\w+/g, () => randomUUID());
}

describe('authorization matrix', () => {
  let t: TestApp;
  let c: MatrixContext;
  let readToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    const w = await makeWorld(t.db.db);
    const sessions = {} as Record<Role, Record<string, string>>;
    for (const role of ROLES) {
      sessions[role] = await loginAs(t, w.users[ROLE_USERS[role]].id);
    }
    const unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    const registry = await makeRegistryWorld(t.db.db, w);
    c = { t, w, sessions, unitAdminB, registry };
    readToken = `cus_${randomUUID().replaceAll('-', '')}`;
    await t.db.db.insert(apiTokens).values({
      userId: w.users.ministryAdmin.id,
      name: 'matrix read-only',
      tokenHash: sha256Hex(readToken),
      prefix: readToken.slice(0, 8),
      scopes: ['read'],
      expiresAt: new Date(Date.now() + 86_400_000),
    });
  });
  afterAll(async () => t.close());

  const countAuditEvents = async () => {
    const [row] = await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from audit_events`);
    return row?.n ?? 0;
  };
  const apiRoutes = () => t.app.routeRegistry.filter((r) => r.url.startsWith('/api') && !isDocsAsset(r.url));
  const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

  it('has an entry for every route, matching the route’s declared access rule', () => {
    const routes = apiRoutes();
    expect(routes.length).toBeGreaterThan(5);
    const missing = routes.filter((r) => !MATRIX[key(r)]).map(key);
    expect(missing, 'routes without a matrix entry').toEqual([]);
    const stale = Object.keys(MATRIX).filter((k) => !routes.some((r) => key(r) === k));
    expect(stale, 'matrix entries without a route').toEqual([]);
    for (const route of routes) {
      const entry = MATRIX[key(route)];
      const access = route.access;
      if (!entry) {
        continue;
      }
      if (entry.roles === 'public') {
        expect(access && 'public' in access, key(route)).toBe(true);
      } else {
        expect(access && 'roles' in access ? access.roles : undefined, key(route)).toEqual(
          entry.roles === 'any' ? 'any' : expect.arrayContaining([...entry.roles]),
        );
        if (access && 'roles' in access && access.roles !== 'any' && entry.roles !== 'any') {
          expect(access.roles.length, key(route)).toBe(entry.roles.length);
        }
      }
    }
  });

  it('refuses anonymous callers on every non-public route', async () => {
    for (const route of apiRoutes()) {
      const entry = MATRIX[key(route)];
      if (!entry || entry.roles === 'public') {
        continue;
      }
      const res = await t.app.inject({ method: route.method as 'GET', url: fillParams(route.url) });
      expect(res.statusCode, key(route)).toBe(401);
    }
  });

  it('refuses every role that a route does not allow', async () => {
    for (const route of apiRoutes()) {
      const entry = MATRIX[key(route)];
      if (!entry || entry.roles === 'public' || entry.roles === 'any') {
        continue;
      }
      for (const role of ROLES.filter((r) => !(entry.roles as readonly Role[]).includes(r))) {
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: fillParams(route.url),
          headers: c.sessions[role],
          payload: {},
        });
        expect(res.statusCode, `${key(route)} as ${role}`).toBe(403);
      }
    }
  });

  it('lets every allowed role through on its own records', async () => {
    for (const route of apiRoutes()) {
      const entry = MATRIX[key(route)];
      if (!entry?.own) {
        continue;
      }
      const roles = entry.roles === 'any' ? ROLES : entry.roles === 'public' ? [] : entry.roles;
      for (const role of roles) {
        const req = await entry.own(c, role);
        const eventsBefore = await countAuditEvents();
        const res = await t.app.inject({
          method: route.method as 'GET',
          url: req.url,
          headers: { ...c.sessions[role], ...req.headers },
          ...(req.payload !== undefined ? { payload: req.payload } : {}),
        });
        expect(res.statusCode, `${key(route)} as ${role}: ${res.body}`).toBeLessThan(300);
        if (route.method !== 'GET') {
          // Every mutation writes its audit event (items 三十一, 三十七).
          expect(await countAuditEvents(), `${key(route)} as ${role} wrote no audit event`).toBeGreaterThan(
            eventsBefore,
          );
        }
      }
    }
  });

  it('gives a unit_admin of unit A 404 or 403 on every record of unit B', async () => {
    let checked = 0;
    for (const route of apiRoutes()) {
      const entry = MATRIX[key(route)];
      if (!entry?.other) {
        continue;
      }
      const probe = await entry.other(c);
      const res = await t.app.inject({
        method: route.method as 'GET',
        url: probe.url,
        headers: { ...c.sessions.unit_admin, ...probe.headers },
        ...(probe.payload !== undefined ? { payload: probe.payload } : {}),
      });
      if (probe.check) {
        probe.check(res, `${key(route)} (unit B)`);
      } else {
        expect([403, 404], `${key(route)} on unit B: ${res.body}`).toContain(res.statusCode);
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it('refuses writes with a read-only API token', async () => {
    for (const route of apiRoutes()) {
      const entry = MATRIX[key(route)];
      if (!entry || entry.roles === 'public' || route.method === 'GET') {
        continue;
      }
      const res = await t.app.inject({
        method: route.method as 'POST',
        url: fillParams(route.url),
        headers: { authorization: `Bearer ${readToken}` },
        payload: {},
      });
      expect(res.statusCode, key(route)).toBe(403);
    }
  });
});
