import { csvRecords, field } from './csv.js';
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
import type { ParsedFinding, ParsedScanMeta, ScanEvent } from './types.js';

/**
 * OpenVAS / Greenbone CSV results export: one row per result (NVT on host and port), so one
 * finding per row. Rule ID: `NVT OID` (a CVE ID when the result comes from Greenbone's CVE
 * scanner, which then is also the finding's CVE). Severity from the `CVSS` score on the CVSS v3 scale
 * (so 10.0 is critical, where Greenbone's older word says High), else the `Severity` word;
 * toolSeverity is the word. CVEs from `CVEs` (comma-separated); references from `Other
 * References`. Asset: `IP` and `Hostname`, `Port` and `Port Protocol` (none for general/tcp).
 * Evidence: `Specific Result`. Times: earliest and latest `Timestamp`.
 */
export async function* parseOpenvasCsv(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  yield { kind: 'meta', meta: { tool: 'OpenVAS' } };
  const meta: Partial<ParsedScanMeta> = {};
  const scope = new IdList();
  for await (const record of csvRecords('openvas_csv', chunks)) {
    const oid = field(record, 'nvt oid');
    const title = field(record, 'nvt name') ?? oid;
    if (!title) {
      continue;
    }
    const score = toScore(field(record, 'cvss'));
    const word = field(record, 'severity');
    const cves = new IdList();
    cvesIn(field(record, 'cves'), cves);
    // Greenbone's CVE scanner (notus / "CVE scanning") reports the CVE itself as the OID.
    if (oid && /^CVE-\d{4}-\d+$/i.test(oid)) {
      cvesIn(oid, cves);
    }
    const references = new IdList();
    urlsIn(field(record, 'other references'), references);
    const at = toDate(field(record, 'timestamp'));
    if (at && (!meta.startedAt || at < meta.startedAt)) {
      meta.startedAt = at;
    }
    if (at && (!meta.finishedAt || at > meta.finishedAt)) {
      meta.finishedAt = at;
    }
    scope.add(field(record, 'ip'));
    const finding: ParsedFinding = {
      ruleId: oid ?? title,
      title,
      severity: score !== undefined ? severityFromScore(score) : (severityFromWord(word) ?? 'info'),
      cves: cves.list,
      cwes: [],
      asset: makeAsset({
        ip: field(record, 'ip'),
        hostname: field(record, 'hostname'),
        port: field(record, 'port'),
        protocol: field(record, 'port protocol'),
      }),
      references: references.list,
    };
    if (word) {
      finding.toolSeverity = word;
    }
    if (score !== undefined) {
      finding.cvssScore = score;
    }
    const description = clip(
      [field(record, 'summary'), field(record, 'vulnerability insight'), field(record, 'impact')]
        .filter(Boolean)
        .join('\n\n'),
    );
    if (description) {
      finding.description = description;
    }
    const solution = clip(field(record, 'solution'));
    if (solution) {
      finding.solution = solution;
    }
    const evidence = clip(field(record, 'specific result'), SCAN_PARSE_LIMITS.maxEvidenceChars);
    if (evidence) {
      finding.evidence = evidence;
    }
    const resultId = field(record, 'result id');
    if (resultId) {
      finding.toolFindingId = resultId;
    }
    yield { kind: 'finding', finding };
  }
  meta.scope = scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope);
  yield { kind: 'meta', meta };
}
