import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { makeUser, makeWorld, type World } from '../../db/factories.js';
import { queryRows } from '../../db/client.js';
import { createTestApp, json, loginAs, recordingMailer, type TestApp } from '../../test/helpers.js';

type Page = { items: { id: string; email: string; orgId: string }[]; total: number };

describe('users', () => {
  const mailer = recordingMailer();
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let auditor: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ mailer });
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    auditor = await loginAs(t, w.users.auditor.id);
  });
  afterAll(async () => t.close());

  it('lists users within scope only', async () => {
    const all = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=100', headers: admin }));
    expect(all.total).toBe(8);
    const a = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: unitAdminA }));
    expect(a.items.map((u) => u.email).sort()).toEqual(['admin@a.edu.tw', 'member@a.edu.tw', 'staff@vendor-a.com.tw']);
    const audited = json<Page>(await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: auditor }));
    expect(audited.items.every((u) => [w.orgs.unitA.id, w.orgs.vendorA.id].includes(u.orgId))).toBe(true);
  });

  it('names the organisation in both languages, for the list and for the signed-in user', async () => {
    type Named = { id: string; orgName: string; orgNameEn: string | null };
    const all = json<{ items: Named[] }>(
      await t.app.inject({ method: 'GET', url: '/api/v1/users?pageSize=100', headers: admin }),
    );
    // The Ministry has an English name; unit A has none.
    expect(all.items.find((u) => u.id === w.users.ministryAdmin.id)).toMatchObject({
      orgName: '教育部',
      orgNameEn: 'Ministry of Education',
    });
    expect(all.items.find((u) => u.id === w.users.unitAdminA.id)).toMatchObject({
      orgName: '國立甲大學',
      orgNameEn: null,
    });
    const session = async (headers: Record<string, string>) =>
      json<{ user: Named }>(await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers })).user;
    expect(await session(admin)).toMatchObject({ orgName: '教育部', orgNameEn: 'Ministry of Education' });
    expect(await session(unitAdminA)).toMatchObject({ orgName: '國立甲大學', orgNameEn: null });
  });

  it('never exposes password hashes or MFA secrets', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/users/${w.users.unitAdminA.id}`, headers: admin });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/argon2|passwordHash|mfaSecret/);
  });

  it('creates a user with an invitation e-mailed and audited', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: unitAdminA,
      payload: { email: 'New.Staff@A.edu.tw', name: '王小明', role: 'unit_member', orgId: w.orgs.unitA.id },
    });
    expect(res.statusCode).toBe(201);
    const body = json<{
      user: { id: string; email: string; hasPassword: boolean };
      inviteUrl: string;
      inviteEmailed: boolean;
    }>(res);
    expect(body.user.email).toBe('new.staff@a.edu.tw');
    expect(body.user.hasPassword).toBe(false);
    expect(body.inviteUrl).toMatch(/^http:\/\/127\.0\.0\.1:8080\/invite\/[A-Za-z0-9_-]{40,}$/);
    expect(body.inviteEmailed).toBe(true);
    expect(mailer.sent.at(-1)?.text).toContain(body.inviteUrl);
    const events = await queryRows(t.db.db, sql`select action from audit_events where target_id = ${body.user.id}`);
    expect(events).toEqual([{ action: 'user.create' }]);
  });

  it('refuses a duplicate e-mail regardless of case', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: 'ADMIN@a.edu.tw', name: 'x', role: 'unit_member', orgId: w.orgs.unitA.id },
    });
    expect(res.statusCode).toBe(409);
    expect(json(res)).toMatchObject({ error: { code: 'EMAIL_TAKEN' } });
  });

  it('refuses a role that does not fit the organisation', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { email: 'x@a.edu.tw', name: 'x', role: 'ministry_admin', orgId: w.orgs.unitA.id },
    });
    expect(res.statusCode).toBe(400);
    expect(json(res)).toMatchObject({ error: { code: 'ROLE_ORG_MISMATCH' } });
  });

  it('does not let a unit admin create Ministry roles or users in another unit', async () => {
    const ministryRole = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: unitAdminA,
      payload: { email: 'y@a.edu.tw', name: 'y', role: 'auditor', orgId: w.orgs.unitA.id },
    });
    expect(ministryRole.statusCode).toBe(403);
    const otherUnit = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: unitAdminA,
      payload: { email: 'z@b.edu.tw', name: 'z', role: 'unit_member', orgId: w.orgs.unitB.id },
    });
    expect(otherUnit.statusCode).toBe(404);
  });

  it('assigns supervised units to a business owner', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${w.users.ministryOwner.id}`,
      headers: admin,
      payload: { scopeOrgIds: [w.orgs.unitA.id, w.orgs.unitB.id] },
    });
    expect(res.statusCode).toBe(200);
    expect(json<{ scopeOrgIds: string[] }>(res).scopeOrgIds.sort()).toEqual([w.orgs.unitA.id, w.orgs.unitB.id].sort());
    const unknownOrg = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${w.users.ministryOwner.id}`,
      headers: admin,
      payload: { scopeOrgIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(unknownOrg.statusCode).toBe(400);
  });

  it('ends the sessions and API tokens of a user whose role changes', async () => {
    const auditorOrg = w.orgs.ministry.id;
    const auditorUser = await makeUser(t.db.db, { orgId: auditorOrg, role: 'auditor', scopeOrgIds: [w.orgs.unitA.id] });
    const session = await loginAs(t, auditorUser.id);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: session })).statusCode).toBe(200);
    const promote = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${auditorUser.id}`,
      headers: admin,
      payload: { role: 'ministry_admin' },
    });
    expect(promote.statusCode).toBe(200);
    const after = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: session,
      payload: { kind: 'unit', code: 'PROMOTED-1', name: 'x' },
    });
    expect(after.statusCode).toBe(401);
  });

  it('disables and unlocks accounts, but not one’s own', async () => {
    const self = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${w.users.unitAdminA.id}`,
      headers: unitAdminA,
      payload: { isActive: false },
    });
    expect(self.statusCode).toBe(403);
    await t.db.db.execute(
      sql`update users set locked_until = now() + interval '10 minutes', failed_login_count = 5 where id = ${w.users.unitMemberA.id}`,
    );
    const unlock = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${w.users.unitMemberA.id}`,
      headers: unitAdminA,
      payload: { unlock: true },
    });
    expect(unlock.statusCode).toBe(200);
    expect(json(unlock)).toMatchObject({ lockedUntil: null });
    const disable = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${w.users.unitMemberA.id}`,
      headers: unitAdminA,
      payload: { isActive: false },
    });
    expect(json(disable)).toMatchObject({ isActive: false });
  });

  it('re-issues an invitation within scope only, and never for an account with a password', async () => {
    const invited = await makeUser(t.db.db, { orgId: w.orgs.unitA.id, role: 'unit_member', password: null });
    const own = await t.app.inject({ method: 'POST', url: `/api/v1/users/${invited.id}/invite`, headers: unitAdminA });
    expect(own.statusCode).toBe(200);
    expect(json<{ inviteUrl: string }>(own).inviteUrl).toMatch(/\/invite\//);
    const takeover = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${w.users.unitMemberA.id}/invite`,
      headers: unitAdminA,
    });
    expect(takeover.statusCode).toBe(409);
    expect(json(takeover)).toMatchObject({ error: { code: 'INVITE_NOT_NEEDED' } });
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${w.users.unitMemberB.id}/invite`,
      headers: unitAdminA,
    });
    expect(other.statusCode).toBe(404);
  });
});
