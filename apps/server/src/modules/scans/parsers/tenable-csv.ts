import { csvRecords, field, type CsvRecord } from './csv.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import {
  IdList,
  clip,
  cvesIn,
  cweId,
  makeAsset,
  severityFromScore,
  severityFromWord,
  toDate,
  toScore,
  urlsIn,
} from './normalise.js';
import type { ParsedFinding, ParsedScanMeta, ScanEvent, ScanSeverity } from './types.js';

/**
 * Tenable CSV vulnerability exports, in three dialects (column names differ, not meaning):
 * - Nessus and Tenable.io's classic export: `Plugin ID`, `Host`, `Risk`, `Name`, `CVSS v3.0
 *   Base Score`, `XREF`, `Plugin Output`…;
 * - Tenable.sc: `Plugin`, `Plugin Name`, `IP Address`, `DNS Name`, `Severity`, `Risk Factor`,
 *   `CVSS V3 Base Score`, `Cross References`, `Steps to Remediate`…;
 * - Tenable.io / Tenable VM's workbench export (semicolon-separated): `definition.id`,
 *   `definition.name`, `asset.display_ipv4_address`, `asset.host_name`, `severity`,
 *   `definition.cvss3.base_score`, `definition.cve`, `definition.cwe`, `output`, `state`…
 *
 * Tenable writes one row per plugin, host, port **and CVE**: a plugin naming ten CVEs is ten
 * rows. The rows of one plugin on one host and port come one after another, so consecutive
 * rows with the same (plugin, host, address, port, protocol) are merged into one finding with
 * all their CVEs, in bounded memory. (Should an export interleave them, the service sees the
 * same fingerprint twice in one file and merges it.) Rows without a plugin ID (blank lines of
 * `,,,`) are skipped, and so are Tenable.io rows whose `state` is `FIXED` (Tenable itself says
 * the vulnerability is gone: absent from this scan, it is classified fixed).
 *
 * - Tool "Nessus": the plugin IDs are Nessus's, so a finding has the same fingerprint
 *   whether it came from a .nessus file or any of these CSVs.
 * - Severity: `Risk`, else `Severity` (a word, or the number 0–4), else `Risk Factor` (the
 *   plugin's CVSS v2 rating; Tenable.sc's `Severity` is the current, v3-based one), else the
 *   CVSS score; toolSeverity is the word used.
 * - CVSS: v3 (`CVSS3 Base Score`, `CVSS v3.0 Base Score`, `CVSS V3 Base Score`, `CVSSv3`,
 *   `definition.cvss3.base_score`) before v2, each with its vector.
 * - CVEs: `CVE` / `definition.cve` (any separator). CWEs: `XREF` / `Cross References`
 *   (`CWE:200`, `CWE #200`) and `definition.cwe` (bare numbers).
 * - Asset: the address (`IP Address`, `asset.display_ipv4_address`, or a Host that is an
 *   address), the name (`FQDN`, `DNS Name`, `asset.display_fqdn`, `asset.host_name` or
 *   `Host`), port and protocol.
 * - Times: the earliest `Host Start` and the latest `Host End`.
 */
const BY_NUMBER: ScanSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

/** Column names of each field, in the three dialects (lower-case, as csvRecords keys them). */
const COLUMNS = {
  pluginId: ['plugin id', 'plugin', 'definition.id'],
  title: ['name', 'plugin name', 'definition.name'],
  host: ['host'],
  ip: ['ip address', 'asset.display_ipv4_address', 'asset.display_ipv6_address'],
  hostname: ['fqdn', 'dns name', 'asset.display_fqdn', 'asset.host_name'],
  v3Score: ['cvss3 base score', 'cvss v3.0 base score', 'cvss v3 base score', 'cvssv3', 'definition.cvss3.base_score'],
  v3Vector: ['cvss3 vector', 'cvss v3.0 vector', 'cvss v3 vector', 'definition.cvss3.base_vector'],
  v2Score: ['cvss base score', 'cvss v2.0 base score', 'cvss v2 base score', 'cvss', 'definition.cvss2.base_score'],
  v2Vector: ['cvss vector', 'cvss v2.0 vector', 'cvss v2 vector', 'definition.cvss2.base_vector'],
  synopsis: ['synopsis', 'definition.synopsis'],
  description: ['description', 'definition.description'],
  solution: ['solution', 'steps to remediate', 'definition.solution'],
  seeAlso: ['see also', 'definition.see_also'],
  output: ['plugin output', 'output'],
  cve: ['cve', 'definition.cve'],
  xref: ['xref', 'cross references'],
} as const;

const get = (record: CsvRecord, names: readonly string[]) => field(record, ...names);

function severityOf(record: CsvRecord, score: number | undefined): ScanSeverity {
  const risk = severityFromWord(field(record, 'risk'));
  if (risk) {
    return risk;
  }
  const number = Number(field(record, 'severity'));
  if (field(record, 'severity') !== undefined && Number.isInteger(number) && number >= 0 && number <= 4) {
    return BY_NUMBER[number] ?? 'info';
  }
  return (
    severityFromWord(field(record, 'severity', 'definition.severity', 'risk factor')) ??
    (score === undefined ? 'info' : severityFromScore(score))
  );
}

/** CWEs of `XREF` / `Cross References` (`CWE:200`, `CWE #200`) and of `definition.cwe` (`200, 311`). */
function cwesOf(record: CsvRecord): string[] {
  const cwes = new IdList();
  for (const match of get(record, COLUMNS.xref)?.matchAll(/CWE\s*[:#-]?\s*(\d{1,6})\b/gi) ?? []) {
    cwes.add(cweId(match[1]));
  }
  for (const number of field(record, 'definition.cwe')?.split(/[^0-9A-Za-z-]+/) ?? []) {
    cwes.add(cweId(number));
  }
  return cwes.list;
}

const keyOf = (record: CsvRecord) =>
  [
    get(record, COLUMNS.pluginId),
    get(record, COLUMNS.host),
    get(record, COLUMNS.ip),
    get(record, COLUMNS.hostname),
    field(record, 'port'),
    field(record, 'protocol'),
  ].join('\u0000');

export async function* parseTenableCsv(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  yield { kind: 'meta', meta: { tool: 'Nessus' } };
  const meta: Partial<ParsedScanMeta> = {};
  const scope = new IdList();
  let group: { key: string; first: CsvRecord; cves: IdList } | undefined;

  const finish = (first: CsvRecord, cves: IdList): ParsedFinding => {
    const v3 = toScore(get(first, COLUMNS.v3Score));
    const v2 = toScore(get(first, COLUMNS.v2Score));
    const score = v3 ?? v2;
    const vector =
      v3 !== undefined ? get(first, COLUMNS.v3Vector) : v2 !== undefined ? get(first, COLUMNS.v2Vector) : undefined;
    const pluginId = get(first, COLUMNS.pluginId);
    const title = get(first, COLUMNS.title) ?? `Nessus plugin ${pluginId ?? ''}`;
    const references = new IdList();
    urlsIn(get(first, COLUMNS.seeAlso), references);
    const finding: ParsedFinding = {
      ruleId: pluginId ?? title,
      title,
      severity: severityOf(first, score),
      cves: cves.list,
      cwes: cwesOf(first),
      asset: makeAsset({
        ip: get(first, COLUMNS.ip),
        hostname: get(first, COLUMNS.hostname) ?? get(first, COLUMNS.host),
        host: get(first, COLUMNS.host),
        port: field(first, 'port'),
        protocol: field(first, 'protocol'),
      }),
      references: references.list,
    };
    const toolSeverity = field(first, 'risk', 'severity', 'definition.severity', 'risk factor');
    if (toolSeverity) {
      finding.toolSeverity = toolSeverity;
    }
    if (score !== undefined) {
      finding.cvssScore = score;
    }
    if (vector) {
      finding.cvssVector = vector;
    }
    const description = clip(
      [get(first, COLUMNS.synopsis), get(first, COLUMNS.description)].filter(Boolean).join('\n\n'),
    );
    if (description) {
      finding.description = description;
    }
    const solution = clip(get(first, COLUMNS.solution));
    if (solution && solution !== 'n/a') {
      finding.solution = solution;
    }
    const evidence = clip(get(first, COLUMNS.output), SCAN_PARSE_LIMITS.maxEvidenceChars);
    if (evidence) {
      finding.evidence = evidence;
    }
    return finding;
  };

  for await (const record of csvRecords('tenable_csv', chunks)) {
    if (!get(record, COLUMNS.pluginId) || field(record, 'state')?.toUpperCase() === 'FIXED') {
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
    scope.add(get(record, [...COLUMNS.host, ...COLUMNS.ip, ...COLUMNS.hostname]));
    const key = keyOf(record);
    if (group && group.key !== key) {
      yield { kind: 'finding', finding: finish(group.first, group.cves) };
      group = undefined;
    }
    group ??= { key, first: record, cves: new IdList() };
    cvesIn(get(record, COLUMNS.cve), group.cves);
  }
  if (group) {
    yield { kind: 'finding', finding: finish(group.first, group.cves) };
  }
  meta.scope = scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope);
  yield { kind: 'meta', meta };
}
