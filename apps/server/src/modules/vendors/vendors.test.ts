import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from 'date-fns/addDays';
import { formatISO } from 'date-fns/formatISO';
import { parseISO } from 'date-fns/parseISO';
import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES } from '@custodian/shared';
import { makeOrganisation, makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { attachments } from '../../db/schema/index.js';
import { taipeiToday } from '../../lib/policy.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';

type Qualification = {
  id: string;
  orgId: string;
  orgName: string;
  orgKind: string;
  parentOrgName: string | null;
  kind: string;
  name: string;
  certificateNumber: string | null;
  expiresOn: string | null;
  status: 'valid' | 'expiring' | 'expired';
  daysToExpiry: number | null;
  attachmentCount: number;
  createdByName: string | null;
};
type Page<T> = { items: T[]; total: number };
type Summary = {
  orgId: string;
  hasValidIsms: boolean;
  ismsExpiresOn: string | null;
  nearestExpiry: string | null;
  nearestExpiryStatus: string | null;
  valid: number;
  expiring: number;
  expired: number;
};
type ErrorBody = { error: { code: string; fields?: { path: string }[] } };

const today = taipeiToday(new Date());
const day = (offset: number) => formatISO(addDays(parseISO(today), offset), { representation: 'date' });

describe('vendor due diligence (item 三十九)', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let unitAdminB: Record<string, string>;
  let memberA: Record<string, string>;
  let vendorCert: Qualification;

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
    memberA = await loginAs(t, w.users.unitMemberA.id);
  });
  afterAll(async () => t.close());

  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: object,
  ) => t.app.inject({ method, url: `/api/v1/vendor-qualifications${url}`, headers, ...(payload ? { payload } : {}) });
  const create = async (payload: Record<string, unknown>, headers = admin) => {
    const res = await call('POST', '', headers, payload);
    expect(res.statusCode, res.body).toBe(201);
    return json<Qualification>(res);
  };
  const list = async (query: string, headers = admin) => {
    const res = await call('GET', query, headers);
    expect(res.statusCode, res.body).toBe(200);
    return json<Page<Qualification>>(res);
  };
  const auditCount = async (action: string) =>
    (
      await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from audit_events where action = ${action}`)
    )[0]?.n ?? 0;

  it("lets a unit admin record their vendor's ISO 27001 certificate, with an audit event", async () => {
    vendorCert = await create(
      {
        orgId: w.orgs.vendorA.id,
        kind: 'iso27001',
        name: 'ISO/IEC 27001:2022',
        certificateNumber: 'TW-27001-0042',
        issuer: '英國標準協會',
        scope: '資訊系統維運服務',
        issuedOn: day(-300),
        expiresOn: day(400),
      },
      unitAdminA,
    );
    expect(vendorCert).toMatchObject({
      orgName: '甲資訊股份有限公司',
      orgKind: 'vendor',
      parentOrgName: '國立甲大學',
      status: 'valid',
      daysToExpiry: 400,
      attachmentCount: 0,
      createdByName: w.users.unitAdminA.name,
    });
    expect(await auditCount('vendor_qualification.create')).toBe(1);
  });

  it('refuses holders outside the manage scope, non-managers and organisations that are not vendors or units', async () => {
    const payload = { kind: 'other', name: '資安人員證照' };
    expect((await call('POST', '', unitAdminA, { ...payload, orgId: w.orgs.unitB.id })).statusCode).toBe(404);
    expect((await call('POST', '', memberA, { ...payload, orgId: w.orgs.unitA.id })).statusCode).toBe(403);
    const owner = await loginAs(t, w.users.ministryOwner.id);
    expect((await call('POST', '', owner, { ...payload, orgId: w.orgs.unitA.id })).statusCode).toBe(403);
    const division = await call('POST', '', admin, { ...payload, orgId: w.orgs.division.id });
    expect(json<ErrorBody>(division).error.code).toBe('QUALIFICATION_ORG_INVALID');
    expect(await auditCount('vendor_qualification.create')).toBe(1);
  });

  it('checks the dates: expiry not before issue, and certificates need an expiry', async () => {
    const base = { orgId: w.orgs.vendorA.id, kind: 'iso27001', name: 'ISO 27001' };
    const backwards = await call('POST', '', admin, { ...base, issuedOn: '2026-05-02', expiresOn: '2026-05-01' });
    expect(backwards.statusCode).toBe(400);
    expect(json<ErrorBody>(backwards).error.fields?.map((f) => f.path)).toEqual(['expiresOn']);
    const noExpiry = await call('POST', '', admin, base);
    expect(json<ErrorBody>(noExpiry).error.fields?.map((f) => f.path)).toEqual(['expiresOn']);
    const sameDay = await call('POST', '', admin, { ...base, issuedOn: '2026-05-01', expiresOn: '2026-05-01' });
    expect(sameDay.statusCode).toBe(201);
    await call('DELETE', `/${json<Qualification>(sameDay).id}`, admin);

    const patched = await call('PATCH', `/${vendorCert.id}`, unitAdminA, { expiresOn: day(-301) });
    expect(json<ErrorBody>(patched).error.code).toBe('QUALIFICATION_DATES_INVALID');
    const other = await create({ orgId: w.orgs.unitA.id, kind: 'other', name: '資安稽核訓練' });
    expect(other.status).toBe('valid');
    const toCertificate = await call('PATCH', `/${other.id}`, admin, { kind: 'cns27001' });
    expect(json<ErrorBody>(toCertificate).error.code).toBe('QUALIFICATION_EXPIRY_REQUIRED');
    expect((await call('DELETE', `/${other.id}`, admin)).statusCode).toBe(204);
  });

  it("keeps unit B from seeing or touching unit A's vendor's certificates", async () => {
    const seen = await list('?pageSize=100', unitAdminB);
    expect(seen.items.map((q) => q.id)).not.toContain(vendorCert.id);
    expect(seen.total).toBe(0);
    expect((await list(`?orgId=${w.orgs.vendorA.id}`, unitAdminB)).total).toBe(0);
    expect((await call('GET', `/${vendorCert.id}`, unitAdminB)).statusCode).toBe(404);
    expect((await call('PATCH', `/${vendorCert.id}`, unitAdminB, { name: 'hijack' })).statusCode).toBe(404);
    expect((await call('DELETE', `/${vendorCert.id}`, unitAdminB)).statusCode).toBe(404);
    expect((await call('GET', `/summary?orgId=${w.orgs.vendorA.id}`, unitAdminB)).statusCode).toBe(404);
    // A unit member sees their own unit's records, not its vendors'.
    expect((await call('GET', `/${vendorCert.id}`, memberA)).statusCode).toBe(404);
    expect((await call('GET', `/${vendorCert.id}`, unitAdminA)).statusCode).toBe(200);
  });

  describe('validity at the warning boundary', () => {
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      const holder = await makeOrganisation(t.db.db, {
        kind: 'vendor',
        name: '邊界測試廠商',
        parentId: w.orgs.unitB.id,
      });
      for (const [label, offset] of [
        ['yesterday', -1],
        ['today', 0],
        ['warnLast', 60],
        ['warnAfter', 61],
      ] as const) {
        ids[label] = (
          await create({ orgId: holder.id, kind: 'cns27001', name: `邊界 ${label}`, expiresOn: day(offset) })
        ).id;
      }
      ids.none = (await create({ orgId: holder.id, kind: 'other', name: '邊界 none' })).id;
      ids.holder = holder.id;
    });

    it('marks expired after the expiry day, and expiring up to the warning period of the policy in force', async () => {
      const rows = (await list(`?orgId=${ids.holder}`)).items;
      const status = Object.fromEntries(rows.map((r) => [r.name.replace('邊界 ', ''), [r.status, r.daysToExpiry]]));
      expect(status).toEqual({
        yesterday: ['expired', -1],
        today: ['expiring', 0],
        warnLast: ['expiring', 60],
        warnAfter: ['valid', 61],
        none: ['valid', null],
      });
      const filtered = async (s: string) =>
        (await list(`?orgId=${ids.holder}&status=${s}`)).items.map((r) => r.id).sort();
      expect(await filtered('expired')).toEqual([ids.yesterday]);
      expect(await filtered('expiring')).toEqual([ids.today, ids.warnLast].sort());
      expect(await filtered('valid')).toEqual([ids.warnAfter, ids.none].sort());
      // Soonest expiry first, open-ended last.
      expect(rows.map((r) => r.id)).toEqual([ids.yesterday, ids.today, ids.warnLast, ids.warnAfter, ids.none]);
    });

    it('follows a new policy version: a 90-day warning period takes in day 61', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/policy/versions',
        headers: admin,
        payload: {
          effectiveFrom: today,
          rules: { ...INITIAL_POLICY_RULES, vendorQualifications: { expiryWarningDays: 90 } },
          notes: '提前 90 天提醒',
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const expiring = (await list(`?orgId=${ids.holder}&status=expiring`)).items.map((r) => r.id).sort();
      expect(expiring).toEqual([ids.today, ids.warnLast, ids.warnAfter].sort());
    });

    it('summarises per organisation: a valid ISO/CNS 27001 and the nearest expiry', async () => {
      const res = await call('GET', `/summary?orgId=${ids.holder}`, admin);
      expect(res.statusCode, res.body).toBe(200);
      const [summary] = json<Page<Summary>>(res).items;
      expect(summary).toMatchObject({
        orgId: ids.holder,
        hasValidIsms: true,
        ismsExpiresOn: day(61),
        nearestExpiry: day(0),
        nearestExpiryStatus: 'expiring',
        valid: 1,
        expiring: 3,
        expired: 1,
      });
    });
  });

  it('lists organisations without a valid ISO/CNS 27001, within the scope', async () => {
    const missing = json<Page<Summary & { orgName: string }>>(await call('GET', '/summary?isms=missing', unitAdminA));
    expect(missing.items.map((s) => s.orgId)).toEqual([w.orgs.unitA.id]);
    const valid = json<Page<Summary>>(await call('GET', '/summary?isms=valid', unitAdminA));
    expect(valid.items.map((s) => s.orgId)).toEqual([w.orgs.vendorA.id]);
    expect(valid.items[0]).toMatchObject({ hasValidIsms: true, ismsExpiresOn: day(400), valid: 1 });
    const all = json<Page<Summary>>(await call('GET', '/summary?pageSize=100', admin));
    expect(all.total).toBe(4);
  });

  it('searches by name, certificate number and organisation, and filters by kind', async () => {
    expect((await list('?q=0042')).items.map((q) => q.id)).toEqual([vendorCert.id]);
    expect((await list(`?q=${encodeURIComponent('甲資訊')}`)).items.map((q) => q.id)).toEqual([vendorCert.id]);
    expect((await list('?kind=iso27001')).items.map((q) => q.id)).toEqual([vendorCert.id]);
    expect((await list('?q=100%25')).total).toBe(0);
    const paged = await list('?pageSize=2&page=2');
    expect(paged.total).toBe(6);
    expect(paged.items).toHaveLength(2);
  });

  it('records changed fields in the audit trail', async () => {
    const res = await call('PATCH', `/${vendorCert.id}`, unitAdminA, {
      certificateNumber: 'TW-27001-0043',
      expiresOn: day(500),
      notes: null,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(json<Qualification>(res)).toMatchObject({ certificateNumber: 'TW-27001-0043', daysToExpiry: 500 });
    const [event] = await queryRows<{ summary: { fields: string[]; before: object; after: object } }>(
      t.db.db,
      sql`select summary from audit_events where action = 'vendor_qualification.update'`,
    );
    expect(event?.summary.fields.sort()).toEqual(['certificateNumber', 'expiresOn']);
    expect(event?.summary.before).toEqual({ certificateNumber: 'TW-27001-0042', expiresOn: day(400) });
  });

  it('deletes a qualification together with its attachments, in one audited step', async () => {
    await t.db.db.insert(attachments).values({
      orgId: w.orgs.vendorA.id,
      ownerType: 'vendor_qualification',
      ownerId: vendorCert.id,
      storageKey: `test/${vendorCert.id}`,
      fileName: 'cert.pdf',
      mimeType: 'application/pdf',
      sizeBytes: 10,
      sha256: 'a'.repeat(64),
    });
    expect((await call('GET', `/${vendorCert.id}`, unitAdminA)).json()).toMatchObject({ attachmentCount: 1 });
    expect((await call('DELETE', `/${vendorCert.id}`, memberA)).statusCode).toBe(403);
    expect((await call('DELETE', `/${vendorCert.id}`, unitAdminA)).statusCode).toBe(204);
    expect((await call('GET', `/${vendorCert.id}`, admin)).statusCode).toBe(404);
    const [left] = await queryRows<{ n: number }>(
      t.db.db,
      sql`select count(*)::int as n from attachments where owner_id = ${vendorCert.id}`,
    );
    expect(left?.n).toBe(0);
    const [event] = await queryRows<{ summary: { attachmentsRemoved: number; before: { name: string } } }>(
      t.db.db,
      sql`select summary from audit_events where action = 'vendor_qualification.delete' and target_id = ${vendorCert.id}`,
    );
    expect(event?.summary).toMatchObject({ attachmentsRemoved: 1, before: { name: 'ISO/IEC 27001:2022' } });
    expect(await auditCount('vendor_qualification.delete')).toBe(3);
  });
});
