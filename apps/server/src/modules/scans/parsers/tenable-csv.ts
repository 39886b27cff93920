import { csvRecords, field, type CsvRecord } from './csv.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import {
  IdList,
  clip,
  cvesIn,
  makeAsset,
  severityFromScore,
  severityFromWord,
  toDate,
  toScore,
  urlsIn,
} from './normalise.js';
import type { ParsedFinding, ParsedScanMeta, ScanEvent, ScanSeverity } from './types.js';

/**
 * Tenable CSV (Nessus, Tenable.io and Tenable.sc "vulnerabilities" exports). Tenable writes
 * one row per plugin, host, port **and CVE**: a plugin naming ten CVEs is ten rows. The rows
 * of one plugin on one host and port come one after another, so consecutive rows with the
 * same (Plugin ID, host, port, protocol) are merged into one finding with all their CVEs, in
 * bounded memory. (Should an export interleave them, the service sees the same fingerprint
 * twice in one file and merges it.) Rows without a Plugin ID (blank lines of `,,,`) are skipped.
 *
 * - Tool "Nessus": the plugin IDs are Nessus's, so a finding has the same fingerprint
 *   whether it came from a .nessus file or this CSV.
 * - Severity: `Risk` (Critical/High/Medium/Low/None), else the `Severity` number 0–4, else
 *   the CVSS score; toolSeverity is the Risk word.
 * - CVSS: `CVSS3 Base Score`/`CVSS3 Vector` before `CVSS Base Score`/`CVSS Vector`/`CVSS`.
 * - Asset: `IP Address` (or a Host that is an address), `FQDN` or `Host`, port and protocol.
 * - Times: the earliest `Host Start` and the latest `Host End`.
 */
const BY_NUMBER: ScanSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

function severityOf(record: CsvRecord, score: number | undefined): ScanSeverity {
  const word = severityFromWord(field(record, 'risk', 'risk factor'));
  if (word) {
    return word;
  }
  const number = Number(field(record, 'severity'));
  if (Number.isInteger(number) && number >= 0 && number <= 4) {
    return BY_NUMBER[number] ?? 'info';
  }
  return severityFromWord(field(record, 'severity')) ?? (score === undefined ? 'info' : severityFromScore(score));
}

const keyOf = (record: CsvRecord) =>
  [
    field(record, 'plugin id'),
    field(record, 'host'),
    field(record, 'ip address'),
    field(record, 'port'),
    field(record, 'protocol'),
  ].join('\u0000');

export async function* parseTenableCsv(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  yield { kind: 'meta', meta: { tool: 'Nessus' } };
  const meta: Partial<ParsedScanMeta> = {};
  const scope = new IdList();
  let group: { key: string; first: CsvRecord; cves: IdList } | undefined;

  const finish = (first: CsvRecord, cves: IdList): ParsedFinding => {
    const v3 = toScore(field(first, 'cvss3 base score', 'cvss v3.0 base score'));
    const v2 = toScore(field(first, 'cvss base score', 'cvss v2.0 base score', 'cvss'));
    const score = v3 ?? v2;
    const vector = v3 !== undefined ? field(first, 'cvss3 vector', 'cvss v3.0 vector') : field(first, 'cvss vector');
    const title = field(first, 'name', 'plugin name') ?? `Nessus plugin ${field(first, 'plugin id') ?? ''}`;
    const references = new IdList();
    urlsIn(field(first, 'see also'), references);
    const finding: ParsedFinding = {
      ruleId: field(first, 'plugin id') ?? title,
      title,
      severity: severityOf(first, score),
      cves: cves.list,
      cwes: [],
      asset: makeAsset({
        ip: field(first, 'ip address'),
        hostname: field(first, 'fqdn', 'dns name') ?? field(first, 'host'),
        host: field(first, 'host'),
        port: field(first, 'port'),
        protocol: field(first, 'protocol'),
      }),
      references: references.list,
    };
    const toolSeverity = field(first, 'risk', 'risk factor', 'severity');
    if (toolSeverity) {
      finding.toolSeverity = toolSeverity;
    }
    if (score !== undefined) {
      finding.cvssScore = score;
    }
    if (vector) {
      finding.cvssVector = vector;
    }
    const description = clip([field(first, 'synopsis'), field(first, 'description')].filter(Boolean).join('\n\n'));
    if (description) {
      finding.description = description;
    }
    const solution = clip(field(first, 'solution'));
    if (solution && solution !== 'n/a') {
      finding.solution = solution;
    }
    const evidence = clip(field(first, 'plugin output'), SCAN_PARSE_LIMITS.maxEvidenceChars);
    if (evidence) {
      finding.evidence = evidence;
    }
    return finding;
  };

  for await (const record of csvRecords('tenable_csv', chunks)) {
    if (!field(record, 'plugin id')) {
      continue;
    }
    const start = toDate(field(record, 'host start'));
    if (start && (!meta.startedAt || start < meta.startedAt)) {
      meta.startedAt = start;
    }
    const end = toDate(field(record, 'host end'));
    if (end && (!meta.finishedAt || end > meta.finishedAt)) {
      meta.finishedAt = end;
    }
    scope.add(field(record, 'host', 'ip address'));
    const key = keyOf(record);
    if (group && group.key !== key) {
      yield { kind: 'finding', finding: finish(group.first, group.cves) };
      group = undefined;
    }
    group ??= { key, first: record, cves: new IdList() };
    cvesIn(field(record, 'cve'), group.cves);
  }
  if (group) {
    yield { kind: 'finding', finding: finish(group.first, group.cves) };
  }
  meta.scope = scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope);
  yield { kind: 'meta', meta };
}
