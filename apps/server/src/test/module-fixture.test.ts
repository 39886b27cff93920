import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAddress } from '@custodian/shared';
import { makeWorld, type World } from '../db/factories.js';
import { defineJob } from '../lib/jobs.js';
import { orgRecordsChanged } from '../lib/record-changes.js';
import { assertCanManage, defineTenancy, isInScope, resolveOrgScope } from '../lib/tenancy.js';
import { MODULES } from '../modules/index.js';
import { moduleTenancy, type AppModule, type ModuleRouteOptions } from '../modules/registry.js';
import { SAMPLES, uploadBody } from './attachments-samples.js';
import { createTestApp, json, loginAs, type TestApp } from './helpers.js';

/*
 * A module-shaped fixture (ADR 0018, "Adding a module" in docs/architecture.md): a tiny
 * "widgets" module that lives only in this file, registered in a test app next to the real
 * modules. It contributes a route, a job, a dashboard card (counted into the dashboard's
 * snapshot when its records change), a tenancy resolver and an
 * attachment owner type, and the app picks each of them up without any central file naming it.
 */

/** The fixture's "table": widget id → organisation (a real module has a schema file and a migration). */
const widgets = new Map<string, string>();
const ticks: Date[] = [];

const widgetRoutes: FastifyPluginAsyncZod<ModuleRouteOptions> = async (app) => {
  app.get(
    '/widgets/count',
    {
      config: { access: { roles: 'any' } },
      schema: { tags: ['widgets'], response: { 200: z.object({ total: z.number().int() }) } },
    },
    async () => ({ total: widgets.size }),
  );
};

const widgetsModule: AppModule = {
  name: 'widgets',
  routes: [widgetRoutes],
  jobs: [
    defineJob({
      name: 'widgets.tick',
      handler: async (_deps, run) => {
        ticks.push(run.now);
      },
    }),
  ],
  tenancy: [
    defineTenancy({
      record: 'widget',
      table: 'widgets',
      find: async (_db, id) => {
        const orgId = widgets.get(id);
        return orgId ? { orgId } : undefined;
      },
      canRead: async (db, actor, row) => isInScope(await resolveOrgScope(db, actor), row.orgId),
      assertCanManage: (db, actor, row) => assertCanManage(db, actor, row.orgId),
    }),
  ],
  attachmentOwners: ['widget'],
  dashboard: {
    cards: async () => [
      {
        id: 'widgets.total',
        group: 'widgets.dashboard.section',
        label: 'widgets.dashboard.total',
        to: listAddress('/widgets', { status: 'active' }),
        icon: 'widget',
      },
    ],
    // Its rows per organisation and day, as the dashboard's snapshot stores them (ADR 0025).
    countSql: async (_db, { orgIds, days }) => {
      const orgs = [...widgets.values()].filter((orgId) => orgIds === 'all' || orgIds.includes(orgId));
      return sql`select 'widgets.total'::text as card, d.day, w.org_id, null::uuid as owner_user_id, count(*)::int as value
        from unnest(${sql.param(orgs)}::uuid[]) w(org_id) cross join unnest(${sql.param([...days])}::date[]) d(day)
        group by d.day, w.org_id`;
    },
  },
};

describe('a module registered only in its own folder', () => {
  let t: TestApp;
  let world: World;
  let unitA: Record<string, string>;
  let unitB: Record<string, string>;
  const widgetOfA = '00000000-0000-4000-8000-00000000000a';

  beforeAll(async () => {
    t = await createTestApp({ modules: [...MODULES, widgetsModule], jobs: true });
    world = await makeWorld(t.db.db);
    // A write path says which organisation's records changed, in its transaction.
    await t.db.db.transaction(async (tx) => {
      widgets.set(widgetOfA, world.orgs.unitA.id);
      await orgRecordsChanged(tx, t.deps, { orgIds: [world.orgs.unitA.id], now: t.deps.clock.now() });
    });
    unitA = await loginAs(t, world.users.unitAdminA.id);
    unitB = await loginAs(t, world.users.unitAdminB.id);
  });
  afterAll(async () => t.close());

  it('mounts its route under /api/v1, behind the access plugin', async () => {
    expect(json(await t.app.inject({ method: 'GET', url: '/api/v1/widgets/count', headers: unitA }))).toEqual({
      total: 1,
    });
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/widgets/count' })).statusCode).toBe(401);
  });

  it('runs its job through the job runner', async () => {
    expect(await t.app.jobs.runNow('widgets.tick')).toMatchObject({ state: 'completed', error: null });
    expect(ticks).toHaveLength(1);
  });

  it('adds its card after the real modules, counted in the caller’s scope', async () => {
    const cardsOf = async (session: Record<string, string>) =>
      json<{ cards: { id: string; value: number; to: string }[] }>(
        await t.app.inject({ method: 'GET', url: '/api/v1/dashboard', headers: session }),
      ).cards;
    expect((await cardsOf(unitA)).at(-1)).toMatchObject({
      id: 'widgets.total',
      value: 1,
      to: '/widgets?status=active',
    });
    expect((await cardsOf(unitB)).at(-1)).toMatchObject({ id: 'widgets.total', value: 0 });
  });

  it('registers its tenancy resolver, which places a widget in its organisation', async () => {
    const record = await moduleTenancy([...MODULES, widgetsModule])
      .get('widget')
      ?.resolve(t.db.db, widgetOfA);
    expect(record?.orgId).toBe(world.orgs.unitA.id);
    expect(moduleTenancy(MODULES).has('widget')).toBe(false);
  });

  it('takes files on its records, with its own tenancy deciding who may read and add them', async () => {
    const upload = (session: Record<string, string>, ownerType = 'widget') => {
      const body = uploadBody({ ownerType, ownerId: widgetOfA, filename: 'spec.pdf', content: SAMPLES.pdf });
      return t.app.inject({
        method: 'POST',
        url: '/api/v1/attachments',
        headers: { ...session, ...body.headers },
        payload: body.payload,
      });
    };
    const created = await upload(unitA);
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({ ownerType: 'widget', ownerId: widgetOfA });
    const list = (session: Record<string, string>) =>
      t.app.inject({
        method: 'GET',
        url: `/api/v1/attachments?ownerType=widget&ownerId=${widgetOfA}`,
        headers: session,
      });
    expect(json<{ total: number }>(await list(unitA)).total).toBe(1);
    // Another unit's widget is missing, not forbidden; a type nobody registered is invalid.
    expect(json<{ error: { code: string } }>(await list(unitB)).error.code).toBe('NOT_FOUND');
    expect(json<{ error: { code: string } }>(await upload(unitB)).error.code).toBe('NOT_FOUND');
    expect(json<{ error: { code: string } }>(await upload(unitA, 'gadget')).error.code).toBe('VALIDATION_FAILED');
  });
});

describe('the app without the fixture', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('knows nothing of widgets', async () => {
    const world = await makeWorld(t.db.db);
    const unitA = await loginAs(t, world.users.unitAdminA.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/widgets/count', headers: unitA })).statusCode).toBe(404);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/attachments?ownerType=widget&ownerId=00000000-0000-4000-8000-00000000000a',
      headers: unitA,
    });
    expect(json<{ error: { code: string } }>(res).error.code).toBe('VALIDATION_FAILED');
  });
});
