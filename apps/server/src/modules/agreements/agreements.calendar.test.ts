import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  SUGGESTED_OBLIGATION_RULES,
  type AgreementStaff,
  type Commitment,
  type ObligationDetail,
} from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeContract } from '../../db/registry-factories.js';
import { createTestClock } from '../../lib/clock.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { sendObligationNotifications } from '../obligations/obligations.notify.js';
import { recompute } from '../obligations/obligations.service.js';
import { AGREEMENT_OBLIGATION_RULES } from './agreements.obligations.js';
import { COMMITMENT_TEXT_VERSION } from './agreements.rules.js';

type Page = { items: ObligationDetail[] };

describe('confidentiality commitments in the compliance calendar (item 六)', () => {
  let t: TestApp;
  let w: World;

  beforeAll(async () => {
    t = await createTestApp({ clock: createTestClock('2026-11-24T02:00:00Z') });
    w = await makeWorld(t.db.db);
  });
  afterAll(async () => t.close());

  it('is part of the suggested rules a ministry_admin publishes, reaching the signer and the unit’s administrators', () => {
    for (const rule of AGREEMENT_OBLIGATION_RULES) {
      expect(SUGGESTED_OBLIGATION_RULES).toContainEqual(rule);
    }
    expect(SUGGESTED_OBLIGATION_RULES.find((r) => r.id === 'agreements.commitmentExpiry')).toMatchObject({
      item: '六',
      reminderDays: [60, 30, 7, 0],
      responsible: 'record_owner_and_unit_admin',
    });
  });

  it('puts a confirmed commitment’s last day on the signer’s calendar, with the policy’s reminders', async () => {
    const admin = await loginAs(t, w.users.ministryAdmin.id);
    const unitAdmin = await loginAs(t, w.users.unitAdminA.id);
    const member = await loginAs(t, w.users.unitMemberA.id);
    const current = json<{ rules: Record<string, unknown> }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/policy/current', headers: admin }),
    );
    const published = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policy/versions',
      headers: admin,
      payload: {
        effectiveFrom: '2026-11-24',
        notes: '保密承諾書到期',
        rules: {
          ...current.rules,
          obligations: SUGGESTED_OBLIGATION_RULES,
          agreements: { termYears: 3, reminderDays: { first: 60, second: 30, third: 7 } },
        },
      },
    });
    expect(published.statusCode, published.body).toBe(201);

    const contract = await makeContract(t.db.db, { unitId: w.orgs.unitA.id, divisionId: w.orgs.division.id });
    const agreement = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/agreements',
        headers: unitAdmin,
        payload: { contractId: contract.id, partyAName: '教育部', purpose: '維護', signedOn: '2026-11-24' },
      }),
    );
    const staff = json<AgreementStaff>(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/agreements/${agreement.id}/staff`,
        headers: unitAdmin,
        payload: { name: '王小明', title: '工程師', work: '維護', userId: w.users.unitMemberA.id },
      }),
    );
    const commitment = json<Commitment>(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/agreements/${agreement.id}/commitments`,
        headers: unitAdmin,
        payload: { staffId: staff.id, address: '臺北市', nationalId: 'A123456789' },
      }),
    );
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agreement-commitments/${commitment.id}/confirm`,
      headers: member,
      payload: { accepted: [true, true, true, true, true, true], textVersion: COMMITMENT_TEXT_VERSION },
    });
    expect(json<Commitment>(confirmed).expiresOn).toBe('2029-11-23');

    await recompute(t.deps, t.deps.clock.now());
    const items = json<Page>(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/obligations?ruleId=agreements.commitmentExpiry&pageSize=100',
        headers: unitAdmin,
      }),
    ).items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      dueOn: '2029-11-23',
      responsibleUserId: w.users.unitMemberA.id,
      orgId: w.orgs.unitA.id,
      link: `/agreements/${agreement.id}?tab=commitments`,
    });
    const detail = json<ObligationDetail & { reminderDays?: number[] }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/obligations/${items[0]?.id}`, headers: unitAdmin }),
    );
    expect(JSON.stringify(detail)).toContain('六');

    // Sixty days before the last day, the signer and the unit's administrators are reminded.
    const reminded = async () =>
      (
        await queryRows<{ userId: string }>(
          t.db.db,
          sql`SELECT user_id AS "userId" FROM notifications
              WHERE dedupe_key LIKE ${`obligation:${items[0]?.id}:%`} ORDER BY user_id`,
        )
      ).map((r) => r.userId);
    expect(await reminded()).toEqual([]);
    const sixtyBefore = new Date('2029-09-24T01:00:00Z');
    await recompute(t.deps, sixtyBefore);
    await sendObligationNotifications(t.deps, sixtyBefore);
    expect(await reminded()).toEqual([w.users.unitAdminA.id, w.users.unitMemberA.id].sort());
  });
});
