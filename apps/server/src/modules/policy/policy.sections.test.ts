import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES, readRuleValue } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import type * as Registry from '../../../../../packages/shared/src/policy-sections/index.js';

/*
 * A module that registers a section after version 1 was published: the registry gets a
 * `pentests` section (a duration, a recurrence, a table by severity), as a new module's file in
 * packages/shared/src/policy-sections would add it. Version 1, already stored, lacks it.
 */
vi.mock('../../../../../packages/shared/src/policy-sections/index.js', async (importOriginal) => {
  const original = await importOriginal<typeof Registry>();
  const { definePolicySection, durationRule, recurrenceRule, tableRule } =
    await import('../../../../../packages/shared/src/policy-descriptors.js');
  const { policyRulesSchemaOf } = await import('../../../../../packages/shared/src/policy-registry.js');
  const scans = definePolicySection({
    key: 'pentests',
    module: 'pentests',
    titleKey: 'scans.policyRules.title',
    description: 'Penetration tests (item 四十二)',
    fields: {
      reportWithin: durationRule({
        min: 'P1D',
        max: 'P1Y',
        labelKey: 'scans.policyRules.reportWithin',
        item: '四十二',
        description: 'Report a scan within this period',
      }),
      every: recurrenceRule({
        frequencies: ['MONTHLY', 'YEARLY'],
        labelKey: 'scans.policyRules.every',
        item: '四十二',
        description: 'Scan this often',
      }),
      daysToFix: tableRule({
        keys: ['critical', 'high'],
        keyLabelKey: 'scans.severities',
        cell: { kind: 'duration', min: 'P1D', max: 'P180D' },
        labelKey: 'scans.policyRules.daysToFix',
        item: '四十二',
        description: 'Fix a finding within this period, by severity',
      }),
    },
  });
  const sections = [...original.POLICY_SECTIONS, scans] as const;
  return {
    ...original,
    POLICY_SECTIONS: sections,
    PolicyRulesSchema: policyRulesSchemaOf(sections).describe('Rule set of one policy version'),
    StoredPolicyRulesSchema: policyRulesSchemaOf(sections, 'stored').describe('Rule set of one policy version'),
  };
});

type Version = { id: string; version: number; rules: Record<string, unknown> };
type ErrorBody = { error: { code: string; fields?: { path: string }[] } };

const SCANS = {
  reportWithin: 'P30D',
  every: 'FREQ=MONTHLY;INTERVAL=6',
  daysToFix: { critical: 'P15D', high: 'P30D' },
};

describe('a policy section added after version 1', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  const today = taipeiToday(new Date());

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  const publish = (rules: unknown, notes: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/policy/versions',
      headers: admin,
      payload: { effectiveFrom: today, rules, notes },
    });
  const changesOf = async (version: number) => {
    const [event] = await queryRows<{ summary: { changes: Record<string, unknown> } }>(
      t.db.db,
      sql`select summary from audit_events where action = 'policy.publish' and (summary ->> 'version')::int = ${version}`,
    );
    return event?.summary.changes;
  };

  it('is absent from version 1: parsed without it, shown without it, nothing invented', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/policy/current',
      headers: await loginAs(t, w.users.unitMemberA.id),
    });
    expect(res.statusCode, res.body).toBe(200);
    const current = json<Version>(res);
    expect(current.version).toBe(1);
    expect(Object.keys(current.rules).sort()).toEqual(Object.keys(INITIAL_POLICY_RULES).sort());
    expect(current.rules).toEqual(INITIAL_POLICY_RULES);
    const v1 = await policyInForce(t.db.db, today);
    expect(readRuleValue(v1.rules, 'pentests')).toBeUndefined();
  });

  it('refuses a section with a table left half filled, naming the missing cell', async () => {
    const res = await publish(
      { ...INITIAL_POLICY_RULES, pentests: { ...SCANS, daysToFix: { critical: 'P15D' } } },
      '掃描規則（缺漏）',
    );
    expect(res.statusCode).toBe(400);
    expect(json<ErrorBody>(res).error.fields?.map((f) => f.path)).toEqual(['rules.pentests.daysToFix.high']);
    const bad = await publish({ ...INITIAL_POLICY_RULES, pentests: { every: 'FREQ=HOURLY' } }, '掃描規則（錯誤）');
    expect(json<ErrorBody>(bad).error.fields?.map((f) => f.path)).toEqual(['rules.pentests.every']);
  });

  it('comes into force with the version that holds it, and the audit trail says so', async () => {
    const res = await publish({ ...INITIAL_POLICY_RULES, pentests: SCANS }, '新增弱點掃描規則');
    expect(res.statusCode, res.body).toBe(201);
    const v2 = json<Version>(res);
    expect(v2.rules.pentests).toEqual(SCANS);
    expect((await policyInForce(t.db.db, today)).rules).toMatchObject({ pentests: SCANS });
    expect(await changesOf(2)).toEqual({
      sectionsAdded: ['pentests'],
      sectionsRemoved: [],
      clausesAdded: [],
      clausesRemoved: [],
      clausesChanged: [],
      valuesChanged: [
        { path: 'pentests.reportWithin', from: null, to: 'P30D' },
        { path: 'pentests.every', from: null, to: 'FREQ=MONTHLY;INTERVAL=6' },
        { path: 'pentests.daysToFix.critical', from: null, to: 'P15D' },
        { path: 'pentests.daysToFix.high', from: null, to: 'P30D' },
      ],
    });
  });

  it('can be left out again, and version 1 still lacks it', async () => {
    const res = await publish(INITIAL_POLICY_RULES, '暫停弱點掃描規則');
    expect(res.statusCode, res.body).toBe(201);
    expect(json<Version>(res).rules).not.toHaveProperty('pentests');
    expect((await changesOf(3))?.sectionsRemoved).toEqual(['pentests']);
    const [first] = await queryRows<{ id: string }>(t.db.db, sql`select id from policy_versions where version = 1`);
    const v1 = await t.app.inject({ method: 'GET', url: `/api/v1/policy/versions/${first?.id}`, headers: admin });
    expect(json<Version>(v1).rules).not.toHaveProperty('pentests');
  });
});
