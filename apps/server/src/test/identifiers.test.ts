import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ImportJobDetail } from '@custodian/shared';
import { MIGRATIONS_DIR, queryRows } from '../db/client.js';
import { makeOrganisation, makeWorld, type World } from '../db/factories.js';
import { makeRegistryWorld, type RegistryWorld } from '../db/registry-factories.js';
import { organisations } from '../db/schema/index.js';
import { buildImportWorkbook } from '../modules/imports/imports.sample.js';
import { createTestApp, json, loginAs, type TestApp } from './helpers.js';
import { uploadImport } from './matrix/imports.js';

/**
 * Look-alike identifiers (issue 8, finding 7): with CASE-5FE8C on file, a full-width hyphen,
 * full-width letters or a zero-width space made another contract (201), and `ntnu` and
 * `NTNU` were two organisations. Identifiers are normalised (packages/shared identifiers.ts)
 * before they are checked and stored, by the API and the import alike.
 */
type ErrorBody = { error: { code: string } };

describe('look-alike identifiers', () => {
  let t: TestApp;
  let w: World;
  let r: RegistryWorld;
  let admin: Record<string, string>;

  const count = async (table: 'contracts' | 'organisations' | 'hosts' | 'users' | 'allocations') =>
    (await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n;
  const post = (url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: admin, payload });
  const contract = (number: string) =>
    post('/contracts', {
      number,
      name: '相似案號測試',
      type: 'commission',
      divisionId: w.orgs.division.id,
      unitId: w.orgs.unitA.id,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
    });

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    r = await makeRegistryWorld(t.db.db, w);
    admin = await loginAs(t, w.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  it('refuses contract numbers that only look different with CONTRACT_NUMBER_TAKEN', async () => {
    expect((await contract('CASE-5FE8C')).statusCode).toBe(201);
    const before = await count('contracts');
    for (const number of [
      'CASE\uFF0D5FE8C', // full-width hyphen
      '\uFF23\uFF21\uFF33\uFF25-\uFF15\uFF26\uFF25\uFF18\uFF23', // full-width letters and digits
      'CASE-5FE8C\u200B', // zero-width space
      'CA\u200DSE-5FE8C\uFEFF', // zero-width joiner, BOM
      'CASE\u20105FE8C', // Unicode hyphen
      '\u3000case-5fe8c ', // ideographic space, other case
    ]) {
      const res = await contract(number);
      expect(res.statusCode, JSON.stringify(number)).toBe(409);
      expect(json<ErrorBody>(res).error.code).toBe('CONTRACT_NUMBER_TAKEN');
    }
    expect(await count('contracts')).toBe(before);
  });

  it('stores a contract number in its normalised form', async () => {
    const res = await contract('\uFF2B\uFF21-\uFF11\u200B');
    expect(res.statusCode, res.body).toBe(201);
    expect(json<{ number: string }>(res).number).toBe('KA-1');
  });

  it('treats organisation codes as one regardless of case, width and invisible characters', async () => {
    const create = (code: string) => post('/organisations', { kind: 'unit', code, name: '國立臺灣師範大學' });
    expect((await create('ntnu')).statusCode).toBe(201);
    const before = await count('organisations');
    for (const code of ['NTNU', 'Ntnu', '\uFF2E\uFF34\uFF2E\uFF35', 'nt\u200Bnu', '\u00ADntnu']) {
      const res = await create(code);
      expect(res.statusCode, JSON.stringify(code)).toBe(409);
      expect(json<ErrorBody>(res).error.code).toBe('ORG_CODE_TAKEN');
    }
    expect(await count('organisations')).toBe(before);
  });

  it('has the database refuse an organisation code that differs only in case', async () => {
    await makeOrganisation(t.db.db, { kind: 'unit', code: 'db-case', parentId: w.orgs.ministry.id });
    await expect(
      t.db.db.insert(organisations).values({ kind: 'unit', code: 'DB-CASE', name: 'x', parentId: w.orgs.ministry.id }),
    ).rejects.toMatchObject({ cause: { code: '23505' } });
  });

  it('refuses look-alike host names, e-mail addresses and allocation values', async () => {
    const hosts = await count('hosts');
    for (const hostname of ['\uFF57\uFF45\uFF42-a', 'WEB-A\u200B']) {
      const res = await post('/hosts', { orgId: w.orgs.unitA.id, hostname });
      expect(res.statusCode, hostname).toBe(409);
      expect(json<ErrorBody>(res).error.code).toBe('HOSTNAME_TAKEN');
    }
    expect(await count('hosts')).toBe(hosts);

    const users = await count('users');
    const email = await post('/users', {
      email: ' \uFF2D\uFF25\uFF2D\uFF22\uFF25\uFF32\uFF20a.edu.tw\u200B',
      name: '相似信箱',
      role: 'unit_member',
      orgId: w.orgs.unitA.id,
    });
    expect(email.statusCode, email.body).toBe(409);
    expect(json<ErrorBody>(email).error.code).toBe('EMAIL_TAKEN');
    expect(await count('users')).toBe(users);

    const allocations = await count('allocations');
    const value = await post('/allocations', {
      systemId: r.a.system.id,
      value: '\uFF11\uFF19\uFF18.\uFF15\uFF11.\uFF11\uFF10\uFF10.\uFF11',
      startsOn: '2026-01-01',
    });
    expect(value.statusCode, value.body).toBe(409);
    expect(json<ErrorBody>(value).error.code).toBe('ALLOCATION_OVERLAP');
    expect(await count('allocations')).toBe(allocations);
  });

  it('catches look-alike codes and numbers in an import, against the database and within the file', async () => {
    const upload = await uploadImport(t, admin, {
      filename: 'look-alike.xlsx',
      content: await buildImportWorkbook({
        units: [
          { code: '\uFF35\uFF2E\uFF29\uFF34-\uFF21', name: '全形代碼' },
          { code: 'unit-b', name: '小寫代碼' },
          { code: 'NEW-X', name: '新單位' },
          { code: 'new-x', name: '同一新單位' },
        ],
        contracts: [
          {
            number: 'MATRIX\uFF0DA',
            name: '全形連字號',
            type: '委辦',
            divisionCode: 'moe-dit',
            unitCode: 'unit-a',
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
          },
          {
            number: 'K-7',
            name: '檔內第一筆',
            type: '委辦',
            divisionCode: 'MOE-DIT',
            unitCode: 'UNIT-A',
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
          },
          {
            number: '\uFF2B-\uFF17\u200B',
            name: '檔內相似',
            type: '委辦',
            divisionCode: 'MOE-DIT',
            unitCode: 'UNIT-A',
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
          },
        ],
        hosts: [{ unitCode: 'unit-a', hostname: '\uFF37\uFF25\uFF22-\uFF21' }],
      }),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const job = json<ImportJobDetail>(upload);
    expect(job.errors.items.map((e) => [e.sheet, e.row, e.column, e.code])).toEqual([
      ['units', 3, 'code', 'ORG_CODE_TAKEN'],
      ['units', 4, 'code', 'ORG_CODE_TAKEN'],
      ['units', 6, 'code', 'IMPORT_ROW_DUPLICATE'],
      ['contracts', 3, 'number', 'CONTRACT_NUMBER_TAKEN'],
      ['contracts', 5, 'number', 'IMPORT_ROW_DUPLICATE'],
      ['hosts', 3, 'hostname', 'HOSTNAME_TAKEN'],
    ]);
  });

  it('imports identifiers in their normalised form and matches codes regardless of case', async () => {
    const upload = await uploadImport(t, admin, {
      filename: 'normalised.xlsx',
      content: await buildImportWorkbook({
        units: [{ code: '\uFF2E\uFF25\uFF37-\uFF39', name: '全形新單位' }],
        contracts: [
          {
            number: '\uFF2E\uFF39-\uFF11\u200B',
            name: '全形案號',
            type: '委辦',
            divisionCode: 'moe-dit',
            unitCode: 'new-y',
            periodStart: '2026-01-01',
            periodEnd: '2026-12-31',
          },
        ],
        systems: [{ unitCode: 'New-Y', name: '新系統', protectionLevel: '普', contractNumbers: 'ny-1' }],
      }),
    });
    expect(upload.statusCode, upload.body).toBe(201);
    const job = json<ImportJobDetail>(upload);
    expect(job.errors.items).toEqual([]);
    const commit = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, headers: admin });
    expect(commit.statusCode, commit.body).toBe(200);
    const [row] = await queryRows<{ code: string; number: string; systems: number }>(
      t.db.db,
      sql`select o.code, c.number, (select count(*)::int from contract_systems cs where cs.contract_id = c.id) as systems
        from contracts c join organisations o on o.id = c.unit_id where c.number = 'NY-1'`,
    );
    expect(row).toEqual({ code: 'NEW-Y', number: 'NY-1', systems: 1 });
  });

  it('stops migration 0002 naming organisation codes that differ only in case', async () => {
    const migration = await readFile(join(MIGRATIONS_DIR, '0002_org_code_case.sql'), 'utf8');
    const [check] = migration.split('--> statement-breakpoint');
    expect(check).toContain('RAISE EXCEPTION');
    // Inside a transaction that is rolled back: the index is dropped to let the clash in.
    const clash = t.db.db.transaction(async (tx) => {
      await tx.execute(sql`drop index organisations_code_uq`);
      for (const code of ['clash-a', 'CLASH-A', 'Clash-B', 'clash-b']) {
        await tx.insert(organisations).values({ kind: 'unit', code, name: code, parentId: w.orgs.ministry.id });
      }
      await tx.execute(sql.raw(check ?? ''));
    });
    await expect(clash).rejects.toMatchObject({
      cause: { message: expect.stringContaining('CLASH-A, clash-a; Clash-B, clash-b') },
    });
    const [after] = await queryRows<{ clashes: number; indexes: number }>(
      t.db.db,
      sql`select (select count(*)::int from organisations where code ilike 'clash-%') as clashes,
        (select count(*)::int from pg_indexes where indexname = 'organisations_code_uq') as indexes`,
    );
    expect(after).toEqual({ clashes: 0, indexes: 1 });
  });
});
