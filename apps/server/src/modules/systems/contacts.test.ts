import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { addMonths } from 'date-fns/addMonths';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { subDays } from 'date-fns/subDays';
import { subMonths } from 'date-fns/subMonths';
import { CONTACT_KINDS, INITIAL_POLICY_RULES } from '@custodian/shared';
import { makeOrganisation, makeWorld, type World } from '../../db/factories.js';
import { makeContact, makeSystem } from '../../db/registry-factories.js';
import { auditEvents, policyVersions, systems } from '../../db/schema/index.js';
import { taipeiToday } from '../../lib/policy.js';
import { contactsOverdueSql } from './systems.sql.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type Contacts = {
  contacts: { kind: string; name: string; phone: string; email: string; updatedByName: string | null }[];
  missingKinds: string[];
  confirmedAt: string | null;
  confirmedByName: string | null;
  dueOn: string | null;
  isOverdue: boolean;
  intervalMonths: number;
};
type ListItem = {
  id: string;
  contactsDueOn: string | null;
  isContactsOverdue: boolean;
  contactsConfirmedAt: string | null;
};
type ErrorBody = { error: { code: string; fields?: { path: string }[] } };

const iso = (d: Date) => formatISO(d, { representation: 'date' });

describe('system contacts (item 十)', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let auditor: Record<string, string>;
  let owner: Record<string, string>;

  const call = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });

  const completeSystem = async (orgId: string, name?: string) => {
    const system = await makeSystem(t.db.db, { orgId, status: 'online', ...(name ? { name } : {}) });
    for (const kind of CONTACT_KINDS) {
      await makeContact(t.db.db, { systemId: system.id, kind });
    }
    return system;
  };

  /** Sets the last confirmation to 10:00 Taipei time on a day. */
  const confirmedOn = async (systemId: string, day: string) => {
    await t.db.db.execute(
      sql`update systems set contacts_confirmed_at = ${`${day}T10:00:00+08:00`}::timestamptz where id = ${systemId}`,
    );
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    auditor = await loginAs(t, w.users.auditor.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
  });
  afterAll(async () => t.close());

  it('records the three contacts with validation, and audits without phone numbers', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id });
    const empty = json<Contacts>(await call('GET', `/systems/${system.id}/contacts`, unitAdminA));
    expect(empty).toMatchObject({ contacts: [], missingKinds: [...CONTACT_KINDS], confirmedAt: null, isOverdue: true });
    expect(empty.intervalMonths).toBe(INITIAL_POLICY_RULES.contacts.reconfirmIntervalMonths);

    const bad = await call('PUT', `/systems/${system.id}/contacts/system_owner`, unitAdminA, {
      name: '林工程師',
      phone: '12345',
      email: 'not-an-email',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      json<ErrorBody>(bad)
        .error.fields?.map((f) => f.path)
        .sort(),
    ).toEqual(['email', 'phone']);
    expect((await call('PUT', `/systems/${system.id}/contacts/boss`, unitAdminA, {})).statusCode).toBe(400);

    const put = await call('PUT', `/systems/${system.id}/contacts/system_owner`, unitAdminA, {
      name: '林工程師',
      organisation: '國立甲大學計網中心',
      title: '工程師',
      phone: '+886 2 2345 6789 #301',
      email: 'Lin@A.edu.tw',
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = json<Contacts>(put);
    expect(after.contacts).toEqual([
      expect.objectContaining({ kind: 'system_owner', email: 'lin@a.edu.tw', updatedByName: w.users.unitAdminA.name }),
    ]);
    expect(after.missingKinds).toEqual(['business_owner', 'maintenance_unit']);
    const replaced = json<Contacts>(
      await call('PUT', `/systems/${system.id}/contacts/system_owner`, unitAdminA, {
        name: '林工程師',
        phone: '0912-345-678',
        email: 'lin@a.edu.tw',
      }),
    );
    expect(replaced.contacts).toHaveLength(1);
    expect(replaced.contacts[0]?.phone).toBe('0912-345-678');
    const events = await t.db.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.targetId, system.id),
          inArray(auditEvents.action, ['system.contact_create', 'system.contact_update']),
        ),
      );
    expect(events.map((e) => e.action).sort()).toEqual(['system.contact_create', 'system.contact_update']);
    expect(JSON.stringify(events.map((e) => e.summary))).not.toContain('0912');
    expect(events.find((e) => e.action === 'system.contact_update')?.summary).toMatchObject({
      kind: 'system_owner',
      changed: ['organisation', 'title', 'phone'],
    });
  });

  it('refuses to confirm until all three contacts exist, then confirms in one click', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id });
    await makeContact(t.db.db, { systemId: system.id, kind: 'business_owner' });
    const refused = await call('POST', `/systems/${system.id}/contacts/confirm`, unitAdminA);
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorBody>(refused).error.code).toBe('CONTACTS_INCOMPLETE');
    await makeContact(t.db.db, { systemId: system.id, kind: 'system_owner' });
    await makeContact(t.db.db, { systemId: system.id, kind: 'maintenance_unit' });
    const res = await call('POST', `/systems/${system.id}/contacts/confirm`, unitAdminA);
    expect(res.statusCode, res.body).toBe(200);
    const body = json<Contacts>(res);
    const months = INITIAL_POLICY_RULES.contacts.reconfirmIntervalMonths;
    expect(body).toMatchObject({
      isOverdue: false,
      confirmedByName: w.users.unitAdminA.name,
      dueOn: iso(addMonths(parseISO(taipeiToday(new Date())), months)),
    });
    const [event] = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'system.contacts_confirm'), eq(auditEvents.targetId, system.id)));
    expect(event?.summary).toMatchObject({ after: { dueOn: body.dueOn, policyVersion: 1 } });
    // Read-only roles see the state but cannot confirm.
    expect((await call('POST', `/systems/${system.id}/contacts/confirm`, auditor)).statusCode).toBe(403);
  });

  it('bulk-confirms all or nothing, with one audit event per system', async () => {
    const s1 = await completeSystem(w.orgs.unitA.id);
    const s2 = await completeSystem(w.orgs.unitA.id);
    const incomplete = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id });
    const systemB = await completeSystem(w.orgs.unitB.id);
    const confirmedAt = async (ids: string[]) =>
      (await t.db.db.select().from(systems).where(inArray(systems.id, ids))).map((s) => s.contactsConfirmedAt);

    const withIncomplete = await call('POST', '/systems/contacts/confirm', unitAdminA, {
      systemIds: [s1.id, incomplete.id],
    });
    expect(withIncomplete.statusCode).toBe(409);
    expect(json<ErrorBody>(withIncomplete).error.code).toBe('CONTACTS_INCOMPLETE');
    const outOfScope = await call('POST', '/systems/contacts/confirm', unitAdminA, { systemIds: [s1.id, systemB.id] });
    expect(outOfScope.statusCode).toBe(404);
    expect(await confirmedAt([s1.id, s2.id])).toEqual([null, null]);

    const tooMany = await call('POST', '/systems/contacts/confirm', unitAdminA, {
      systemIds: Array.from({ length: 501 }, () => crypto.randomUUID()),
    });
    expect(tooMany.statusCode).toBe(400);

    const ok = await call('POST', '/systems/contacts/confirm', unitAdminA, { systemIds: [s1.id, s2.id] });
    expect(ok.statusCode, ok.body).toBe(200);
    const body = json<{ confirmedAt: string; items: { id: string; dueOn: string }[] }>(ok);
    expect(body.items.map((i) => i.id).sort()).toEqual([s1.id, s2.id].sort());
    expect((await confirmedAt([s1.id, s2.id])).every((d) => d?.toISOString() === body.confirmedAt)).toBe(true);
    const events = await t.db.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'system.contacts_confirm'), inArray(auditEvents.targetId, [s1.id, s2.id])));
    expect(events).toHaveLength(2);
  });

  it('flags overdue contacts exactly after the due day, in the list and its SQL filter', async () => {
    const org = await makeOrganisation(t.db.db, { kind: 'unit', code: 'UNIT-DUE', parentId: w.orgs.ministry.id });
    const months = INITIAL_POLICY_RULES.contacts.reconfirmIntervalMonths;
    const today = parseISO(taipeiToday(new Date()));
    const dueToday = await completeSystem(org.id, 'due-today');
    const dueYesterday = await completeSystem(org.id, 'due-yesterday');
    const never = await completeSystem(org.id, 'never');
    const offline = await makeSystem(t.db.db, { orgId: org.id, name: 'offline', status: 'decommissioned' });
    // Confirmed on the day that makes the next confirmation due today: not overdue yet.
    const onBoundary = subMonths(today, months);
    await confirmedOn(dueToday.id, iso(onBoundary));
    await confirmedOn(dueYesterday.id, iso(subDays(onBoundary, 1)));

    const list = json<{ items: (ListItem & { name: string })[] }>(
      await call('GET', `/systems?orgId=${org.id}&pageSize=100`, admin),
    );
    const byName = Object.fromEntries(list.items.map((i) => [i.name, i]));
    expect(byName['due-today']).toMatchObject({
      contactsDueOn: iso(addMonths(onBoundary, months)),
      isContactsOverdue: false,
    });
    expect(byName['due-yesterday']).toMatchObject({
      contactsDueOn: iso(addMonths(subDays(onBoundary, 1), months)),
      isContactsOverdue: true,
    });
    expect(byName.never).toMatchObject({ contactsDueOn: null, isContactsOverdue: true });
    expect(byName.offline?.isContactsOverdue).toBe(false);

    const names = async (filter: string) =>
      json<{ items: { name: string }[] }>(await call('GET', `/systems?orgId=${org.id}&${filter}`, admin))
        .items.map((i) => i.name)
        .sort();
    expect(await names('contactsOverdue=true')).toEqual(['due-yesterday', 'never']);
    expect(await names('contactsOverdue=false')).toEqual(['due-today', 'offline']);
    // The export's variant of the test (per-row rule set, joined by the caller) agrees.
    const exported = await t.db.db
      .select({ name: systems.name })
      .from(systems)
      .innerJoin(policyVersions, eq(policyVersions.id, systems.policyVersionId))
      .where(and(eq(systems.orgId, org.id), contactsOverdueSql(taipeiToday(new Date()))));
    expect(exported.map((r) => r.name).sort()).toEqual(['due-yesterday', 'never']);

    // Confirming clears the flag.
    await call('POST', `/systems/${never.id}/contacts/confirm`, admin);
    expect(await names('contactsOverdue=true')).toEqual(['due-yesterday']);
    expect(offline.status).toBe('decommissioned');
  });

  it('takes the interval from the rule set the system points at, not from a constant', async () => {
    const org = await makeOrganisation(t.db.db, { kind: 'unit', code: 'UNIT-V2', parentId: w.orgs.ministry.id });
    const [v2] = await t.db.db
      .insert(policyVersions)
      .values({
        version: 2,
        effectiveFrom: '2999-01-01',
        rules: { ...INITIAL_POLICY_RULES, contacts: { reconfirmIntervalMonths: 6 } },
        notes: '測試：聯絡資料每半年確認',
      })
      .returning();
    const system = await completeSystem(org.id, 'six-monthly');
    await t.db.db.update(systems).set({ policyVersionId: v2?.id }).where(eq(systems.id, system.id));
    const today = parseISO(taipeiToday(new Date()));
    await confirmedOn(system.id, iso(subMonths(today, 7)));
    const [item] = json<{ items: ListItem[] }>(await call('GET', `/systems?orgId=${org.id}`, admin)).items;
    expect(item).toMatchObject({ contactsDueOn: iso(addMonths(subMonths(today, 7), 6)), isContactsOverdue: true });
    const overdue = json<{ total: number }>(await call('GET', `/systems?orgId=${org.id}&contactsOverdue=true`, admin));
    expect(overdue.total).toBe(1);
    // Under the 12-month rule of version 1 the same confirmation would still be valid.
    await t.db.db.update(systems).set({ policyVersionId: system.policyVersionId }).where(eq(systems.id, system.id));
    const v1 = json<{ total: number }>(await call('GET', `/systems?orgId=${org.id}&contactsOverdue=true`, admin));
    expect(v1.total).toBe(0);
  });

  it('summarises overdue systems per unit for the Ministry, within each reader’s scope', async () => {
    const summary = json<{
      items: {
        orgId: string;
        orgCode: string;
        overdueCount: number;
        neverConfirmedCount: number;
        systemCount: number;
      }[];
      overdueSystems: number;
      activeSystems: number;
      total: number;
    }>(await call('GET', '/systems/contacts/overdue-summary?pageSize=100', admin));
    const due = summary.items.find((i) => i.orgCode === 'UNIT-DUE');
    expect(due).toMatchObject({ systemCount: 3, overdueCount: 1, neverConfirmedCount: 0 });
    expect(summary.items.map((i) => i.overdueCount)).toEqual(
      [...summary.items.map((i) => i.overdueCount)].sort((a, b) => b - a),
    );
    expect(summary.overdueSystems).toBe(summary.items.reduce((n, i) => n + i.overdueCount, 0));
    const search = json<{ items: { orgCode: string }[] }>(
      await call('GET', '/systems/contacts/overdue-summary?q=UNIT-DUE', admin),
    );
    expect(search.items.map((i) => i.orgCode)).toEqual(['UNIT-DUE']);
    // The auditor is assigned unit A only; the business owner sees unit A (supervised).
    const scoped = json<{ items: { orgId: string }[] }>(
      await call('GET', '/systems/contacts/overdue-summary', auditor),
    );
    expect(scoped.items.every((i) => i.orgId === w.orgs.unitA.id)).toBe(true);
    expect(scoped.items).toHaveLength(1);
    const asOwner = json<{ items: { orgId: string }[] }>(await call('GET', '/systems/contacts/overdue-summary', owner));
    expect(asOwner.items.map((i) => i.orgId)).toEqual([w.orgs.unitA.id]);
    expect((await call('GET', '/systems/contacts/overdue-summary', unitAdminA)).statusCode).toBe(403);
  });
});
