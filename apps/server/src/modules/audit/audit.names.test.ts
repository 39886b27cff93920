import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditActionCatalog, AuditEvent } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { makeContract, makeSystem } from '../../db/registry-factories.js';
import { systemContext } from '../../lib/context.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { MODULES } from '../index.js';
import type { AppModule } from '../registry.js';
import type { AuditRegistration } from './audit.labels.js';
import { recordAudit } from './audit.service.js';

type Page = { items: AuditEvent[]; total: number };

/** The app's modules, with the systems module's name look-up counting its calls. */
const lookups: string[][] = [];
const modules: AppModule[] = MODULES.map((mod) => {
  const system = mod.audit?.targets?.system;
  if (!mod.audit || !system?.names) {
    return mod;
  }
  const names = system.names;
  const audit: AuditRegistration = {
    ...mod.audit,
    targets: {
      ...mod.audit.targets,
      system: {
        ...system,
        names: (db, ids) => {
          lookups.push([...ids]);
          return names(db, ids);
        },
      },
    },
  };
  return { ...mod, audit };
});

describe('audit log: labels, target names and the action filter (ADR 0018)', () => {
  let t: TestApp;
  let world: World;
  let admin: Record<string, string>;
  let systemIds: string[];
  let contractId = '';
  const goneId = randomUUID();

  beforeAll(async () => {
    t = await createTestApp({ modules });
    world = await makeWorld(t.deps.db);
    admin = await loginAs(t, world.users.ministryAdmin.id);
    const orgId = world.orgs.unitA.id;
    const systems = await Promise.all(
      ['校務行政系統', '招生報名網站', '圖書館系統'].map((name) => makeSystem(t.deps.db, { orgId, name })),
    );
    systemIds = systems.map((s) => s.id);
    const contract = await makeContract(t.deps.db, {
      unitId: orgId,
      divisionId: world.orgs.division.id,
      name: '校務系統維運案',
    });
    contractId = contract.id;
    const ctx = systemContext('test', new Date('2026-11-30T02:00:00Z'));
    const events = [
      ...systemIds.map((id) => ({ action: 'system.create', targetType: 'system', targetId: id })),
      { action: 'system.update', targetType: 'system', targetId: systemIds[0] },
      { action: 'system.update', targetType: 'system', targetId: goneId },
      { action: 'contract.update', targetType: 'contract', targetId: contractId },
      { action: 'auth.login', targetType: 'session', targetId: randomUUID() },
      { action: 'legacy.unknown_action', targetType: 'gadget', targetId: randomUUID() },
    ];
    for (const event of events) {
      await t.deps.db.transaction((tx) => recordAudit(tx, t.deps, ctx, { ...event, orgId }));
    }
  });
  afterAll(async () => t.close());

  const page = async (query = '') => {
    lookups.length = 0;
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit-events${query}`, headers: admin });
    expect(res.statusCode).toBe(200);
    return json<Page>(res);
  };

  it('labels each action and names each target, linked to its page', async () => {
    const { items } = await page();
    const created = items.filter((e) => e.action === 'system.create');
    expect(created).toHaveLength(3);
    expect(created[0]).toMatchObject({
      actionLabel: { 'zh-TW': '新增系統', en: 'System created' },
      target: { typeLabel: { 'zh-TW': '系統', en: 'System' }, deleted: false },
    });
    expect(created.map((e) => [e.target.name, e.target.link])).toEqual(
      ['圖書館系統', '招生報名網站', '校務行政系統'].map((name, i) => [name, `/systems/${systemIds[2 - i]}`]),
    );
    const contract = items.find((e) => e.action === 'contract.update');
    expect(contract?.target).toMatchObject({ name: '校務系統維運案', link: `/contracts/${contractId}` });
  });

  it('looks the names up once per kind of record on the page, not once per row', async () => {
    await page();
    // Five system events on the page, four distinct systems: one look-up.
    expect(lookups).toHaveLength(1);
    expect(new Set(lookups[0])).toEqual(new Set([...systemIds, goneId]));
  });

  it('marks a target that no longer exists as deleted, and leaves kinds without names alone', async () => {
    const { items } = await page();
    const gone = items.find((e) => e.targetId === goneId);
    expect(gone?.target).toEqual({
      typeLabel: { 'zh-TW': '系統', en: 'System' },
      name: null,
      nameEn: null,
      link: null,
      deleted: true,
    });
    const login = items.find((e) => e.action === 'auth.login');
    expect(login).toMatchObject({
      actionLabel: { 'zh-TW': '登入', en: 'Signed in' },
      target: { typeLabel: { 'zh-TW': '登入工作階段', en: 'Session' }, name: null, link: null, deleted: false },
    });
    // An old code no module registers keeps its raw code and no labels.
    const unknown = items.find((e) => e.action === 'legacy.unknown_action');
    expect(unknown).toMatchObject({ actionLabel: null, target: { typeLabel: null, name: null, deleted: false } });
  });

  it('filters by a list of actions', async () => {
    const both = await page('?actions=system.update,contract.update');
    expect(both.items.map((e) => e.action).sort()).toEqual(['contract.update', 'system.update', 'system.update']);
    const one = await page('?actions=system.create&pageSize=2');
    expect(one.total).toBe(3);
    expect(one.items.every((e) => e.action === 'system.create')).toBe(true);
    const bad = await t.app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?actions=${encodeURIComponent("system.create' or 1=1")}`,
      headers: { ...admin, 'accept-language': 'zh-TW' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('finds events by the label of their action in either language', async () => {
    const zh = await page(`?q=${encodeURIComponent('新增系統')}`);
    expect(zh.total).toBe(3);
    const en = await page(`?q=${encodeURIComponent('contract updated')}`);
    expect(en.items.map((e) => e.action)).toEqual(['contract.update']);
  });

  it('lists every registered action with its labels for the filter', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: admin });
    expect(res.statusCode).toBe(200);
    const { items } = json<AuditActionCatalog>(res);
    expect(items).toContainEqual({
      code: 'system.create',
      label: { 'zh-TW': '新增系統', en: 'System created' },
      module: 'systems',
    });
    expect(new Set(items.map((a) => a.code)).size).toBe(items.length);
    const member = await loginAs(t, world.users.unitMemberA.id);
    const denied = await t.app.inject({ method: 'GET', url: '/api/v1/audit/actions', headers: member });
    expect(denied.statusCode).toBe(403);
  });

  it('exports the translated action and the target name beside the codes', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/export.csv?actions=system.update',
      headers: { ...admin, 'accept-language': 'en' },
    });
    expect(res.statusCode).toBe(200);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n').filter(Boolean);
    expect(lines.slice(1).map((l) => l.split(',').slice(6, 12))).toEqual([
      ['System updated', 'system.update', 'System', '(deleted)', 'system', goneId],
      ['System updated', 'system.update', 'System', '校務行政系統', 'system', systemIds[0]],
    ]);
  });
});
