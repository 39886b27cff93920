import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES, type ImportJobDetail, type ImportRowError } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeHost } from '../../db/registry-factories.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { uploadImport } from '../../test/matrix/imports.js';
import {
  buildImportCsv,
  buildImportWorkbook,
  sampleOnboardingSheets,
  type SampleRow,
  type SampleSheets,
} from './imports.sample.js';

/**
 * Acceptance of bulk onboarding (issue 3): a 2,000-row XLSX previews with exactly its bad
 * rows, stores nothing before the commit, refuses to commit with errors, and commits all
 * or nothing; CSV works the same way.
 */
type Counts = { contracts: number; systems: number; hosts: number; contacts: number; links: number; jobs: number };

describe('imports: preview and commit', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;

  const counts = async (): Promise<Counts> => {
    const [row] = await queryRows<Counts>(
      t.db.db,
      sql`select (select count(*)::int from contracts) as contracts, (select count(*)::int from systems) as systems,
        (select count(*)::int from hosts) as hosts, (select count(*)::int from system_contacts) as contacts,
        ((select count(*)::int from system_hosts) + (select count(*)::int from contract_systems)) as links,
        (select count(*)::int from import_jobs) as jobs`,
    );
    if (!row) {
      throw new Error('no counts');
    }
    return row;
  };
  const commitEvents = async () =>
    (
      await queryRows<{ n: number }>(
        t.db.db,
        sql`select count(*)::int as n from audit_events where action = 'import.commit'`,
      )
    )[0]?.n;

  /** Exactly 2,000 rows: 2 contracts, 499 systems and hosts, 998 contacts, 2 maintenance contacts. */
  function twoThousandRows(
    prefix: string,
  ): Required<Pick<SampleSheets, 'contracts' | 'systems' | 'hosts' | 'contacts'>> {
    const sheets = sampleOnboardingSheets({
      unitCodes: ['UNIT-A', 'UNIT-B'],
      rows: 2000,
      divisionCode: 'MOE-DIT',
      prefix,
    });
    for (const i of [1, 2]) {
      sheets.contacts.push({
        unitCode: i % 2 === 1 ? 'UNIT-A' : 'UNIT-B',
        systemName: `${prefix} 系統 ${i}`,
        kind: '維護單位',
        name: '張維護',
        organisation: '甲資訊股份有限公司',
        phone: '(02)2345-6789 分機 12',
        email: `vendor${i}@example.com.tw`,
      });
    }
    const total = Object.values(sheets).reduce((n, rows) => n + rows.length, 0);
    expect(total).toBe(2000);
    return sheets;
  }

  const preview = async (content: Buffer, filename = 'onboarding.xlsx', sheet?: string) => {
    const res = await uploadImport(t, admin, { content, filename, ...(sheet ? { sheet } : {}) });
    expect(res.statusCode, res.body).toBe(201);
    return json<ImportJobDetail>(res);
  };
  const commit = (id: string) => t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/commit`, headers: admin });

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
  });
  afterAll(async () => t.close());

  it('previews a 2,000-row workbook with exactly its bad rows and stores nothing else', async () => {
    const sheets = twoThousandRows('P');
    const bad = structuredClone(sheets);
    Object.assign(bad.hosts[10] ?? {}, { ips: '10.0.0.999' });
    Object.assign(bad.hosts[20] ?? {}, { unitCode: 'NOPE-1' });
    Object.assign(bad.systems[30] ?? {}, { launchDate: '115/02/30' });
    Object.assign(bad.contacts[40] ?? {}, { phone: null });
    const before = await counts();

    const job = await preview(await buildImportWorkbook(bad));

    expect(job).toMatchObject({
      status: 'preview',
      format: 'xlsx',
      counts: { units: 0, contracts: 2, systems: 499, hosts: 499, contacts: 1000 },
      errorRows: { units: 0, contracts: 0, systems: 1, hosts: 2, contacts: 1 },
      errorCount: 4,
      canCommit: false,
    });
    // Data starts on spreadsheet row 3, under the zh-TW and English header rows.
    const expected: ImportRowError[] = [
      { sheet: 'systems', row: 33, column: 'launchDate', code: 'IMPORT_ROW_INVALID_DATE', value: '115/02/30' },
      { sheet: 'hosts', row: 13, column: 'ips', code: 'INVALID_IP', value: '10.0.0.999' },
      { sheet: 'hosts', row: 23, column: 'unitCode', code: 'IMPORT_ROW_UNKNOWN_UNIT', value: 'NOPE-1' },
      { sheet: 'contacts', row: 43, column: 'phone', code: 'IMPORT_ROW_REQUIRED', value: null },
    ];
    expect(job.errors.items.map(({ message: _m, ...e }) => e)).toEqual(expected);
    expect(job.errors.items[0]?.message).toBe('日期格式不正確，請填 2026-03-01 或民國 115/03/01。');

    // Only the job itself was stored.
    expect(await counts()).toEqual({ ...before, jobs: before.jobs + 1 });

    const refused = await commit(job.id);
    expect(refused.statusCode).toBe(409);
    expect(json(refused)).toMatchObject({ error: { code: 'IMPORT_HAS_ERRORS' } });
    expect(await counts()).toEqual({ ...before, jobs: before.jobs + 1 });

    // Errors page by sheet, in the caller's language.
    const hosts = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${job.id}?sheet=hosts&page=2&pageSize=1`,
      headers: { ...admin, 'accept-language': 'en' },
    });
    expect(json(hosts)).toMatchObject({
      errors: {
        total: 2,
        page: 2,
        items: [
          { row: 23, code: 'IMPORT_ROW_UNKNOWN_UNIT', message: 'Unknown unit code, or a unit you do not manage.' },
        ],
      },
    });
  });

  it('commits a clean 2,000-row workbook in one go, judged by the policy in force', async () => {
    const before = await counts();
    const eventsBefore = await commitEvents();
    const job = await preview(await buildImportWorkbook(twoThousandRows('C')));
    expect(job).toMatchObject({ errorCount: 0, canCommit: true });

    const res = await commit(job.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(json(res)).toMatchObject({ status: 'committed', canCommit: false });
    expect(await counts()).toEqual({
      contracts: before.contracts + 2,
      systems: before.systems + 499,
      hosts: before.hosts + 499,
      contacts: before.contacts + 1000,
      links: before.links + 499 * 2,
      jobs: before.jobs + 1,
    });

    const required = INITIAL_POLICY_RULES.contractClauses.filter((c) => c.required).map((c) => c.code);
    const contracts = await queryRows<{ status: string; missing: string[]; version: number; unit: string }>(
      t.db.db,
      sql`select c.compliance_status as status, c.missing_clauses as missing, p.version, u.code as unit
        from contracts c join policy_versions p on p.id = c.policy_version_id
        join organisations u on u.id = c.unit_id where c.number like 'C-C-%' order by c.number`,
    );
    expect(contracts).toEqual([
      { status: 'non_compliant', missing: required, version: 1, unit: 'UNIT-A' },
      { status: 'non_compliant', missing: required, version: 1, unit: 'UNIT-B' },
    ]);
    const [system] = await queryRows<Record<string, unknown>>(
      t.db.db,
      sql`select s.contacts_confirmed_at, s.launch_date::text as launch_date, s.protection_level, s.handles_personal_data, s.urls,
        (select array_agg(h.hostname) from system_hosts sh join hosts h on h.id = sh.host_id where sh.system_id = s.id) as hosts,
        (select array_agg(c.number) from contract_systems cs join contracts c on c.id = cs.contract_id where cs.system_id = s.id) as contracts,
        (select count(*)::int from system_contacts sc where sc.system_id = s.id) as contacts
        from systems s where s.name = 'C 系統 1'`,
    );
    expect(system).toEqual({
      contacts_confirmed_at: null,
      launch_date: '2024-08-01',
      protection_level: 'normal',
      handles_personal_data: true,
      urls: ['https://s1.c.example.edu.tw'],
      hosts: ['c-web-1'],
      contracts: ['C-C-1'],
      contacts: 3,
    });
    const [event] = await queryRows<{ summary: { counts: Record<string, number> }; target_id: string }>(
      t.db.db,
      sql`select summary, target_id from audit_events where action = 'import.commit' order by seq desc limit 1`,
    );
    expect(await commitEvents()).toBe((eventsBefore ?? 0) + 1);
    expect(event).toMatchObject({
      target_id: job.id,
      summary: { counts: { units: 0, vendors: 0, contracts: 2, systems: 499, hosts: 499, contacts: 1000 } },
    });

    const again = await commit(job.id);
    expect(again.statusCode).toBe(409);
    expect(json(again)).toMatchObject({ error: { code: 'IMPORT_NOT_PENDING' } });
  });

  it('rolls everything back when a row conflicts with data written since the preview', async () => {
    const job = await preview(await buildImportWorkbook(twoThousandRows('K')));
    expect(job.canCommit).toBe(true);
    // Someone adds a host the file also has, between preview and commit.
    await makeHost(t.db.db, { orgId: w.orgs.unitB.id, hostname: 'k-web-400' });
    const before = await counts();

    const res = await commit(job.id);
    expect(res.statusCode).toBe(409);
    expect(json(res)).toMatchObject({ error: { code: 'IMPORT_CONFLICT' } });
    expect(await counts()).toEqual(before);
    const [named] = await queryRows<{ n: number }>(
      t.db.db,
      sql`select count(*)::int as n from systems where name like 'K 系統%'`,
    );
    expect(named?.n).toBe(0);
    // The claim on the job was rolled back with the rest.
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}`, headers: admin });
    expect(json(after)).toMatchObject({ status: 'preview', committedAt: null });
  });

  // The commit writes through the owning modules' services in turn (organisations, contracts,
  // systems, hosts, contacts): a failure in a later one must undo what the earlier ones wrote.
  it.each([
    { table: 'hosts', sheet: 'hosts', field: 'hostname', value: 'boom-host', written: 'units, contracts, systems' },
    { table: 'system_contacts', sheet: 'contacts', field: 'name', value: 'boom-contact', written: 'every other sheet' },
  ] as const)(
    'writes nothing from the file when the $table insert fails midway through the commit (after $written)',
    async ({ table, sheet, field, value }) => {
      const sheets = twoThousandRows(table === 'hosts' ? 'M' : 'N');
      const rows: Record<string, unknown>[] = sheets[sheet];
      Object.assign(rows[rows.length - 1] ?? {}, { [field]: value });
      const job = await preview(await buildImportWorkbook(sheets));
      expect(job.canCommit).toBe(true);
      await t.db.db.execute(
        sql.raw(`create function custodian_test_boom() returns trigger language plpgsql as $$
        begin if new.${field} = '${value}' then raise exception 'boom'; end if; return new; end $$`),
      );
      await t.db.db.execute(
        sql.raw(
          `create trigger custodian_test_boom before insert on ${table} for each row execute function custodian_test_boom()`,
        ),
      );
      const before = await counts();
      const eventsBefore = await commitEvents();
      try {
        const res = await commit(job.id);
        expect(res.statusCode).toBe(500);
      } finally {
        await t.db.db.execute(sql.raw(`drop trigger custodian_test_boom on ${table}`));
        await t.db.db.execute(sql.raw('drop function custodian_test_boom()'));
      }
      expect(await counts()).toEqual(before);
      expect(await commitEvents()).toBe(eventsBefore);
      const prefix = table === 'hosts' ? 'M' : 'N';
      const [named] = await queryRows<{ n: number }>(
        t.db.db,
        sql`select (select count(*)::int from systems where name like ${`${prefix} 系統%`}) + (select count(*)::int from contracts where number like ${`${prefix}-%`}) as n`,
      );
      expect(named?.n).toBe(0);
      // The claim on the job was rolled back with the rest: it can still be committed.
      const after = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${job.id}`, headers: admin });
      expect(json(after)).toMatchObject({ status: 'preview', committedAt: null });
    },
  );

  it('lets only one of two simultaneous commits add the same system, and the other writes nothing', async () => {
    const sheets = (host: string) =>
      buildImportWorkbook({
        systems: [
          {
            unitCode: 'UNIT-A',
            name: '同時匯入系統',
            kind: '網站',
            environment: '正式',
            status: '規劃中',
            protectionLevel: '普',
            handlesPersonalData: '否',
          },
        ],
        hosts: [{ unitCode: 'UNIT-A', hostname: host, ips: '192.0.2.90', systemNames: '同時匯入系統' }],
      });
    // Two users: one user's imports take turns before they reach the database (IMPORT_BUSY).
    const unitAdmin = await loginAs(t, w.users.unitAdminA.id);
    const first = await preview(await sheets('race-1'), 'race-1.xlsx');
    const upload = await uploadImport(t, unitAdmin, { content: await sheets('race-2'), filename: 'race-2.xlsx' });
    const second = json<ImportJobDetail>(upload);
    expect([first.errorCount, second.errorCount]).toEqual([0, 0]);

    const results = await Promise.all([
      commit(first.id),
      t.app.inject({ method: 'POST', url: `/api/v1/imports/${second.id}/commit`, headers: unitAdmin }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.statusCode === 409);
    expect(json(refused ?? results[0])).toMatchObject({ error: { code: 'IMPORT_CONFLICT' } });
    const written = await queryRows<{ systems: number; hosts: number }>(
      t.db.db,
      sql`select (select count(*)::int from systems where name = '同時匯入系統') as systems,
        (select count(*)::int from hosts where hostname like 'race-%') as hosts`,
    );
    expect(written).toEqual([{ systems: 1, hosts: 1 }]);
  });

  it('imports a CSV sheet, named or recognised from its header row', async () => {
    const rows: SampleRow[] = [
      { unitCode: 'UNIT-A', hostname: 'csv-db-1', ips: '192.0.2.20; 2001:DB8::20', os: 'Debian 12', location: '雲端' },
      { unitCode: 'UNIT-A', hostname: 'csv-db-2', ips: '192.0.2.21' },
    ];
    const named = await preview(buildImportCsv('hosts', rows), 'hosts.csv', '主機');
    expect(named).toMatchObject({ format: 'csv', counts: { hosts: 2 }, errorCount: 0 });
    const recognised = await preview(buildImportCsv('hosts', rows), 'hosts.csv');
    expect(recognised).toMatchObject({ format: 'csv', counts: { hosts: 2 }, errorCount: 0 });
    await t.app.inject({ method: 'POST', url: `/api/v1/imports/${recognised.id}/discard`, headers: admin });

    expect((await commit(named.id)).statusCode).toBe(200);
    const hosts = await queryRows<{ hostname: string; ips: string[]; location: string }>(
      t.db.db,
      sql`select hostname, ips, location from hosts where hostname like 'csv-db-%' order by hostname`,
    );
    expect(hosts).toEqual([
      { hostname: 'csv-db-1', ips: ['192.0.2.20', '2001:db8::20'], location: 'cloud' },
      { hostname: 'csv-db-2', ips: ['192.0.2.21'], location: 'on_premise' },
    ]);

    const bad = await preview(
      buildImportCsv('hosts', [{ unitCode: 'UNIT-A', hostname: 'csv-db-3', ips: '300.1.1.1' }]),
      'h.csv',
    );
    expect(bad.errors.items.map((e) => [e.row, e.column, e.code])).toEqual([[3, 'ips', 'INVALID_IP']]);
  });

  it('reads a Big5 CSV as Excel on zh-TW Windows saves it', async () => {
    // "Unit code,Host name,Role" then UNIT-A,big5-host,中文 (中 = A4 A4, 文 = A4 E5 in Big5).
    const content = Buffer.concat([
      Buffer.from('Unit code,Host name,Role\r\nUNIT-A,big5-host,', 'ascii'),
      Buffer.from([0xa4, 0xa4, 0xa4, 0xe5]),
      Buffer.from('\r\n', 'ascii'),
    ]);
    const job = await preview(content, 'big5.csv');
    expect(job).toMatchObject({ counts: { hosts: 1 }, errorCount: 0 });
    expect((await commit(job.id)).statusCode).toBe(200);
    const [host] = await queryRows<{ role: string }>(t.db.db, sql`select role from hosts where hostname = 'big5-host'`);
    expect(host?.role).toBe('中文');
  });
});
