import {
  FINDING_SEVERITIES,
  sectionInForce,
  type CountsBySeverity,
  type FindingSeverity,
  type ScanSummary,
} from '@custodian/shared';
import type { AppDeps, RequestContext } from '../../lib/context.js';
import { policyInForce, taipeiToday } from '../../lib/policy.js';
import { recordAudit } from '../audit/audit.service.js';
import { fingerprint } from './parsers/fingerprint.js';
import type { ParsedFinding, ParsedScanMeta, ScanEvent } from './parsers/types.js';
import { insertScan, updateScanImport, updateScanResult } from './scans.repository.js';
import {
  classifyStage,
  createStage,
  markFixed,
  markVerifiedFixed,
  matchStagedHosts,
  mergeStage,
  stageFindings,
  type ClassCount,
  type StagedFinding,
} from './scans.stage.repository.js';

/** Findings per staging insert: one multi-row statement each. */
export const STAGE_BATCH = 1000;
/** Characters kept of a finding's evidence, description and solution; the rest is cut. */
export const MAX_EVIDENCE_CHARS = 32 * 1024;
export const MAX_TEXT_CHARS = 64 * 1024;
const MAX_SHORT_CHARS = 2000;

/** Progress as a poller sees it. */
export type ImportProgress = { bytes: number; findings: number };

/** What an import writes a scan for: the system, the stored file and who sent it. */
export type ScanImportTarget = {
  importId: string;
  orgId: string;
  systemId: string;
  uploadedBy: string | null;
  format: string;
  file: { key: string; name: string; size: number; sha256: string };
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as PostgreSQL can hold it: no NUL, no lone surrogate, at most `max` characters. */
function clean(text: string | undefined, max: number): string | null {
  if (text === undefined) {
    return null;
  }
  // eslint-disable-next-line no-control-regex
  const value = text.replace(/\u0000/g, '').replace(LONE_SURROGATE, '\uFFFD');
  if (value.length === 0) {
    return null;
  }
  return value.length > max ? value.slice(0, max) : value;
}

function cleanList(values: readonly string[], max: number): string[] {
  return values.flatMap((v) => {
    const c = clean(v, max);
    return c === null ? [] : [c];
  });
}

/** A parsed finding as one staged row, with its fingerprint under `tool`. */
export function stagedFinding(tool: string, finding: ParsedFinding): StagedFinding {
  const { asset } = finding;
  return {
    fingerprint: fingerprint(tool, finding),
    rule_id: clean(finding.ruleId, MAX_SHORT_CHARS) ?? '',
    title: clean(finding.title, MAX_SHORT_CHARS) ?? finding.ruleId,
    severity: finding.severity,
    tool_severity: clean(finding.toolSeverity, 100),
    cvss_score: finding.cvssScore !== undefined && Number.isFinite(finding.cvssScore) ? finding.cvssScore : null,
    cvss_vector: clean(finding.cvssVector, 200),
    cves: cleanList(finding.cves, 100),
    cwes: cleanList(finding.cwes, 100),
    hostname: clean(asset.hostname?.toLowerCase(), 300),
    ip: clean(asset.ip, 100),
    port: asset.port !== undefined && Number.isInteger(asset.port) ? asset.port : null,
    protocol: clean(asset.protocol, 20),
    url: clean(asset.url, MAX_SHORT_CHARS),
    component: clean(asset.component, MAX_SHORT_CHARS),
    description: clean(finding.description, MAX_TEXT_CHARS),
    solution: clean(finding.solution, MAX_TEXT_CHARS),
    refs: cleanList(finding.references, MAX_SHORT_CHARS),
    evidence: clean(finding.evidence, MAX_EVIDENCE_CHARS),
    tool_finding_id: clean(finding.toolFindingId, 200),
  };
}

const zeros = (): CountsBySeverity => ({ critical: 0, high: 0, medium: 0, low: 0, info: 0 });

/** The summary from the classification counts. */
export function summaryOf(counts: readonly ClassCount[]): ScanSummary {
  const summary: ScanSummary = {
    new: zeros(),
    stillOpen: zeros(),
    fixed: zeros(),
    reopened: zeros(),
    suppressed: zeros(),
    verifiedFixed: zeros(),
  };
  for (const { class: kind, severity, n } of counts) {
    if (kind in summary && (FINDING_SEVERITIES as readonly string[]).includes(severity)) {
      summary[kind as keyof ScanSummary][severity] += Number(n);
    }
  }
  return summary;
}

/**
 * Imports one parsed scan into a system, in ONE transaction: the events are staged in batches
 * as they arrive, then classified against the system's findings and merged with set-based
 * statements (new, still open, fixed, reopened, verified fixed), the scan row written with its
 * summary, the import marked completed and the audit event recorded. Any throw (the parser's
 * refusal of a malformed file included) rolls everything back: no partial scan.
 */
export async function importScanEvents(
  deps: AppDeps,
  ctx: RequestContext,
  input: { target: ScanImportTarget; events: AsyncIterable<ScanEvent>; progress: ImportProgress },
): Promise<{ scanId: string; summary: ScanSummary; findingCount: number }> {
  const { target, events, progress } = input;
  const now = ctx.now;
  const today = taipeiToday(now);
  const policy = await policyInForce(deps.db, today);
  const remediationDays = sectionInForce(policy.rules, 'scans')?.remediationDays ?? null;
  return deps.db.transaction(async (tx) => {
    await createStage(tx);
    const meta: Partial<ParsedScanMeta> = {};
    let batch: StagedFinding[] = [];
    let tool: string | undefined;
    for await (const event of events) {
      switch (event.kind) {
        case 'meta':
          Object.assign(meta, event.meta);
          break;
        case 'progress':
          progress.bytes = event.bytes;
          break;
        case 'finding':
          // The tool named before the first finding fingerprints them all (parsers name it first).
          tool ??= meta.tool ?? target.format;
          batch.push(stagedFinding(tool, event.finding));
          progress.findings += 1;
          if (batch.length >= STAGE_BATCH) {
            await stageFindings(tx, batch);
            batch = [];
          }
          break;
      }
    }
    await stageFindings(tx, batch);
    tool ??= meta.tool ?? target.format;
    const takenAt = meta.finishedAt ?? meta.startedAt ?? now;
    const scanId = await insertScan(tx, {
      orgId: target.orgId,
      systemId: target.systemId,
      importId: target.importId,
      tool,
      toolVersion: clean(meta.toolVersion, 100),
      format: target.format,
      startedAt: meta.startedAt ?? null,
      finishedAt: meta.finishedAt ?? null,
      takenAt,
      scope: cleanList(meta.scope ?? [], MAX_SHORT_CHARS).slice(0, 1000),
      uploadedBy: target.uploadedBy,
      fileKey: target.file.key,
      fileName: target.file.name,
      fileSize: target.file.size,
      fileSha256: target.file.sha256,
      summary: {},
    });
    await matchStagedHosts(tx, target.orgId);
    const scope = { systemId: target.systemId, tool, scanId, now };
    const counts = [
      ...(await classifyStage(tx, target.systemId)),
      ...(await markVerifiedFixed(tx, scope)),
      ...(await markFixed(tx, scope)),
    ];
    await mergeStage(tx, {
      ...scope,
      orgId: target.orgId,
      today,
      remediationDays: remediationDays as Partial<Record<FindingSeverity, number>> | null,
      policyVersionId: policy.id,
    });
    const summary = summaryOf(counts);
    const findingCount = counts
      .filter((c) => c.class !== 'fixed' && c.class !== 'verifiedFixed')
      .reduce((sum, c) => sum + Number(c.n), 0);
    await updateScanResult(tx, scanId, { summary, findingCount });
    await updateScanImport(tx, target.importId, {
      status: 'completed',
      scanId,
      finishedAt: now,
      bytesParsed: Math.max(progress.bytes, target.file.size),
      findingsParsed: progress.findings,
    });
    await recordAudit(tx, deps, ctx, {
      action: 'scan.import',
      orgId: target.orgId,
      targetType: 'scan',
      targetId: scanId,
      summary: {
        systemId: target.systemId,
        tool,
        format: target.format,
        fileName: target.file.name,
        sha256: target.file.sha256,
        findingCount,
        summary,
      },
    });
    return { scanId, summary, findingCount };
  });
}
