import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ROLES } from '@custodian/shared';
import { organisations, userScopes, users } from '../../db/schema/index.js';
import { systemContext } from '../../lib/context.js';
import { login } from '../auth/login.service.js';
import { verifyAuditChain } from '../audit/audit.verify.js';
import { createTestApp, type TestApp } from '../../test/helpers.js';
import { DEMO_ORGS, DEMO_USERS } from './seed.data.js';
import { seedDemo, type DemoSeedResult } from './seed.service.js';

describe('demo seed', () => {
  let t: TestApp;
  let result: DemoSeedResult;

  beforeAll(async () => {
    t = await createTestApp();
    result = await seedDemo(t.deps);
  });
  afterAll(async () => t.close());

  it('creates the Ministry, divisions, three units with vendors, and every role', async () => {
    const orgs = await t.deps.db.select().from(organisations);
    const kinds = orgs.map((o) => o.kind).sort();
    expect(kinds.filter((k) => k === 'ministry')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'division')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'unit')).toHaveLength(3);
    expect(kinds.filter((k) => k === 'vendor').length).toBeGreaterThanOrEqual(2);
    for (const vendor of orgs.filter((o) => o.kind === 'vendor')) {
      expect(orgs.find((o) => o.id === vendor.parentId)?.kind).toBe('unit');
    }
    const roles = new Set((await t.deps.db.select().from(users)).map((u) => u.role));
    expect([...roles].sort()).toEqual([...ROLES].sort());
    expect(result.accounts).toHaveLength(DEMO_USERS.length);
    expect(result.organisations).toBe(DEMO_ORGS.length);
    expect(result.password.length).toBeGreaterThanOrEqual(12);
  });

  it('gives owners and the auditor their scopes', async () => {
    const [auditor] = await t.deps.db.select().from(users).where(eq(users.role, 'auditor'));
    const scopes = await t.deps.db
      .select({ code: organisations.code })
      .from(userScopes)
      .innerJoin(organisations, eq(organisations.id, userScopes.orgId))
      .where(eq(userScopes.userId, auditor?.id ?? ''));
    expect(scopes.map((s) => s.code)).toEqual(['NTNU']);
  });

  it('records its audit events on a valid chain', async () => {
    expect(await verifyAuditChain(t.deps, systemContext('test'))).toMatchObject({
      ok: true,
      checked: DEMO_ORGS.length + DEMO_USERS.length + 1,
    });
  });

  it('lets a demo account sign in with the printed password', async () => {
    const ctx = { ...systemContext('test'), actor: null };
    const signedIn = await login(t.deps, ctx, { email: 'yichun.huang@ntnu.example', password: result.password });
    expect(signedIn.info).toMatchObject({ stage: 'active', user: { email: 'yichun.huang@ntnu.example' } });
  });

  it('refuses to run on a database that has data', async () => {
    await expect(seedDemo(t.deps)).rejects.toMatchObject({ code: 'DATABASE_NOT_EMPTY' });
    expect(await t.deps.db.select().from(users)).toHaveLength(DEMO_USERS.length);
  });
});
