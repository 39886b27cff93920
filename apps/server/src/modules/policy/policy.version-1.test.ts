import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES } from '@custodian/shared';
import storedVersion1 from '../../../../../packages/shared/src/policy-sections/fixtures/version-1.json' with { type: 'json' };
import { makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { policyVersions } from '../../db/schema/index.js';
import { policyInForce } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

/*
 * Version 1 keeps its meaning under policy sections. The fixture is version 1's rules as the
 * code before sections wrote them into every database (JSON.stringify of the old
 * INITIAL_POLICY_RULES); versions are immutable, so that stored JSON must read back with the
 * same values, nothing added and nothing dropped.
 */
describe('version 1 as stored before policy sections', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
  });
  afterAll(async () => t.close());

  it('is what a new database still stores', async () => {
    const [row] = await t.db.db.select().from(policyVersions).where(eq(policyVersions.version, 1));
    expect(row?.rules).toEqual(storedVersion1);
    expect(INITIAL_POLICY_RULES).toEqual(storedVersion1);
  });

  it('reads back with the same values from a database written by the earlier code', async () => {
    // What a database running before this change holds, byte for byte.
    await t.db.db
      .update(policyVersions)
      .set({ rules: sql`${JSON.stringify(storedVersion1)}::jsonb` })
      .where(eq(policyVersions.version, 1));
    const v1 = await policyInForce(t.db.db, '2020-01-01');
    expect(v1.version).toBe(1);
    expect(v1.rules).toEqual(storedVersion1);
    expect(v1.rules.contractClauses.map((c) => c.code)).toEqual([
      'item12_1',
      'item12_2',
      'item12_3',
      'item12_4',
      'item12_5',
      'item7_bcm',
      'item7_sla',
      'item7_rto_rpo',
      'item9_testing',
      'item9_personal_data',
      'item13_exit',
      'item13_retention',
      'item42_scanning',
    ]);
    expect(v1.rules.contractClauses.filter((c) => c.allowNotApplicable).map((c) => c.code)).toEqual([
      'item9_personal_data',
    ]);
    expect(v1.rules.allocations.maxYears).toBe(3);
    expect(v1.rules.contacts.reconfirmIntervalMonths).toBe(12);
    expect(v1.rules.vendorQualifications.expiryWarningDays).toBe(60);

    // The stored numbers lists filter on are still read from the same keys.
    const [columns] = await queryRows<{ years: number; months: number; days: number }>(
      t.db.db,
      sql`select allocation_max_years as years, contacts_interval_months as months, qualification_warning_days as days
          from policy_versions where version = 1`,
    );
    expect(columns).toEqual({ years: 3, months: 12, days: 60 });

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/policy/versions/${v1.id}`,
      headers: await loginAs(t, w.users.unitMemberA.id),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<{ rules: unknown }>(res).rules).toEqual(storedVersion1);
  });
});
