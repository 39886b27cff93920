import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { EXPORT_LISTS, type ExportList, type ImportJobDetail } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeOrganisation, makeUser, makeWorld, type World } from '../../db/factories.js';
import { makeRegistryWorld } from '../../db/registry-factories.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import { uploadImport } from '../../test/matrix/imports.js';
import { buildImportWorkbook, sampleOnboardingSheets, type SampleSheets } from './imports.sample.js';

/** Exports: the template's columns within the caller's scope, and a round trip into an empty registry. */
describe('exports', () => {
  let source: TestApp;
  let target: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let targetAdmin: Record<string, string>;

  const RICH: SampleSheets = {
    units: [
      { code: 'RT-U1', name: '往返大學', nameEn: 'Round Trip University', unitType: '學校' },
      { code: 'RT-V1', name: '往返資訊公司', parentCode: 'RT-U1' },
    ],
    contracts: [
      {
        number: 'RT-C-1',
        name: '往返網站案',
        type: '採購',
        divisionCode: 'MOE-DIT',
        ownerEmail: 'owner@moe.gov.tw',
        unitCode: 'RT-U1',
        periodStart: '115/01/01',
        periodEnd: '115/12/31',
        amount: 2_500_000,
        subcontractorCodes: 'RT-V1',
        notes: '第一行\n第二行',
      },
    ],
    systems: [
      {
        unitCode: 'RT-U1',
        name: '往返入口網',
        kind: '網站',
        urls: 'https://rt.example.edu.tw\nhttps://www.rt.example.edu.tw',
        environment: '預備',
        status: '已下線',
        launchDate: '2020-02-29',
        decommissionDate: '2025-12-31',
        protectionLevel: '中',
        handlesPersonalData: '是',
        personalDataCategories: '學號、姓名',
        personalDataPurpose: '學籍管理',
        personalDataLegalBasis: '學位授予法',
        exitPlan: '資料移轉後下線',
        description: '=SUM(A1:A2) 不是公式',
        contractNumbers: 'RT-C-1',
      },
    ],
    hosts: [
      {
        unitCode: 'RT-U1',
        hostname: 'rt-web-01',
        ips: '192.0.2.50\n2001:db8::50',
        os: 'RHEL 9',
        role: 'web',
        location: '雲端',
        site: 'AWS ap-northeast-1',
        systemNames: '往返入口網',
        notes: '備註',
      },
    ],
    contacts: [
      {
        unitCode: 'RT-U1',
        systemName: '往返入口網',
        kind: '維護單位',
        name: '吳工程師',
        organisation: '往返資訊公司',
        title: '專案經理',
        phone: '+886 2 2345 6789',
        email: 'pm@rt-vendor.example.com',
      },
    ],
  };

  const commit = async (t: TestApp, session: Record<string, string>, content: Buffer) => {
    const res = await uploadImport(t, session, { content, filename: 'x.xlsx' });
    const job = json<ImportJobDetail>(res);
    expect(job.errors.items, res.body).toEqual([]);
    const done = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${job.id}/commit`, headers: session });
    expect(done.statusCode, done.body).toBe(200);
    return job;
  };
  const exportOf = (t: TestApp, session: Record<string, string>, list: ExportList, query = '') =>
    t.app.inject({ method: 'GET', url: `/api/v1/exports/${list}.xlsx${query}`, headers: session });
  /** The data rows (from row 3) of an export, as text. */
  const rowsOf = async (payload: Buffer): Promise<string[][]> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(payload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    const out: string[][] = [];
    sheet?.eachRow((row, n) => {
      if (n >= 3) {
        const values = row.values as unknown[];
        // Array.from visits the holes exceljs leaves for empty cells.
        out.push(
          Array.from({ length: 16 }, (_, i) => values[i + 1]).map((v) =>
            v === null || v === undefined ? '' : String(v),
          ),
        );
      }
    });
    return out;
  };

  beforeAll(async () => {
    source = await createTestApp();
    w = await makeWorld(source.db.db);
    await makeRegistryWorld(source.db.db, w);
    admin = await loginAs(source, w.users.ministryAdmin.id);
    await commit(source, admin, await buildImportWorkbook(RICH));
    await commit(
      source,
      admin,
      await buildImportWorkbook(
        sampleOnboardingSheets({ unitCodes: ['RT-U1', 'UNIT-A'], rows: 40, divisionCode: 'MOE-DIT', prefix: 'E' }),
      ),
    );

    // An empty registry: only the Ministry, its division and the business owner's account.
    target = await createTestApp();
    const ministry = await makeOrganisation(target.db.db, { kind: 'ministry', code: 'MOE', name: '教育部' });
    await makeOrganisation(target.db.db, {
      kind: 'division',
      code: 'MOE-DIT',
      name: '資訊及科技教育司',
      parentId: ministry.id,
    });
    const targetAdminUser = await makeUser(target.db.db, { orgId: ministry.id, role: 'ministry_admin' });
    await makeUser(target.db.db, { orgId: ministry.id, role: 'ministry_owner', email: 'owner@moe.gov.tw' });
    targetAdmin = await loginAs(target, targetAdminUser.id);
  });
  afterAll(async () => {
    await source.close();
    await target.close();
  });

  it('exports every list in the template layout, named with the date', async () => {
    const res = await exportOf(source, admin, 'systems', '?q=%E5%BE%80%E8%BF%94');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="systems-\d{8}\.xlsx"; filename\*=UTF-8''/,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.name).toBe('系統');
    expect(sheet?.getRow(1).getCell(1).value).toBe('單位代碼 *');
    expect(sheet?.getRow(2).getCell(1).value).toBe('Unit code *');
    expect((await rowsOf(res.rawPayload)).map((r) => r.slice(0, 16))).toEqual([
      [
        'RT-U1',
        '往返入口網',
        '網站',
        'https://rt.example.edu.tw\nhttps://www.rt.example.edu.tw',
        '預備',
        '已下線',
        '2020-02-29',
        '2025-12-31',
        '中',
        '是',
        '學號、姓名',
        '學籍管理',
        '學位授予法',
        '資料移轉後下線',
        '=SUM(A1:A2) 不是公式',
        'RT-C-1',
      ],
    ]);
    const [event] = await queryRows<{ summary: { list: string } }>(
      source.db.db,
      sql`select summary from audit_events where action = 'registry.export' order by seq desc limit 1`,
    );
    expect(event?.summary.list).toBe('systems');
  });

  it('honours the list filters and the caller’s scope', async () => {
    const online = await rowsOf((await exportOf(source, admin, 'systems', '?status=online')).rawPayload);
    expect(online.every((r) => r[5] === '上線中')).toBe(true);
    expect(online).toHaveLength(9);
    const overdue = await rowsOf((await exportOf(source, admin, 'systems', '?contactsOverdue=true')).rawPayload);
    // Never confirmed and not decommissioned: all but the round-trip system.
    expect(overdue).toHaveLength(11);
    expect(overdue.some((r) => r[1] === '往返入口網')).toBe(false);
    const high = await rowsOf((await exportOf(source, admin, 'systems', '?protectionLevel=high')).rawPayload);
    expect(high.map((r) => r[1]).sort()).toEqual(['E 系統 3', 'E 系統 6', 'E 系統 9']);
    const procurement = await rowsOf((await exportOf(source, admin, 'contracts', '?type=procurement')).rawPayload);
    expect(procurement.map((r) => r[0])).toEqual(['RT-C-1']);
    const cloud = await rowsOf((await exportOf(source, admin, 'hosts', '?location=cloud')).rawPayload);
    expect(cloud.map((r) => r[1]).sort()).toEqual(['e-web-1', 'e-web-5', 'e-web-9', 'rt-web-01']);
    const vendors = await rowsOf((await exportOf(source, admin, 'units', '?kind=vendor')).rawPayload);
    expect(vendors.map((r) => [r[0], r[4]])).toEqual([
      ['RT-V1', 'RT-U1'],
      ['VENDOR-A', 'UNIT-A'],
    ]);
    const unitA = await rowsOf((await exportOf(source, admin, 'hosts', `?orgId=${w.orgs.unitA.id}`)).rawPayload);
    expect(new Set(unitA.map((r) => r[0]))).toEqual(new Set(['UNIT-A']));

    const unitAdminA = await loginAs(source, w.users.unitAdminA.id);
    const contracts = await rowsOf((await exportOf(source, unitAdminA, 'contracts')).rawPayload);
    expect(contracts.map((r) => r[0]).sort()).toEqual(['E-C-2', 'MATRIX-A']);
    // Ministry staff e-mail addresses go to Ministry roles only.
    expect(contracts.every((r) => r[4] === '')).toBe(true);
    const units = await rowsOf((await exportOf(source, unitAdminA, 'units')).rawPayload);
    expect(units.map((r) => r[0])).toEqual(['UNIT-A', 'VENDOR-A']);

    const owner = await loginAs(source, w.users.ministryOwner.id);
    const supervised = await rowsOf((await exportOf(source, owner, 'contracts')).rawPayload);
    // Unit A's contracts, and the round-trip contract whose business owner they are.
    expect(supervised.map((r) => r[0]).sort()).toEqual(['E-C-2', 'MATRIX-A', 'RT-C-1']);
    expect(supervised.find((r) => r[0] === 'MATRIX-A')?.[4]).toBe('owner@moe.gov.tw');
  });

  /** Every item of a list, page by page, as the list page would show them. */
  const listAll = async (path: string, query: Record<string, string>) => {
    const items: Record<string, unknown>[] = [];
    for (let page = 1; ; page += 1) {
      const search = new URLSearchParams({ ...query, page: String(page), pageSize: '100' });
      const res = await source.app.inject({ method: 'GET', url: `/api/v1${path}?${search}`, headers: admin });
      expect(res.statusCode, res.body).toBe(200);
      const body = json<{ items: Record<string, unknown>[]; total: number }>(res);
      items.push(...body.items);
      if (items.length >= body.total || body.items.length === 0) {
        return items;
      }
    }
  };
  const exportKeys = async (list: ExportList, query: Record<string, string>, column: number) =>
    (await rowsOf((await exportOf(source, admin, list, `?${new URLSearchParams(query)}`)).rawPayload))
      .map((r) => r[column] ?? '')
      .sort();

  it('holds exactly the rows of its list, for each list filter and for all of them at once', async () => {
    const systems = await listAll('/systems', {});
    const rt = systems.find((s) => s.name === '往返入口網');
    const hosts = await listAll('/hosts', {});
    const rtHost = hosts.find((h) => h.hostname === 'rt-web-01');
    const rtUnit = (await listAll('/organisations', { q: 'RT-U1' }))[0];
    const contracts = await listAll('/contracts', {});
    const rtContract = contracts.find((c) => c.number === 'RT-C-1');
    expect([rt, rtHost, rtUnit, rtContract].every((r) => r !== undefined)).toBe(true);
    const id = (r: Record<string, unknown> | undefined) => String(r?.id);

    // Each list's filters, one at a time and all at once; the first set of each is the
    // one the old export dropped or searched differently (divisionId, ownerUserId, URLs).
    const cases: { list: ExportList; path: string; key: string; column: number; filters: Record<string, string>[] }[] =
      [
        {
          list: 'contracts',
          path: '/contracts',
          key: 'number',
          column: 0,
          filters: [
            { divisionId: w.orgs.division.id },
            { ownerUserId: w.users.ministryOwner.id },
            { q: 'rt-c' },
            { unitId: w.orgs.unitA.id },
            { type: 'procurement' },
            { complianceStatus: 'non_compliant' },
            {
              divisionId: w.orgs.division.id,
              ownerUserId: w.users.ministryOwner.id,
              q: 'matrix',
              unitId: w.orgs.unitA.id,
            },
          ],
        },
        {
          list: 'systems',
          path: '/systems',
          key: 'name',
          column: 1,
          filters: [
            { q: 'rt.example.edu.tw' },
            { orgId: id(rtUnit) },
            { status: 'online' },
            { protectionLevel: 'high' },
            { environment: 'staging' },
            { kind: 'website' },
            { contractId: id(rtContract) },
            { hostId: id(rtHost) },
            { handlesPersonalData: 'true' },
            { contactsOverdue: 'true' },
            { contactsOverdue: 'false' },
            {
              q: 'example',
              orgId: id(rtUnit),
              status: 'decommissioned',
              environment: 'staging',
              kind: 'website',
              contractId: id(rtContract),
              hostId: id(rtHost),
              handlesPersonalData: 'true',
              contactsOverdue: 'false',
            },
          ],
        },
        {
          list: 'hosts',
          path: '/hosts',
          key: 'hostname',
          column: 1,
          filters: [
            { q: '2001:db8::50' },
            { systemId: id(rt) },
            { orgId: w.orgs.unitA.id },
            { location: 'cloud' },
            { active: 'true' },
            { q: 'web', location: 'cloud', active: 'true', orgId: id(rtUnit), systemId: id(rt) },
          ],
        },
        {
          list: 'units',
          path: '/organisations',
          key: 'code',
          column: 0,
          filters: [
            { parentId: id(rtUnit) },
            { q: 'round trip' },
            { kind: 'vendor' },
            { active: 'true' },
            { q: 'rt', kind: 'vendor', parentId: id(rtUnit), active: 'true' },
          ],
        },
      ];
    for (const { list, path, key, column, filters } of cases) {
      for (const query of filters) {
        const listed = (await listAll(path, query))
          // The units export holds the commissioned units and vendors of the organisations list.
          .filter((item) => list !== 'units' || item.kind === 'unit' || item.kind === 'vendor')
          .map((item) => String(item[key]))
          .sort();
        const exported = await exportKeys(list, query, column);
        expect(exported, `${list} ${JSON.stringify(query)}`).toEqual(listed);
        expect(listed.length, `${list} ${JSON.stringify(query)} matches something`).toBeGreaterThan(0);
      }
    }

    // Contacts: those of exactly the systems the systems list shows.
    const contactQueries: Record<string, string>[] = [
      { q: 'rt.example.edu.tw' },
      { orgId: id(rtUnit), status: 'decommissioned' },
    ];
    for (const query of contactQueries) {
      const listed = (await listAll('/systems', query))
        .filter((s) => Number(s.contactCount) > 0)
        .map((s) => String(s.name));
      const exported = [...new Set(await exportKeys('contacts', query, 1))];
      expect(exported, `contacts ${JSON.stringify(query)}`).toEqual([...new Set(listed)].sort());
      expect(exported.length).toBeGreaterThan(0);
    }
  });

  it('refuses an invalid filter value with 400', async () => {
    const res = await exportOf(source, admin, 'contracts', '?status=online&unitId=not-a-uuid');
    expect(res.statusCode).toBe(400);
  });

  it('re-imports into an empty registry unchanged', async () => {
    const exported: Partial<Record<ExportList, Buffer>> = {};
    for (const list of EXPORT_LISTS) {
      const res = await exportOf(source, admin, list);
      expect(res.statusCode).toBe(200);
      exported[list] = res.rawPayload;
    }
    for (const list of EXPORT_LISTS) {
      await commit(target, targetAdmin, exported[list] ?? Buffer.alloc(0));
    }
    for (const list of EXPORT_LISTS) {
      const again = await exportOf(target, targetAdmin, list);
      expect(await rowsOf(again.rawPayload), list).toEqual(await rowsOf(exported[list] ?? Buffer.alloc(0)));
    }
    const [counts] = await queryRows<Record<string, number>>(
      target.db.db,
      sql`select (select count(*)::int from systems) as systems, (select count(*)::int from system_hosts) as served,
        (select count(*)::int from contract_systems) as linked, (select count(*)::int from contract_subcontractors) as subs`,
    );
    expect(counts).toEqual({ systems: 12, served: 12, linked: 12, subs: 1 });
  });
});
