import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { makeWorld } from '../db/factories.js';
import { users } from '../db/schema/index.js';
import { systemContext } from '../lib/context.js';
import { login } from '../modules/auth/login.service.js';
import { createTestApp, type TestApp } from '../test/helpers.js';
import { createUserWithPassword } from './admin-commands.js';
import { readFirstLine } from './stdin.js';

describe('custodian user create (in process)', () => {
  let t: TestApp;
  const ctx = systemContext('cli', new Date());
  const anonymous = { ...systemContext('test', new Date()), actor: null };

  beforeAll(async () => {
    t = await createTestApp();
    await makeWorld(t.deps.db);
  });
  afterAll(async () => t.close());

  it('reads only the first line of a piped password', async () => {
    expect(await readFirstLine(Readable.from(['tainan-2026-', 'secret\r\nsecond line\n']))).toBe('tainan-2026-secret');
    expect(await readFirstLine(Readable.from(['no newline at all']))).toBe('no newline at all');
    expect(await readFirstLine(Readable.from([]))).toBe('');
  });

  it('creates a unit admin whose password from stdin signs in', async () => {
    const password = await readFirstLine(Readable.from(['Kaohsiung-harbour-2026\n']));
    const created = await createUserWithPassword(t.deps, ctx, {
      email: 'New.Admin@A.edu.tw',
      name: '新任管理者',
      role: 'unit_admin',
      unit: 'unit-a',
      password,
    });
    expect(created).toMatchObject({ email: 'new.admin@a.edu.tw', orgName: '國立甲大學', hasPassword: true });
    const signedIn = await login(t.deps, anonymous, { email: 'new.admin@a.edu.tw', password });
    expect(signedIn.info.stage).toBe('active');
  });

  it('puts ministry roles in the Ministry by default, with scopes by code', async () => {
    const created = await createUserWithPassword(t.deps, ctx, {
      email: 'owner2@moe.gov.tw',
      name: '業務督導',
      role: 'ministry_owner',
      scope: ['UNIT-A', 'UNIT-B'],
      password: 'supervise-both-units',
    });
    expect(created.orgName).toBe('教育部');
    expect(created.scopeOrgIds).toHaveLength(2);
  });

  it('applies the password policy before creating anything', async () => {
    await expect(
      createUserWithPassword(t.deps, ctx, {
        email: 'short@a.edu.tw',
        name: '短密碼',
        role: 'unit_member',
        unit: 'UNIT-A',
        password: 'too-short',
      }),
    ).rejects.toMatchObject({ code: 'PASSWORD_TOO_SHORT' });
    expect(await t.deps.db.select().from(users).where(eq(users.email, 'short@a.edu.tw'))).toEqual([]);
    for (const password of [
      'aaaaaaaaaaaa',
      '123456789012',
      'password1234',
      'weak.guess.2026',
      '弱密碼使用者在二零二六年',
    ]) {
      await expect(
        createUserWithPassword(t.deps, ctx, {
          email: 'weak.guess@a.edu.tw',
          name: '弱密碼使用者',
          role: 'unit_member',
          unit: 'UNIT-A',
          password,
        }),
        password,
      ).rejects.toMatchObject({ code: 'PASSWORD_TOO_WEAK' });
    }
    expect(await t.deps.db.select().from(users).where(eq(users.email, 'weak.guess@a.edu.tw'))).toEqual([]);
  });

  it('refuses an unknown unit code and a role that does not fit the organisation', async () => {
    const base = { email: 'x@a.edu.tw', name: '某人', password: 'long-enough-password' };
    await expect(createUserWithPassword(t.deps, ctx, { ...base, role: 'unit_admin', unit: 'NOPE' })).rejects.toThrow(
      /No organisation with code NOPE/,
    );
    await expect(
      createUserWithPassword(t.deps, ctx, { ...base, role: 'ministry_admin', unit: 'UNIT-A' }),
    ).rejects.toMatchObject({ code: 'ROLE_ORG_MISMATCH' });
  });
});
