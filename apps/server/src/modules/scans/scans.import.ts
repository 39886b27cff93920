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
import { insertScan, updateRunningScanImport, updateScanResult } from './scans.repository.js';
import {
  classifyStage,
  deleteStage,
  lockSystemFindings,
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
 * A scan's declared targets as finding assets name them: lower-case host names and addresses.
 * A URL gives its host, `host:port` its host; address ranges (CIDR) are not expanded.
 */
export function scopeHosts(scope: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const raw of scope) {
    let entry = raw.trim().toLowerCase();
    if (entry.includes('://')) {
      try {
        entry = new URL(entry).hostname;
      } catch {
        continue;
      }
    } else if (/^[^:]+:\d+$/.test(entry)) {
      entry = entry.slice(0, entry.indexOf(':'));
    }
    entry = entry.replace(/^\[(.*)\]$/, '$1');
    if (entry.length > 0 && !entry.includes('/')) {
      hosts.add(entry);
    }
  }
  return [...hosts];
}

/** Characters of text a staged batch holds at most before it is written (bounds the statement's memory). */
export const STAGE_BATCH_CHARS = 1024 * 1024;

function textSize(f: StagedFinding): number {
  return (f.evidence?.length ?? 0) + (f.description?.length ?? 0) + (f.solution?.length ?? 0) + 500;
}

/**
 * Imports one parsed scan into a system (issue 9), all or nothing:
 * 1. the events are staged under the import's id as they arrive, in batches of one statement
 *    each, each its own short transaction, so the database serves other requests meanwhile and
 *    neither the process nor the database holds more than a batch;
 * 2. ONE short final transaction classifies them against the system's findings and merges them
 *    with set-based statements (new, still open, fixed, reopened, verified fixed), writes the
 *    scan with its summary, marks the import completed and records the audit event. The scan
 *    exists from that commit on, never before;
 * 3. the staged rows are deleted.
 * Any throw (the parser's refusal of a malformed file included) leaves no scan and no finding,
 * and deletes the staged rows; after a crash, scans.recovery.ts deletes them.
 */
export async function importScanEvents(
  deps: AppDeps,
  ctx: RequestContext,
  input: { target: ScanImportTarget; events: AsyncIterable<ScanEvent>; progress: ImportProgress },
): Promise<{ scanId: string; summary: ScanSummary; findingCount: number }> {
  try {
    return await stageAndMerge(deps, ctx, input);
  } catch (err) {
    await deleteStage(deps.db, input.target.importId).catch((cleanupError: unknown) => {
      deps.log.error({ err: cleanupError, importId: input.target.importId }, 'could not remove staged scan findings');
    });
    throw err;
  }
}

async function stageAndMerge(
  deps: AppDeps,
  ctx: RequestContext,
  input: { target: ScanImportTarget; events: AsyncIterable<ScanEvent>; progress: ImportProgress },
): Promise<{ scanId: string; summary: ScanSummary; findingCount: number }> {
  const { target, events, progress } = input;
  const { importId } = target;
  const now = ctx.now;
  const today = taipeiToday(now);
  const policy = await policyInForce(deps.db, today);
  const remediationDays = sectionInForce(policy.rules, 'scans')?.remediationDays ?? null;
  const meta: Partial<ParsedScanMeta> = {};
  let batch: StagedFinding[] = [];
  let batchChars = 0;
  let tool: string | undefined;
  for await (const event of events) {
    switch (event.kind) {
      case 'meta':
        Object.assign(meta, event.meta);
        break;
      case 'progress':
        progress.bytes = event.bytes;
        break;
      case 'finding': {
        // The tool named before the first finding fingerprints them all (parsers name it first).
        tool ??= meta.tool ?? target.format;
        const staged = stagedFinding(tool, event.finding);
        batch.push(staged);
        batchChars += textSize(staged);
        progress.findings += 1;
        if (batch.length >= STAGE_BATCH || batchChars >= STAGE_BATCH_CHARS) {
          await stageFindings(deps.db, importId, batch);
          batch = [];
          batchChars = 0;
        }
        break;
      }
    }
  }
  await stageFindings(deps.db, importId, batch);
  tool ??= meta.tool ?? target.format;
  await matchStagedHosts(deps.db, importId, target.orgId);
  const scopeList = cleanList(meta.scope ?? [], MAX_SHORT_CHARS).slice(0, 1000);
  const takenAt = meta.finishedAt ?? meta.startedAt ?? now;
  const result = await deps.db.transaction(async (tx) => {
    // One merge at a time per system: the classification reads what the merge writes.
    await lockSystemFindings(tx, target.systemId);
    const scanId = await insertScan(tx, {
      orgId: target.orgId,
      systemId: target.systemId,
      importId,
      tool,
      toolVersion: clean(meta.toolVersion, 100),
      format: target.format,
      startedAt: meta.startedAt ?? null,
      finishedAt: meta.finishedAt ?? null,
      takenAt,
      scope: scopeList,
      uploadedBy: target.uploadedBy,
      fileKey: target.file.key,
      fileName: target.file.name,
      fileSize: target.file.size,
      fileSha256: target.file.sha256,
      summary: {},
    });
    const scope = { importId, systemId: target.systemId, tool, scanId, now, scope: scopeHosts(scopeList) };
    const counts = [
      ...(await classifyStage(tx, importId, target.systemId)),
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
    const completed = await updateRunningScanImport(tx, importId, {
      status: 'completed',
      scanId,
      finishedAt: now,
      bytesParsed: Math.max(progress.bytes, target.file.size),
      findingsParsed: progress.findings,
    });
    if (!completed) {
      // Failed meanwhile (by the recovery): its failure stands, and this transaction rolls back.
      throw new Error('scan import no longer running');
    }
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
  await deleteStage(deps.db, importId);
  return result;
}
