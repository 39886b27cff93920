import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { INITIAL_POLICY_RULES, type ScanSummary } from '@custodian/shared';
import { queryRows } from '../../db/client.js';
import { makeWorld, type World } from '../../db/factories.js';
import { makeHost, makeSystem } from '../../db/registry-factories.js';
import { AppError } from '../../errors.js';
import { createTestClock, type TestClock } from '../../lib/clock.js';
import { systemContext } from '../../lib/context.js';
import { createTestApp, json, loginAs, type TestApp } from '../../test/helpers.js';
import type { ParsedFinding, ScanEvent } from './parsers/types.js';
import { importScanEvents } from './scans.import.js';
import { insertScanImport } from './scans.repository.js';

type Finding = {
  id: string;
  title: string;
  severity: string;
  state: string;
  dueOn: string | null;
  isOverdue: boolean;
  hostId: string | null;
  cves: string[];
  systemId: string;
};
type Page<T> = { items: T[]; total: number };

const DAYS = { critical: 7, high: 30, medium: 90, low: 180 };

/** A synthetic finding of the `Synth` tool on one host. */
function finding(
  ruleId: string,
  severity: ParsedFinding['severity'],
  extra: Partial<ParsedFinding> = {},
): ParsedFinding {
  return {
    ruleId,
    title: `Weakness ${ruleId}`,
    severity,
    cves: [],
    cwes: [],
    references: [],
    asset: { ip: '10.0.0.5', port: 443, protocol: 'tcp' },
    ...extra,
  };
}

async function* events(
  findings: readonly ParsedFinding[],
  options: { tool?: string; throwAfter?: number; scope?: string[] } = {},
): AsyncGenerator<ScanEvent> {
  yield { kind: 'meta', meta: { tool: options.tool ?? 'Synth', toolVersion: '1.0' } };
  if (options.scope) {
    yield { kind: 'meta', meta: { scope: options.scope } };
  }
  let n = 0;
  for (const f of findings) {
    if (options.throwAfter !== undefined && n === options.throwAfter) {
      throw new AppError('SCAN_FILE_INVALID', { reason: 'truncated' });
    }
    n += 1;
    yield { kind: 'finding', finding: f };
  }
  yield { kind: 'progress', bytes: 1234 };
}

const r1 = () => finding('R1', 'high', { cves: ['CVE-2024-0001', 'CVE-2024-0002'] });

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

describe('scan imports: deduplication, lifecycle and the pre-launch gate (issue 9)', () => {
  let clock: TestClock;
  let t: TestApp;
  let w: World;
  let admin: Record<string, string>;
  let unitAdminA: Record<string, string>;
  let memberA: Record<string, string>;
  let owner: Record<string, string>;
  let systemA: { id: string; orgId: string };
  let systemB: { id: string; orgId: string };

  const count = async (table: string) =>
    (await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from ${sql.identifier(table)}`))[0]?.n ?? 0;
  const auditCount = async (action: string) =>
    (
      await queryRows<{ n: number }>(t.db.db, sql`select count(*)::int as n from audit_events where action = ${action}`)
    )[0]?.n ?? 0;

  /** Imports events into a system as the service does after the upload, with a file already "stored". */
  const systemsById = new Map<string, { id: string; orgId: string }>();
  const importEvents = async (systemId: string, source: AsyncIterable<ScanEvent>) => {
    const system = systemsById.get(systemId);
    if (!system) {
      throw new Error('unknown test system');
    }
    const row = await insertScanImport(t.db.db, {
      orgId: system.orgId,
      systemId,
      uploadedBy: w.users.unitAdminA.id,
      fileName: 'synthetic.json',
      fileKey: null,
      fileSize: 1234,
      fileSha256: 'a'.repeat(64),
      status: 'running',
      createdAt: clock.now(),
    });
    return importScanEvents(t.deps, systemContext('test', clock.now()), {
      target: {
        importId: row.id,
        orgId: system.orgId,
        systemId,
        uploadedBy: w.users.unitAdminA.id,
        format: 'generic_json',
        file: {
          key: 'aa/bb/aabb0000000000000000000000000000',
          name: 'synthetic.json',
          size: 1234,
          sha256: 'a'.repeat(64),
        },
      },
      events: source,
      progress: { bytes: 0, findings: 0 },
    });
  };
  const findingsOf = async (systemId: string, headers = admin, query = '') =>
    json<Page<Finding>>(
      await t.app.inject({
        method: 'GET',
        url: `/api/v1/scans/findings?systemId=${systemId}&pageSize=100${query}`,
        headers,
      }),
    );
  /** Moves the clock and signs everyone in again (sessions idle out over days). */
  const travel = async (instant: string) => {
    clock.set(instant);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    memberA = await loginAs(t, w.users.unitMemberA.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
  };
  const stateOf = async (systemId: string, title: string) =>
    (await findingsOf(systemId)).items.find((f) => f.title === title)?.state;

  beforeAll(async () => {
    clock = createTestClock('2027-03-01T02:00:00Z');
    t = await createTestApp({ clock });
    w = await makeWorld(t.db.db);
    admin = await loginAs(t, w.users.ministryAdmin.id);
    unitAdminA = await loginAs(t, w.users.unitAdminA.id);
    memberA = await loginAs(t, w.users.unitMemberA.id);
    owner = await loginAs(t, w.users.ministryOwner.id);
    const created = new Date('2027-02-01T00:00:00Z');
    systemA = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'pre_launch', updatedAt: created });
    systemB = await makeSystem(t.db.db, { orgId: w.orgs.unitB.id, status: 'pre_launch', updatedAt: created });
    systemsById.set(systemA.id, systemA).set(systemB.id, systemB);
    await makeHost(t.db.db, { orgId: w.orgs.unitA.id, hostname: 'web01.example.edu.tw', ips: ['10.0.0.5'] });
    // The remediation days come into force with a version that holds the scans section.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policy/versions',
      headers: admin,
      payload: {
        effectiveFrom: '2027-03-01',
        notes: '弱點修補期限',
        rules: { ...INITIAL_POLICY_RULES, scans: { remediationDays: DAYS } },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('classifies findings as new, still open, fixed, reopened and verified fixed, in the system and tool scope', async () => {
    const first = await importEvents(systemA.id, events([r1(), finding('R2', 'medium'), finding('R3', 'low')]));
    expect(first.summary.new).toEqual({ critical: 0, high: 1, medium: 1, low: 1, info: 0 });
    expect(total(first.summary.stillOpen) + total(first.summary.fixed)).toBe(0);
    expect(first.findingCount).toBe(3);

    // Another tool's scan of the same system fixes nothing of Synth's.
    const other = await importEvents(systemA.id, events([finding('X1', 'info')], { tool: 'Other' }));
    expect(other.summary.new.info).toBe(1);
    expect(total(other.summary.fixed)).toBe(0);

    const second = await importEvents(systemA.id, events([r1(), finding('R4', 'critical')]));
    expect(second.summary).toMatchObject<Partial<ScanSummary>>({
      new: { critical: 1, high: 0, medium: 0, low: 0, info: 0 },
      stillOpen: { critical: 0, high: 1, medium: 0, low: 0, info: 0 },
      fixed: { critical: 0, high: 0, medium: 1, low: 1, info: 0 },
      reopened: { critical: 0, high: 0, medium: 0, low: 0, info: 0 },
    });
    expect(await stateOf(systemA.id, 'Weakness R2')).toBe('fixed');

    const third = await importEvents(systemA.id, events([r1(), finding('R4', 'critical'), finding('R2', 'medium')]));
    expect(third.summary.reopened).toEqual({ critical: 0, high: 0, medium: 1, low: 0, info: 0 });
    expect(third.summary.verifiedFixed).toEqual({ critical: 0, high: 0, medium: 0, low: 1, info: 0 });
    expect(third.summary.stillOpen).toEqual({ critical: 1, high: 1, medium: 0, low: 0, info: 0 });
    expect(await stateOf(systemA.id, 'Weakness R2')).toBe('open');
    expect(await stateOf(systemA.id, 'Weakness R3')).toBe('verified_fixed');
    expect(await stateOf(systemA.id, 'Weakness X1')).toBe('open');
    expect(await count('scans')).toBe(4);
  });

  it('gives each finding its due day from the policy in force, and matches it to the registry host', async () => {
    const { items } = await findingsOf(systemA.id);
    const r1 = items.find((f) => f.title === 'Weakness R1');
    expect(r1).toMatchObject({ dueOn: '2027-03-31', isOverdue: false, cves: ['CVE-2024-0001', 'CVE-2024-0002'] });
    expect(r1?.hostId).not.toBeNull();
    expect(items.find((f) => f.title === 'Weakness X1')?.dueOn).toBeNull();
    const detail = json<{ policyVersion: number }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/scans/findings/${r1?.id ?? ''}`, headers: unitAdminA }),
    );
    expect(detail.policyVersion).toBe(2);
    // Filters: CVE, severity, state, overdue.
    expect((await findingsOf(systemA.id, admin, '&cve=cve-2024-0002')).items.map((f) => f.title)).toEqual([
      'Weakness R1',
    ]);
    expect((await findingsOf(systemA.id, admin, '&severity=critical')).total).toBe(1);
    expect((await findingsOf(systemA.id, admin, '&state=verified_fixed')).total).toBe(1);
    expect((await findingsOf(systemA.id, admin, '&overdue=true')).total).toBe(0);
    await travel('2027-03-10T02:00:00Z');
    expect((await findingsOf(systemA.id, admin, '&overdue=true')).items.map((f) => f.title)).toEqual(['Weakness R4']);
    // With a state filter the overdue test is stated for that state (findings.repository.ts overdueSql).
    const titles = async (filters: string) => (await findingsOf(systemA.id, admin, filters)).items.map((f) => f.title);
    expect(await titles('&overdue=true&state=open')).toEqual(['Weakness R4']);
    expect(await titles('&overdue=true&state=verified_fixed')).toEqual([]);
    expect(await titles('&overdue=true&state=risk_accepted')).toEqual([]);
    expect(await titles('&overdue=false&state=open')).not.toContain('Weakness R4');
    expect((await findingsOf(systemA.id, admin, '&overdue=false&state=verified_fixed')).total).toBe(1);
    // Text search: any part of the title, case-insensitive, or the tool's rule id exactly.
    expect(await titles('&q=weakness%20r1')).toEqual(['Weakness R1']);
    expect(await titles('&q=R4')).toEqual(['Weakness R4']);
    expect((await findingsOf(systemA.id, admin, '&q=nothing-like-this')).total).toBe(0);
    expect((await findingsOf(systemA.id, admin)).items[0]).toHaveProperty('orgNameEn', null);
    expect((await findingsOf(systemA.id, admin, '&overdue=false')).total + 1).toBe(
      (await findingsOf(systemA.id, admin)).total,
    );
    await travel('2027-03-01T02:00:00Z');
  });

  it('stages large scans in batches and keeps one finding per fingerprint', async () => {
    const many = Array.from({ length: 2500 }, (_, i) => finding(`B${i % 2200}`, 'low', { asset: { ip: '10.0.9.9' } }));
    const result = await importEvents(systemB.id, events(many, { tool: 'Bulk' }));
    expect(result.summary.new.low).toBe(2200);
    expect(result.findingCount).toBe(2200);
  });

  it('stores nothing when the parse throws midway (all or nothing)', async () => {
    const before = { scans: await count('scans'), findings: await count('scan_findings') };
    const many = Array.from({ length: 1500 }, (_, i) => finding(`T${i}`, 'high'));
    await expect(importEvents(systemA.id, events(many, { throwAfter: 1200 }))).rejects.toMatchObject({
      code: 'SCAN_FILE_INVALID',
    });
    expect({ scans: await count('scans'), findings: await count('scan_findings') }).toEqual(before);
    // Its staged rows (1,000 were written before the throw) are gone too.
    expect(await count('scan_stage')).toBe(0);
  });

  it('keeps units to their own findings; the Ministry sees all', async () => {
    expect((await findingsOf(systemB.id, unitAdminA)).total).toBe(0);
    expect((await findingsOf(systemB.id, admin)).total).toBe(2200);
    const bFinding = (await findingsOf(systemB.id, admin)).items[0];
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/scans/findings/${bFinding?.id ?? ''}`,
      headers: unitAdminA,
    });
    expect(res.statusCode).toBe(404);
    const dispose = await t.app.inject({
      method: 'POST',
      url: `/api/v1/scans/findings/${bFinding?.id ?? ''}/false-positive`,
      headers: unitAdminA,
      payload: { reason: '測試', approver: '資安長' },
    });
    expect(dispose.statusCode).toBe(404);
  });

  it('refuses to let a system go online without a recent clean scan, and lists what blocks it', async () => {
    const systemC = await makeSystem(t.db.db, {
      orgId: w.orgs.unitA.id,
      status: 'pre_launch',
      updatedAt: new Date('2027-02-01T00:00:00Z'),
    });
    systemsById.set(systemC.id, systemC);
    const goOnline = (headers: Record<string, string>, extra: object = {}) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/systems/${systemC.id}`,
        headers,
        payload: { status: 'online', ...extra },
      });
    type Refusal = {
      error: { code: string; problems: { kind: string; count?: number; findings?: { title: string }[] }[] };
    };

    const none = await goOnline(unitAdminA);
    expect(none.statusCode).toBe(409);
    expect(json<Refusal>(none).error).toMatchObject({ code: 'SYSTEM_LAUNCH_BLOCKED', problems: [{ kind: 'no_scan' }] });

    // A clean scan, then a change of the system: the scan no longer counts.
    await importEvents(systemC.id, events([]));
    clock.advance(60_000);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/systems/${systemC.id}`,
      headers: unitAdminA,
      payload: { description: '改版' },
    });
    const outdated = await goOnline(unitAdminA);
    expect(json<Refusal>(outdated).error.problems.map((p) => p.kind)).toEqual(['scan_outdated']);

    await importEvents(systemC.id, events([finding('G1', 'critical'), finding('G2', 'high'), finding('G3', 'medium')]));
    const blocked = await goOnline(unitAdminA);
    const problems = json<Refusal>(blocked).error.problems;
    expect(problems).toEqual([
      expect.objectContaining({
        kind: 'open_findings',
        count: 2,
        findings: [
          expect.objectContaining({ title: 'Weakness G1', severity: 'critical' }),
          expect.objectContaining({ title: 'Weakness G2', severity: 'high' }),
        ],
      }),
    ]);
    const check = json<{ allowed: boolean }>(
      await t.app.inject({ method: 'GET', url: `/api/v1/scans/launch-check?systemId=${systemC.id}`, headers: memberA }),
    );
    expect(check.allowed).toBe(false);

    // A unit cannot override; a false positive and a Ministry-approved risk acceptance close them.
    expect((await goOnline(unitAdminA, { launchOverride: { reason: '急需上線' } })).statusCode).toBe(403);
    const ids = (await findingsOf(systemC.id)).items;
    const g1 = ids.find((f) => f.title === 'Weakness G1')?.id ?? '';
    const g2 = ids.find((f) => f.title === 'Weakness G2')?.id ?? '';
    const post = (id: string, action: string, headers: Record<string, string>, payload: object) =>
      t.app.inject({ method: 'POST', url: `/api/v1/scans/findings/${id}/${action}`, headers, payload });
    expect((await post(g1, 'false-positive', unitAdminA, { reason: '掃描器誤判' })).statusCode).toBe(400);
    expect(
      (await post(g1, 'false-positive', unitAdminA, { reason: '掃描器誤判', approver: '資安長 王大明' })).statusCode,
    ).toBe(200);
    const accepted = await post(g2, 'risk-acceptance', unitAdminA, {
      reason: '已有 WAF 防護',
      approver: '資安長 王大明',
      expiresOn: '2027-03-05',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await goOnline(unitAdminA)).statusCode).toBe(409);
    expect((await post(g2, 'ministry-approval', unitAdminA, { approved: true })).statusCode).toBe(403);
    const approved = await post(g2, 'ministry-approval', owner, { approved: true });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(json<{ ministryApproved: boolean }>(approved).ministryApproved).toBe(true);
    const online = await goOnline(unitAdminA);
    expect(online.statusCode, online.body).toBe(200);
    expect(await auditCount('scan_finding.false_positive')).toBe(1);
    expect(await auditCount('scan_finding.ministry_approve')).toBe(1);

    // The risk acceptance expires: the scheduled job reopens it, with an audit event.
    await travel('2027-03-06T02:00:00Z');
    const job = t.deps.modules.flatMap((m) => m.jobs ?? []).find((j) => j.name === 'scans.risk-expiry');
    await job?.handler(t.deps, {
      now: clock.now(),
      data: {},
      id: 'test',
      attempt: 1,
      signal: new AbortController().signal,
    });
    expect(await stateOf(systemC.id, 'Weakness G2')).toBe('open');
    expect(await auditCount('scan_finding.risk_expired')).toBe(1);
    await travel('2027-03-01T02:00:00Z');
  });

  it('lets the Ministry override the gate with a reason, recorded in the audit trail', async () => {
    const systemD = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'pre_launch' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/systems/${systemD.id}`,
      headers: admin,
      payload: { status: 'online', launchOverride: { reason: '教育部專案核准先行上線' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [event] = await queryRows<{ summary: { reason: string; blockers: { kind: string }[] } }>(
      t.db.db,
      sql`select summary from audit_events where action = 'system.launch_override' and target_id = ${systemD.id}`,
    );
    expect(event?.summary).toEqual({ reason: '教育部專案核准先行上線', blockers: [{ kind: 'no_scan' }] });
  });

  it('marks fixed only the findings on hosts the later scan covered (its targets or the hosts it reported)', async () => {
    const system = await makeSystem(t.db.db, { orgId: w.orgs.unitA.id, status: 'pre_launch' });
    systemsById.set(system.id, system);
    const on = (ruleId: string, ip: string) => finding(ruleId, 'medium', { asset: { ip, port: 22, protocol: 'tcp' } });
    const component = finding('C1', 'low', { asset: { component: 'openssl 1.1.1' } });
    await importEvents(system.id, events([on('S1', '10.0.1.1'), on('S2', '10.0.1.2'), component], { tool: 'Scoped' }));

    // Targets 10.0.1.1 (as a URL); S1 is absent there: fixed. 10.0.1.2 was not scanned: S2 stays
    // open. The component finding belongs to no host: any scan of the tool covers it.
    const second = await importEvents(
      system.id,
      events([on('S3', '10.0.1.1')], { tool: 'Scoped', scope: ['https://10.0.1.1:8443/'] }),
    );
    expect(second.summary.fixed).toEqual({ critical: 0, high: 0, medium: 1, low: 1, info: 0 });
    expect(await stateOf(system.id, 'Weakness S1')).toBe('fixed');
    expect(await stateOf(system.id, 'Weakness S2')).toBe('open');
    expect(await stateOf(system.id, 'Weakness C1')).toBe('fixed');

    // No declared targets: the hosts it reported are its scope. 10.0.1.1 is not among them, so
    // S3 stays open and S1 is not verified fixed; C1 is.
    const third = await importEvents(system.id, events([on('S2', '10.0.1.2')], { tool: 'Scoped' }));
    expect(total(third.summary.fixed)).toBe(0);
    expect(third.summary.stillOpen.medium).toBe(1);
    expect(third.summary.verifiedFixed).toEqual({ critical: 0, high: 0, medium: 0, low: 1, info: 0 });
    expect(await stateOf(system.id, 'Weakness S3')).toBe('open');
    expect(await stateOf(system.id, 'Weakness S1')).toBe('fixed');
    expect(await stateOf(system.id, 'Weakness C1')).toBe('verified_fixed');
  });
});
