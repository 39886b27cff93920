import { and, eq } from 'drizzle-orm';
import { scanFindings } from '../../db/schema/index.js';
import { systemContext } from '../../lib/context.js';
import type { ParsedFinding, ScanEvent } from '../../modules/scans/parsers/types.js';
import { importScanEvents } from '../../modules/scans/scans.import.js';
import { insertScanImport } from '../../modules/scans/scans.repository.js';
import { multipartBody } from '../attachments-samples.js';
import {
  countsB,
  listShowsB,
  nextCounter,
  type MatrixContext,
  type MatrixEntry,
  type MatrixRequest,
} from './common.js';
import { unitOf, type Side } from './records.js';

/**
 * Authorization-matrix entries for the scans routes (issue 9). Findings and scans hang on the
 * matrix system of unit A (every role reads it: its unit, the auditor assigned to it, the
 * business owner of its contract) or of unit B; each probe that changes one gets a fresh one.
 */

/** A small Nessus report of one finding (the parsers' own tests cover the real samples). */
const NESSUS = Buffer.from(
  '<?xml version="1.0" ?><NessusClientData_v2><Report name="matrix"><ReportHost name="10.0.0.7">' +
    '<HostProperties><tag name="host-ip">10.0.0.7</tag></HostProperties>' +
    '<ReportItem port="443" svc_name="www" protocol="tcp" severity="2" pluginID="10001" pluginName="Matrix probe">' +
    '<description>probe</description><risk_factor>Medium</risk_factor></ReportItem>' +
    '</ReportHost></Report></NessusClientData_v2>',
);

function importTo(c: MatrixContext, side: Side): MatrixRequest {
  const body = multipartBody([{ name: 'file', filename: 'matrix.nessus', content: NESSUS }]);
  return {
    url: `/api/v1/scans/imports?systemId=${c.registry[side].system.id}&wait=true`,
    payload: body.payload,
    headers: body.headers,
  };
}

async function* oneFinding(tool: string): AsyncGenerator<ScanEvent> {
  yield { kind: 'meta', meta: { tool } };
  const finding: ParsedFinding = {
    ruleId: 'M1',
    title: 'Matrix finding',
    severity: 'high',
    cves: [],
    cwes: [],
    references: [],
    asset: { ip: '10.0.0.8', port: 443, protocol: 'tcp' },
  };
  yield { kind: 'finding', finding };
}

/** A fresh scan with one open finding on the side's matrix system (its own tool, so nothing else is fixed). */
export async function freshScan(
  c: MatrixContext,
  side: Side,
): Promise<{ importId: string; scanId: string; findingId: string }> {
  const system = c.registry[side].system;
  const now = c.t.deps.clock.now();
  const tool = `matrix-${nextCounter()}`;
  const row = await insertScanImport(c.t.db.db, {
    orgId: unitOf(c, side),
    systemId: system.id,
    uploadedBy: null,
    fileName: 'matrix.json',
    fileKey: null,
    fileSize: 1,
    fileSha256: '0'.repeat(64),
    status: 'running',
    createdAt: now,
  });
  const { scanId } = await importScanEvents(c.t.deps, systemContext('matrix', now), {
    target: {
      importId: row.id,
      orgId: unitOf(c, side),
      systemId: system.id,
      uploadedBy: null,
      format: 'generic_json',
      file: { key: '00/00/00000000000000000000000000000000', name: 'matrix.json', size: 1, sha256: '0'.repeat(64) },
    },
    events: oneFinding(tool),
    progress: { bytes: 0, findings: 0 },
  });
  const [finding] = await c.t.db.db
    .select({ id: scanFindings.id })
    .from(scanFindings)
    .where(and(eq(scanFindings.systemId, system.id), eq(scanFindings.tool, tool)));
  if (!finding) {
    throw new Error('matrix fixture finding missing');
  }
  return { importId: row.id, scanId, findingId: finding.id };
}

/** A fresh finding in a given state (set directly, as a fixture). */
async function findingIn(c: MatrixContext, side: Side, state: 'open' | 'false_positive' | 'risk_accepted') {
  const { findingId } = await freshScan(c, side);
  if (state !== 'open') {
    await c.t.db.db
      .update(scanFindings)
      .set({ state, dispositionReason: 'fixture', dispositionApprover: 'fixture', riskAcceptedUntil: '2099-12-31' })
      .where(eq(scanFindings.id, findingId));
  }
  return findingId;
}

const acceptance = { reason: '已有補償措施', approver: '資安長', expiresOn: '2099-12-31' };

export const SCANS_MATRIX: Record<string, MatrixEntry> = {
  'POST /api/v1/scans/imports': {
    permission: 'scans.import',
    own: (c) => importTo(c, 'a'),
    other: (c) => importTo(c, 'b'),
  },
  'GET /api/v1/scans/imports/:id': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/scans/imports/${(await freshScan(c, 'a')).importId}` }),
    other: async (c) => ({ url: `/api/v1/scans/imports/${(await freshScan(c, 'b')).importId}` }),
  },
  'GET /api/v1/scans': {
    roles: 'any',
    own: () => ({ url: '/api/v1/scans' }),
    other: async (c) => {
      await freshScan(c, 'b');
      return { url: '/api/v1/scans?pageSize=100', showsB: listShowsB(c, 'orgId') };
    },
  },
  'GET /api/v1/scans/:id': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/scans/${(await freshScan(c, 'a')).scanId}` }),
    other: async (c) => ({ url: `/api/v1/scans/${(await freshScan(c, 'b')).scanId}` }),
  },
  'GET /api/v1/scans/findings': {
    roles: 'any',
    own: () => ({ url: '/api/v1/scans/findings' }),
    other: async (c) => {
      await freshScan(c, 'b');
      return { url: '/api/v1/scans/findings?pageSize=100', showsB: listShowsB(c, 'orgId') };
    },
  },
  'GET /api/v1/scans/findings.csv': {
    roles: 'any',
    own: () => ({ url: '/api/v1/scans/findings.csv' }),
    other: async (c) => {
      await freshScan(c, 'b');
      return { url: '/api/v1/scans/findings.csv', showsB: (res) => res.body.includes(c.w.orgs.unitB.name) };
    },
  },
  'GET /api/v1/scans/findings.xlsx': {
    roles: 'any',
    own: () => ({ url: '/api/v1/scans/findings.xlsx' }),
    otherReason: 'the same rows as GET /api/v1/scans/findings.csv (one batch reader), whose probe checks unit B',
  },
  'GET /api/v1/scans/findings/:id': {
    roles: 'any',
    own: async (c) => ({ url: `/api/v1/scans/findings/${await findingIn(c, 'a', 'open')}` }),
    other: async (c) => ({ url: `/api/v1/scans/findings/${await findingIn(c, 'b', 'open')}` }),
  },
  'GET /api/v1/scans/stats': {
    roles: 'any',
    own: () => ({ url: '/api/v1/scans/stats?months=1' }),
    // A High finding added to unit B changes the counts only for a caller who sees unit B.
    other: (c, role) => countsB(c, role, { url: '/api/v1/scans/stats?months=1', addToB: () => freshScan(c, 'b') }),
  },
  'GET /api/v1/scans/launch-check': {
    roles: 'any',
    own: (c) => ({ url: `/api/v1/scans/launch-check?systemId=${c.registry.a.system.id}` }),
    other: (c) => ({ url: `/api/v1/scans/launch-check?systemId=${c.registry.b.system.id}` }),
  },
  'POST /api/v1/scans/findings/:id/false-positive': {
    permission: 'findings.dispose',
    own: async (c) => ({
      url: `/api/v1/scans/findings/${await findingIn(c, 'a', 'open')}/false-positive`,
      payload: { reason: '掃描器誤判', approver: '資安長' },
    }),
    other: async (c) => ({
      url: `/api/v1/scans/findings/${await findingIn(c, 'b', 'open')}/false-positive`,
      payload: { reason: '掃描器誤判', approver: '資安長' },
    }),
  },
  'POST /api/v1/scans/findings/:id/risk-acceptance': {
    permission: 'findings.dispose',
    own: async (c) => ({
      url: `/api/v1/scans/findings/${await findingIn(c, 'a', 'open')}/risk-acceptance`,
      payload: acceptance,
    }),
    other: async (c) => ({
      url: `/api/v1/scans/findings/${await findingIn(c, 'b', 'open')}/risk-acceptance`,
      payload: acceptance,
    }),
  },
  'POST /api/v1/scans/findings/:id/ministry-approval': {
    permission: 'findings.approve',
    own: async (c) => ({
      url: `/api/v1/scans/findings/${await findingIn(c, 'a', 'risk_accepted')}/ministry-approval`,
      payload: { approved: true },
    }),
    other: async (c) => ({
      url: `/api/v1/scans/findings/${await findingIn(c, 'b', 'risk_accepted')}/ministry-approval`,
      payload: { approved: true },
    }),
  },
  'POST /api/v1/scans/findings/:id/reopen': {
    permission: 'findings.dispose',
    own: async (c) => ({
      url: `/api/v1/scans/findings/${await findingIn(c, 'a', 'false_positive')}/reopen`,
      payload: { reason: '誤判有誤' },
    }),
    other: async (c) => ({
      url: `/api/v1/scans/findings/${await findingIn(c, 'b', 'false_positive')}/reopen`,
      payload: { reason: '誤判有誤' },
    }),
  },
};
