import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { SAMPLES, uploadBody } from '../../test/attachments-samples.js';
import { and, eq } from 'drizzle-orm';
import type { AgreementStaff, Commitment } from '@custodian/shared';
import { makeWorld, type World } from '../../db/factories.js';
import { makeAllocation, makeContact, makeContract, makeHost, makeSystem } from '../../db/registry-factories.js';
import { scanFindings, scanImports } from '../../db/schema/index.js';
import { createTestClock } from '../../lib/clock.js';
import { systemContext } from '../../lib/context.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import type { ScanEvent } from '../scans/parsers/types.js';
import { importScanEvents } from '../scans/scans.import.js';
import { COMMITMENT_TEXT_VERSION } from './agreements.rules.js';

/*
 * Item 六 beyond the system and the contract (ADR 0028): a unit_member without a valid
 * commitment on a contract is refused the records of its systems (contacts, hosts,
 * allocations, scans, imports and findings) with COMMITMENT_REQUIRED, and the lists keep
 * those records, each marked with its `access` and the reason. Admins, the business owner
 * and a member with a confirmed commitment are unaffected; tenancy still answers first.
 */

type ErrorBody = { error: { code: string; params?: Record<string, string> } };
type Access = { open: boolean; reason: { code: string; params: Record<string, string> } | null };
type Row = { id: string; access: Access };

async function* oneFinding(): AsyncGenerator<ScanEvent> {
  yield { kind: 'meta', meta: { tool: 'enforcement' } };
  yield {
    kind: 'finding',
    finding: {
      ruleId: 'E1',
      title: 'Enforcement finding',
      severity: 'high',
      cves: [],
      cwes: [],
      references: [],
      asset: { ip: '10.0.0.9', port: 443, protocol: 'tcp' },
    },
  };
}

describe('item 六 on the records of a contract’s systems', () => {
  let t: TestApp;
  let w: World;
  let contractId: string;
  /** Tied to the contract that holds the agreement. */
  const blocked = {
    system: '',
    host: '',
    allocation: '',
    scan: '',
    scanImport: '',
    finding: '',
    pentest: '',
    attachment: '',
  };
  /** A system of the same unit on no contract: never refused. */
  let freeSystemId: string;
  let commitmentId: string;

  /** Every route of a record of the blocked system, and the list that shows it. */
  const detailUrls = () => [
    `/api/v1/systems/${blocked.system}/contacts`,
    `/api/v1/hosts/${blocked.host}`,
    `/api/v1/allocations/${blocked.allocation}`,
    `/api/v1/scans/${blocked.scan}`,
    `/api/v1/scans/imports/${blocked.scanImport}`,
    `/api/v1/scans/findings/${blocked.finding}`,
    `/api/v1/scans/launch-check?systemId=${blocked.system}`,
    `/api/v1/pentests/${blocked.pentest}`,
    `/api/v1/pentests/${blocked.pentest}/findings`,
    `/api/v1/attachments?ownerType=system&ownerId=${blocked.system}`,
    `/api/v1/attachments/${blocked.attachment}/download`,
  ];
  const lists = () => [
    { url: '/api/v1/systems?pageSize=100', id: blocked.system },
    { url: '/api/v1/hosts?pageSize=100', id: blocked.host },
    { url: '/api/v1/allocations?pageSize=100', id: blocked.allocation },
    { url: '/api/v1/scans?pageSize=100', id: blocked.scan },
    { url: '/api/v1/scans/findings?pageSize=100', id: blocked.finding },
    { url: '/api/v1/pentests?pageSize=100', id: blocked.pentest },
  ];
  const get = (url: string, headers: Record<string, string>) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp({ clock: createTestClock('2026-11-24T02:00:00Z') });
    w = await makeWorld(t.db.db);
    const db = t.db.db;
    contractId = (
      await makeContract(db, {
        unitId: w.orgs.unitA.id,
        divisionId: w.orgs.division.id,
        ownerUserId: w.users.ministryOwner.id,
      })
    ).id;
    blocked.system = (await makeSystem(db, { orgId: w.orgs.unitA.id, name: '受限系統', contractIds: [contractId] })).id;
    freeSystemId = (await makeSystem(db, { orgId: w.orgs.unitA.id, name: '開放系統' })).id;
    blocked.host = (
      await makeHost(db, { orgId: w.orgs.unitA.id, hostname: 'blocked-host', systemIds: [blocked.system] })
    ).id;
    await makeHost(db, { orgId: w.orgs.unitA.id, systemIds: [freeSystemId] });
    blocked.allocation = (await makeAllocation(db, { systemId: blocked.system, orgId: w.orgs.unitA.id })).id;
    await makeContact(db, { systemId: blocked.system });
    const now = t.deps.clock.now();
    // A fixture row, as a running upload leaves it (the scans module's own tests cover imports).
    const [row] = await db
      .insert(scanImports)
      .values({
        orgId: w.orgs.unitA.id,
        systemId: blocked.system,
        uploadedBy: null,
        fileName: 'e.json',
        fileKey: null,
        fileSize: 1,
        fileSha256: '0'.repeat(64),
        status: 'running',
        createdAt: now,
      })
      .returning({ id: scanImports.id });
    if (!row) {
      throw new Error('scan import fixture missing');
    }
    blocked.scanImport = row.id;
    blocked.scan = (
      await importScanEvents(t.deps, systemContext('test', now), {
        target: {
          importId: row.id,
          orgId: w.orgs.unitA.id,
          systemId: blocked.system,
          uploadedBy: null,
          format: 'generic_json',
          file: { key: '00/00/00000000000000000000000000000000', name: 'e.json', size: 1, sha256: '0'.repeat(64) },
        },
        events: oneFinding(),
        progress: { bytes: 0, findings: 0 },
      })
    ).scanId;
    const [finding] = await db
      .select({ id: scanFindings.id })
      .from(scanFindings)
      .where(and(eq(scanFindings.systemId, blocked.system), eq(scanFindings.tool, 'enforcement')));
    blocked.finding = finding?.id ?? '';

    // The agreement on the contract, with the member on its staff list and an unconfirmed commitment.
    const unitAdmin = await loginAs(t, w.users.unitAdminA.id);
    const pentest = await t.app.inject({
      method: 'POST',
      url: '/api/v1/pentests',
      headers: unitAdmin,
      payload: { systemId: blocked.system, title: '年度滲透測試', testerOrg: '測試公司', startOn: '2026-11-01' },
    });
    expect(pentest.statusCode, pentest.body).toBe(201);
    blocked.pentest = json<{ id: string }>(pentest).id;
    const file = uploadBody({
      ownerType: 'system',
      ownerId: blocked.system,
      filename: '架構圖.pdf',
      content: SAMPLES.pdf,
    });
    const attached = await t.app.inject({
      method: 'POST',
      url: '/api/v1/attachments',
      headers: { ...unitAdmin, ...file.headers },
      payload: file.payload,
    });
    expect(attached.statusCode, attached.body).toBe(201);
    blocked.attachment = json<{ id: string }>(attached).id;
    const agreement = json<{ id: string }>(
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/agreements',
        headers: unitAdmin,
        payload: { contractId, partyAName: '教育部', purpose: '維護', signedOn: '2026-11-24' },
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
    commitmentId = json<Commitment>(
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/agreements/${agreement.id}/commitments`,
        headers: unitAdmin,
        payload: { staffId: staff.id, address: '臺北市', nationalId: 'A123456789' },
      }),
    ).id;
  });
  afterAll(async () => t.close());

  it('refuses a member without a valid commitment every record of the system, with the reason', async () => {
    const member = await loginAs(t, w.users.unitMemberA.id);
    for (const url of detailUrls()) {
      const res = await get(url, member);
      expect(res.statusCode, url).toBe(403);
      expect(json<ErrorBody>(res).error, url).toMatchObject({
        code: 'COMMITMENT_REQUIRED',
        params: { contractId, state: 'unsigned' },
      });
    }
    // The system of no contract stays open to them.
    expect((await get(`/api/v1/systems/${freeSystemId}/contacts`, member)).statusCode).toBe(200);
  });

  it('keeps the records in the member’s lists, each marked blocked with the reason; the others open', async () => {
    const member = await loginAs(t, w.users.unitMemberA.id);
    for (const { url, id } of lists()) {
      const items = json<{ items: Row[] }>(await get(url, member)).items;
      const row = items.find((r) => r.id === id);
      expect(row?.access, url).toEqual({
        open: false,
        reason: { code: 'COMMITMENT_REQUIRED', params: { contractId, state: 'unsigned' } },
      });
      const others = items.filter((r) => r.id !== id);
      expect(
        others.every((r) => r.access.open && r.access.reason === null),
        url,
      ).toBe(true);
    }
    const systems = json<{ items: Row[] }>(await get('/api/v1/systems?pageSize=100', member)).items;
    expect(systems.find((r) => r.id === freeSystemId)?.access).toEqual({ open: true, reason: null });
  });

  it('leaves the blocked system’s findings out of the member’s findings export; the unit admin’s has them', async () => {
    const exported = async (headers: Record<string, string>) => {
      const res = await get('/api/v1/scans/findings.csv', headers);
      expect(res.statusCode).toBe(200);
      return res.body;
    };
    expect(await exported(await loginAs(t, w.users.unitMemberA.id))).not.toContain('Enforcement finding');
    expect(await exported(await loginAs(t, w.users.unitAdminA.id))).toContain('Enforcement finding');
  });

  it('leaves the blocked system, its host and contacts out of the member’s registry exports and report', async () => {
    const textOf = async (url: string, headers: Record<string, string>) => {
      const res = await get(url, headers);
      expect(res.statusCode, url).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
      const cells: string[] = [];
      workbook.eachSheet((sheet) => sheet.eachRow((row) => cells.push(JSON.stringify(row.values))));
      return cells.join('\n');
    };
    const member = await loginAs(t, w.users.unitMemberA.id);
    const unitAdmin = await loginAs(t, w.users.unitAdminA.id);
    for (const [url, blockedText, openText] of [
      ['/api/v1/exports/systems.xlsx', '受限系統', '開放系統'],
      ['/api/v1/exports/systems.report.xlsx', '受限系統', '開放系統'],
      ['/api/v1/exports/contacts.xlsx', '受限系統', undefined],
      ['/api/v1/exports/hosts.xlsx', 'blocked-host', undefined],
    ] as const) {
      const mine = await textOf(url, member);
      expect(mine, url).not.toContain(blockedText);
      if (openText) {
        expect(mine, url).toContain(openText);
      }
      expect(await textOf(url, unitAdmin), url).toContain(blockedText);
    }
  });

  it('leaves the unit’s and the Ministry’s administrators and the business owner unaffected', async () => {
    for (const user of [w.users.unitAdminA, w.users.ministryAdmin, w.users.ministryOwner]) {
      const headers = await loginAs(t, user.id);
      for (const url of detailUrls()) {
        expect((await get(url, headers)).statusCode, `${user.role} ${url}`).toBe(200);
      }
      for (const { url, id } of lists()) {
        const items = json<{ items: Row[] }>(await get(url, headers)).items;
        expect(items.find((r) => r.id === id)?.access, `${user.role} ${url}`).toEqual({ open: true, reason: null });
      }
    }
  });

  it('answers NOT_FOUND, not the reason, outside the caller’s unit (tenancy first)', async () => {
    const other = await loginAs(t, w.users.unitMemberB.id);
    for (const url of detailUrls()) {
      expect((await get(url, other)).statusCode, url).toBe(404);
    }
  });

  it('opens everything to the member once they confirm their commitment', async () => {
    const member = await loginAs(t, w.users.unitMemberA.id);
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/agreement-commitments/${commitmentId}/confirm`,
      headers: member,
      payload: { accepted: [true, true, true, true, true, true], textVersion: COMMITMENT_TEXT_VERSION },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    for (const url of detailUrls()) {
      expect((await get(url, member)).statusCode, url).toBe(200);
    }
    for (const { url, id } of lists()) {
      const items = json<{ items: Row[] }>(await get(url, member)).items;
      expect(items.find((r) => r.id === id)?.access, url).toEqual({ open: true, reason: null });
    }
  });
});
