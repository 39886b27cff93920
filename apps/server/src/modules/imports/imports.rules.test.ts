import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { ImportJobDetail } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeRegistryWorld } from '../../db/registry-factories.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { uploadImport } from '../../test/matrix/imports.js';
import { buildImportCsv, buildImportWorkbook, type SampleRow, type SampleSheets } from './imports.sample.js';

/** Row rules, references within the file and to the database, tenancy and the job's life. */
describe('imports: rules, tenancy and job life', () => {
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let unitAdminB: Record<string, string>;

  const contact = (extra: SampleRow): SampleRow => ({
    kind: '業務負責人',
    name: '李業務',
    phone: '02-2345-6789',
    email: 'biz@example.edu.tw',
    ...extra,
  });
  const preview = async (session: Record<string, string>, sheets: SampleSheets) => {
    const res = await uploadImport(t, session, { content: await buildImportWorkbook(sheets), filename: 'rules.xlsx' });
    expect(res.statusCode, res.body).toBe(201);
    return json<ImportJobDetail>(res);
  };
  const errorsOf = (job: ImportJobDetail) => job.errors.items.map((e) => [e.sheet, e.row, e.column, e.code]);

  const VALID: SampleSheets = {
    units: [
      { code: 'NEW-U1', name: '國立新單位大學', nameEn: 'New University', unitType: '學校' },
      { code: 'NEW-V1', name: '新廠商股份有限公司', parentCode: 'NEW-U1' },
    ],
    contracts: [
      {
        number: 'K-1',
        name: '新單位網站維運案',
        type: '委辦',
        divisionCode: 'MOE-DIT',
        ownerEmail: 'OWNER@moe.gov.tw',
        unitCode: 'NEW-U1',
        periodStart: '115/01/01',
        periodEnd: '115-12-31',
        amount: '1,000,000',
        subcontractorCodes: 'NEW-V1',
      },
    ],
    systems: [
      { unitCode: 'NEW-U1', name: '新系統', protectionLevel: '高', contractNumbers: 'K-1', handlesPersonalData: '否' },
    ],
    hosts: [
      { unitCode: 'NEW-U1', hostname: 'new-web', ips: '192.0.2.10, 2001:db8::1', systemNames: '新系統' },
      { unitCode: 'UNIT-A', hostname: 'a-extra', systemNames: 'A 系統' },
    ],
    contacts: [
      contact({
        unitCode: 'NEW-U1',
        systemName: '新系統',
        kind: '維護單位',
        organisation: '新廠商股份有限公司',
        email: 'm@vendor.example.com',
      }),
    ],
  };

  beforeAll(async () => {
    t = await createTestApp();
    w = await makeWorld(t.db.db);
    await makeRegistryWorld(t.db.db, w);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    unitAdminB = await loginAs(t, w.users.unitAdminB.id);
  });
  afterAll(async () => t.close());

  it('reports every broken rule at its sheet, row and column', async () => {
    const job = await preview(admin, {
      units: [
        ...(VALID.units ?? []),
        { code: 'UNIT-A', name: '重複' },
        { code: 'NEW-U1', name: '再一次' },
        { code: 'x', name: '代碼太短' },
        { code: 'NEW-V2', name: '廠商之廠商', parentCode: 'NEW-V1' },
        { code: 'NEW-U2', name: null },
        { code: 'NEW-U3', name: '類型錯', unitType: '大學' },
      ],
      contracts: [
        ...(VALID.contracts ?? []),
        { ...VALID.contracts?.[0], number: 'k-1' },
        { ...VALID.contracts?.[0], number: 'K-2', divisionCode: 'UNIT-A' },
        { ...VALID.contracts?.[0], number: 'K-3', ownerEmail: 'admin@moe.gov.tw' },
        { ...VALID.contracts?.[0], number: 'K-4', periodStart: '2026-05-01', periodEnd: '2026-04-01' },
        { ...VALID.contracts?.[0], number: 'K-5', type: '標案' },
        { ...VALID.contracts?.[0], number: 'K-6', amount: '-5' },
        { ...VALID.contracts?.[0], number: 'K-7', subcontractorCodes: 'UNIT-B' },
        { ...VALID.contracts?.[0], number: 'K-8', unitCode: 'VENDOR-A' },
        { ...VALID.contracts?.[0], number: 'K-9', ownerEmail: 'not-an-email' },
        { ...VALID.contracts?.[0], number: 'matrix-a' },
      ],
      systems: [
        ...(VALID.systems ?? []),
        { unitCode: 'NEW-U1', name: '新系統 ', protectionLevel: '普' },
        { unitCode: 'UNIT-A', name: 's5', protectionLevel: '超高' },
        {
          unitCode: 'UNIT-A',
          name: 's6',
          protectionLevel: '普',
          handlesPersonalData: '是',
          personalDataCategories: '姓名',
        },
        { unitCode: 'UNIT-A', name: 's7', protectionLevel: '普', contractNumbers: 'K-1' },
        { unitCode: 'UNIT-A', name: 's8', protectionLevel: '普', contractNumbers: 'NOPE-C' },
        { unitCode: 'UNIT-A', name: 's9', protectionLevel: '普', urls: 'ftp://files.example.edu.tw' },
        { unitCode: 'UNIT-A', name: 's10', protectionLevel: '普', status: '上線中', decommissionDate: '2026-01-01' },
        { unitCode: 'UNIT-A', name: 's11', protectionLevel: '普', status: '已下線' },
        {
          unitCode: 'UNIT-A',
          name: 's12',
          protectionLevel: '普',
          status: '已下線',
          launchDate: '2026-01-01',
          decommissionDate: '2025-01-01',
        },
        { unitCode: 'VENDOR-A', name: 's13', protectionLevel: '普' },
        { unitCode: 'UNIT-A', name: 'a 系統', protectionLevel: '普' },
        { unitCode: 'UNIT-A', name: 's15', protectionLevel: '普', contractNumbers: 'MATRIX-B' },
      ],
      hosts: [
        ...(VALID.hosts ?? []),
        { unitCode: 'NEW-U1', hostname: 'NEW-WEB' },
        { unitCode: 'UNIT-A', hostname: 'bad_host!' },
        { unitCode: 'UNIT-A', hostname: 'h6', systemNames: '不存在的系統' },
        { unitCode: 'UNIT-A', hostname: 'h7', location: '月球' },
        { unitCode: 'UNIT-A', hostname: 'WEB-A' },
      ],
      contacts: [
        ...(VALID.contacts ?? []),
        contact({ unitCode: 'NEW-U1', systemName: '新系統', kind: '維護單位', organisation: '另一家' }),
        contact({ unitCode: 'NEW-U1', systemName: '新系統', phone: '123' }),
        contact({ unitCode: 'UNIT-A', systemName: 's7', kind: '維護單位' }),
        contact({ unitCode: 'UNIT-A', systemName: '不存在' }),
      ],
    });
    expect(errorsOf(job)).toEqual([
      ['units', 5, 'code', 'ORG_CODE_TAKEN'],
      ['units', 6, 'code', 'IMPORT_ROW_DUPLICATE'],
      ['units', 7, 'code', 'IMPORT_ROW_INVALID_CODE'],
      ['units', 8, 'parentCode', 'IMPORT_ROW_UNKNOWN_UNIT'],
      ['units', 9, 'name', 'IMPORT_ROW_REQUIRED'],
      ['units', 10, 'unitType', 'IMPORT_ROW_INVALID_OPTION'],
      ['contracts', 4, 'number', 'IMPORT_ROW_DUPLICATE'],
      ['contracts', 5, 'divisionCode', 'IMPORT_ROW_UNKNOWN_DIVISION'],
      ['contracts', 6, 'ownerEmail', 'IMPORT_ROW_UNKNOWN_OWNER'],
      ['contracts', 7, 'periodEnd', 'CONTRACT_PERIOD_INVALID'],
      ['contracts', 8, 'type', 'IMPORT_ROW_INVALID_OPTION'],
      ['contracts', 9, 'amount', 'IMPORT_ROW_INVALID_NUMBER'],
      ['contracts', 10, 'subcontractorCodes', 'IMPORT_ROW_UNKNOWN_VENDOR'],
      ['contracts', 11, 'unitCode', 'IMPORT_ROW_UNKNOWN_UNIT'],
      ['contracts', 12, 'ownerEmail', 'IMPORT_ROW_INVALID_EMAIL'],
      ['contracts', 13, 'number', 'CONTRACT_NUMBER_TAKEN'],
      ['systems', 4, 'name', 'IMPORT_ROW_DUPLICATE'],
      ['systems', 5, 'protectionLevel', 'IMPORT_ROW_INVALID_OPTION'],
      ['systems', 6, 'personalDataPurpose', 'PERSONAL_DATA_DETAILS_REQUIRED'],
      ['systems', 6, 'personalDataLegalBasis', 'PERSONAL_DATA_DETAILS_REQUIRED'],
      ['systems', 7, 'contractNumbers', 'LINK_ORG_MISMATCH'],
      ['systems', 8, 'contractNumbers', 'IMPORT_ROW_UNKNOWN_CONTRACT'],
      ['systems', 9, 'urls', 'IMPORT_ROW_INVALID_URL'],
      ['systems', 10, 'decommissionDate', 'IMPORT_ROW_NOT_DECOMMISSIONED'],
      ['systems', 11, 'decommissionDate', 'IMPORT_ROW_REQUIRED'],
      ['systems', 12, 'decommissionDate', 'SYSTEM_DATES_INVALID'],
      ['systems', 13, 'unitCode', 'SYSTEM_UNIT_INVALID'],
      ['systems', 14, 'name', 'IMPORT_ROW_SYSTEM_EXISTS'],
      ['systems', 15, 'contractNumbers', 'LINK_ORG_MISMATCH'],
      ['hosts', 5, 'hostname', 'IMPORT_ROW_DUPLICATE'],
      ['hosts', 6, 'hostname', 'INVALID_HOSTNAME'],
      ['hosts', 7, 'systemNames', 'IMPORT_ROW_UNKNOWN_SYSTEM'],
      ['hosts', 8, 'location', 'IMPORT_ROW_INVALID_OPTION'],
      ['hosts', 9, 'hostname', 'HOSTNAME_TAKEN'],
      ['contacts', 4, 'kind', 'IMPORT_ROW_DUPLICATE'],
      ['contacts', 5, 'phone', 'IMPORT_ROW_INVALID_PHONE'],
      ['contacts', 6, 'organisation', 'IMPORT_ROW_REQUIRED'],
      ['contacts', 7, 'systemName', 'IMPORT_ROW_UNKNOWN_SYSTEM'],
    ]);
  });

  it('links rows to each other and to recorded systems on commit', async () => {
    const job = await preview(admin, VALID);
    expect(errorsOf(job)).toEqual([]);
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    const [links] = await queryRows<Record<string, unknown>>(
      t.db.db,
      sql`select
        (select p.code from organisations o join organisations p on p.id = o.parent_id where o.code = 'NEW-V1') as vendor_parent,
        (select p.kind from organisations o join organisations p on p.id = o.parent_id where o.code = 'NEW-U1') as unit_parent,
        (select o.unit_type from organisations o where o.code = 'NEW-U1') as unit_type,
        (select array_agg(v.code) from contract_subcontractors cs join contracts c on c.id = cs.contract_id
          join organisations v on v.id = cs.vendor_id where c.number = 'K-1') as subcontractors,
        (select u.email from contracts c join users u on u.id = c.owner_user_id where c.number = 'K-1') as owner,
        (select c.amount::int from contracts c where c.number = 'K-1') as amount,
        (select array_agg(s.name order by s.name) from system_hosts sh join systems s on s.id = sh.system_id
          join hosts h on h.id = sh.host_id where h.hostname in ('new-web', 'a-extra')) as served,
        (select array_agg(h.ips) from hosts h where h.hostname = 'new-web') as ips,
        (select sc.organisation from system_contacts sc join systems s on s.id = sc.system_id where s.name = '新系統') as maintainer`,
    );
    expect(links).toEqual({
      vendor_parent: 'NEW-U1',
      unit_parent: 'ministry',
      unit_type: 'school',
      subcontractors: ['NEW-V1'],
      owner: 'owner@moe.gov.tw',
      amount: 1_000_000,
      served: ['A 系統', '新系統'],
      ips: [['192.0.2.10', '2001:db8::1']],
      maintainer: '新廠商股份有限公司',
    });
  });

  it('lets a unit admin import only into their own unit, and never units', async () => {
    const job = await preview(unitAdminA, {
      units: [{ code: 'UA-NEW', name: '單位管理者不可新增' }],
      contracts: [
        { ...VALID.contracts?.[0], number: 'UA-1', unitCode: 'UNIT-A', subcontractorCodes: 'VENDOR-A' },
        { ...VALID.contracts?.[0], number: 'UA-2', unitCode: 'UNIT-B', subcontractorCodes: null },
      ],
      systems: [
        { unitCode: 'UNIT-A', name: 'UA 系統', protectionLevel: '中', contractNumbers: 'UA-1' },
        { unitCode: 'UNIT-B', name: 'UB 系統', protectionLevel: '中' },
        { unitCode: 'UNIT-A', name: 'UA 系統 2', protectionLevel: '中', contractNumbers: 'MATRIX-B' },
        // Never scanned: online only through the Ministry (the pre-launch gate, items 四十二, 四十三).
        { unitCode: 'UNIT-A', name: 'UA 上線系統', protectionLevel: '中', status: '上線中' },
      ],
      contacts: [
        contact({ unitCode: 'UNIT-A', systemName: 'A 系統', kind: '應用系統負責人' }),
        contact({ unitCode: 'UNIT-A', systemName: 'A 系統', kind: '業務負責人' }),
        contact({ unitCode: 'UNIT-B', systemName: 'B 系統' }),
      ],
    });
    expect(errorsOf(job)).toEqual([
      ['units', 3, null, 'IMPORT_ROW_FORBIDDEN'],
      ['contracts', 4, 'unitCode', 'IMPORT_ROW_UNKNOWN_UNIT'],
      ['systems', 4, 'unitCode', 'IMPORT_ROW_UNKNOWN_UNIT'],
      // Unit B's contract is not even visible to unit A: unknown, not "another unit's".
      ['systems', 5, 'contractNumbers', 'IMPORT_ROW_UNKNOWN_CONTRACT'],
      ['systems', 6, 'status', 'IMPORT_ROW_SYSTEM_ONLINE'],
      // A recorded system of the unit: its system owner exists already, its business owner not yet.
      ['contacts', 3, 'kind', 'IMPORT_ROW_CONTACT_EXISTS'],
      ['contacts', 5, 'unitCode', 'IMPORT_ROW_UNKNOWN_UNIT'],
    ]);
    expect(job.errors.items[0]?.message).toBe('您沒有權限匯入此列。');
  });

  it("hides another user's job: reading, committing and discarding it answer 404", async () => {
    const res = await uploadImport(t, unitAdminB, {
      content: buildImportCsv('systems', [{ unitCode: 'UNIT-B', name: 'B 的系統', protectionLevel: '普' }]),
      filename: 'b.csv',
    });
    const id = json<{ id: string }>(res).id;
    for (const [method, url] of [
      ['GET', `/api/v1/imports/${id}`],
      ['POST', `/api/v1/imports/${id}/commit`],
      ['POST', `/api/v1/imports/${id}/discard`],
    ] as const) {
      for (const session of [unitAdminA, admin]) {
        const other = await t.app.inject({ method, url, headers: session });
        expect(other.statusCode, `${method} ${url}`).toBe(404);
      }
    }
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: unitAdminB });
    expect(json(own)).toMatchObject({ status: 'preview', canCommit: true });
  });

  it('discards a preview, and refuses to commit a discarded or expired one', async () => {
    const csv = (name: string) => buildImportCsv('systems', [{ unitCode: 'UNIT-A', name, protectionLevel: '普' }]);
    const first = json<{ id: string }>(
      await uploadImport(t, unitAdminA, { content: csv('丟棄系統'), filename: 'd.csv' }),
    );
    const discard = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${first.id}/discard`,
      headers: unitAdminA,
    });
    expect(json(discard)).toMatchObject({ status: 'discarded', canCommit: false });
    const [event] = await queryRows<{ action: string }>(
      t.db.db,
      sql`select action from audit_events where target_id = ${first.id} order by seq desc limit 1`,
    );
    expect(event?.action).toBe('import.discard');
    for (const action of ['commit', 'discard']) {
      const late = await t.app.inject({
        method: 'POST',
        url: `/api/v1/imports/${first.id}/${action}`,
        headers: unitAdminA,
      });
      expect(json(late)).toMatchObject({ error: { code: 'IMPORT_NOT_PENDING' } });
    }

    const second = json<{ id: string }>(
      await uploadImport(t, unitAdminA, { content: csv('過期系統'), filename: 'e.csv' }),
    );
    await t.db.db.execute(sql`update import_jobs set expires_at = now() - interval '1 minute' where id = ${second.id}`);
    const expired = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${second.id}`, headers: unitAdminA });
    expect(json(expired)).toMatchObject({ status: 'expired', canCommit: false });
    const commit = await t.app.inject({
      method: 'POST',
      url: `/api/v1/imports/${second.id}/commit`,
      headers: unitAdminA,
    });
    expect(json(commit)).toMatchObject({ error: { code: 'IMPORT_NOT_PENDING' } });
    const [named] = await queryRows<{ n: number }>(
      t.db.db,
      sql`select count(*)::int as n from systems where name in ('丟棄系統', '過期系統')`,
    );
    expect(named?.n).toBe(0);
  });
});
