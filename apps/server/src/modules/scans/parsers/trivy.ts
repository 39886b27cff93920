import type { ParsedElementInfo } from '@streamparser/json';
import { titleRuleId } from './fingerprint.js';
import { asArray, asObject, asString, parseJson } from './json.js';
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
import type { ParsedFinding, ParsedScanMeta, ScanEvent } from './types.js';

/**
 * Trivy JSON, both generations:
 * - legacy (before 0.20): a top-level array of `{ Target, Type, Vulnerabilities }`, or the
 *   bare `null` Trivy writes when there is nothing;
 * - SchemaVersion 2: `{ SchemaVersion, ArtifactName, CreatedAt, Results: [{ Target, Class,
 *   Type, Vulnerabilities, Misconfigurations, Secrets }] }`.
 *
 * Each vulnerability, failed misconfiguration and secret is a finding, streamed as its object
 * completes (the Target before it is remembered; Trivy writes it first).
 * - Vulnerability: rule ID the VulnerabilityID (CVE, GHSA…); component `PkgName@InstalledVersion`
 *   (the version is part of the asset: upgrading the package fixes that finding); severity
 *   Trivy's CRITICAL…LOW (UNKNOWN → info); CVSS v3 of the severity source, else NVD, else any,
 *   then v2, then v4; CWEs `CweIDs`; solution "Upgrade … to FixedVersion". A vulnerability whose
 *   `Status` is `not_affected` (a VEX statement that the package is not affected) is skipped;
 *   every other status (affected, fixed = a fix exists, will_not_fix, end_of_life, …) is open.
 * - Misconfiguration: only `Status: FAIL`; rule ID the AVDID, else ID; component the Target
 *   file (and the resource named in CauseMetadata); evidence the Message and line range.
 * - Kubernetes cluster scans (`trivy k8s --format json`): `{ ClusterName, Resources: [{
 *   Namespace, Kind, Name, Results: [...] }] }` (before 0.40: `Vulnerabilities` and
 *   `Misconfigurations` lists of such resources instead of `Resources`), each result as above; the resource
 *   (`namespace/Kind/name`) is the misconfiguration's and secret's target and prefixes a
 *   vulnerability's component (`default/Deployment/web openssl@1.1.1k`); the cluster name
 *   is the scope.
 * - Licence results (`Class: license`, `Licenses`) are not findings: a licence category is
 *   a compliance matter, not a vulnerability with a remediation deadline, and Trivy rates
 *   every GPL package HIGH, which would block the pre-launch gate for no security reason.
 * - Secret: rule ID the RuleID; component `Target:StartLine` (a file may hold several
 *   secrets of one rule); evidence Trivy's (already masked) Match.
 */
/** The Target of a result; `resource` the Kubernetes resource (`namespace/Kind/name`) it belongs to. */
type Target = { name: string; type: string | undefined; resource?: string };

function cvss(vuln: Record<string, unknown>): { score?: number; vector?: string } {
  const sources = asObject(vuln.CVSS) ?? {};
  const preferred = [asString(vuln.SeveritySource), 'nvd', ...Object.keys(sources)].filter(
    (name): name is string => !!name,
  );
  // CVSS v4 (`V40Score`, GHSA's) only when no source gives v3 or v2: the rest of Custodian
  // compares v3 scores.
  for (const version of ['V3', 'V2', 'V40'] as const) {
    for (const name of preferred) {
      const entry = asObject(sources[name]);
      const score = toScore(entry?.[`${version}Score`]);
      if (entry && score !== undefined) {
        const vector = asString(entry[`${version}Vector`]);
        return vector ? { score, vector } : { score };
      }
    }
  }
  return {};
}

function references(value: unknown, primary: unknown): string[] {
  const list = new IdList();
  urlsIn(asString(primary), list);
  for (const ref of asArray(value)) {
    urlsIn(asString(ref), list);
  }
  return list.list;
}

/** A cluster scan's package is per workload: the same CVE in two deployments is two findings. */
const inResource = (target: Target, component: string): string =>
  target.resource ? `${target.resource} ${component}` : component;

function vulnerability(target: Target, vuln: Record<string, unknown>): ParsedFinding | undefined {
  if (asString(vuln.Status)?.toLowerCase() === 'not_affected') {
    return undefined;
  }
  const id = asString(vuln.VulnerabilityID)?.trim();
  const pkg = asString(vuln.PkgName)?.trim() ?? '';
  const version = asString(vuln.InstalledVersion)?.trim();
  const title = asString(vuln.Title)?.trim() || `${id ?? 'Vulnerability'} in ${pkg}`;
  const cves = new IdList();
  cvesIn(id, cves);
  const cwes = new IdList();
  for (const cwe of asArray(vuln.CweIDs)) {
    cwes.add(cweId(asString(cwe)));
  }
  const { score, vector } = cvss(vuln);
  const word = asString(vuln.Severity);
  const finding: ParsedFinding = {
    ruleId: id || titleRuleId(title),
    title: id && !title.includes(id) ? `${id}: ${title}` : title,
    severity: severityFromWord(word) ?? (score !== undefined ? severityFromScore(score) : 'info'),
    cves: cves.list,
    cwes: cwes.list,
    asset: makeAsset({ component: inResource(target, version ? `${pkg}@${version}` : pkg || target.name) }),
    references: references(vuln.References, vuln.PrimaryURL),
  };
  if (word) {
    finding.toolSeverity = word;
  }
  if (score !== undefined) {
    finding.cvssScore = score;
  }
  if (vector) {
    finding.cvssVector = vector;
  }
  const description = clip(asString(vuln.Description));
  if (description) {
    finding.description = description;
  }
  const fixed = asString(vuln.FixedVersion)?.trim();
  if (fixed) {
    finding.solution = `Upgrade ${pkg} to ${fixed}.`;
  }
  finding.evidence = clip(
    [
      `Target: ${target.name}`,
      `Package: ${pkg} ${version ?? ''}`.trim(),
      asString(vuln.PkgPath) ? `Path: ${asString(vuln.PkgPath)}` : undefined,
    ]
      .filter(Boolean)
      .join('\n'),
    SCAN_PARSE_LIMITS.maxEvidenceChars,
  );
  return finding;
}

function misconfiguration(target: Target, item: Record<string, unknown>): ParsedFinding | undefined {
  const status = asString(item.Status);
  if (status && status.toUpperCase() !== 'FAIL') {
    return undefined;
  }
  const id = asString(item.AVDID)?.trim() || asString(item.ID)?.trim();
  const title = asString(item.Title)?.trim() || id || 'Misconfiguration';
  const cause = asObject(item.CauseMetadata) ?? {};
  const resource = asString(cause.Resource)?.trim();
  const word = asString(item.Severity);
  const cves = new IdList();
  cvesIn(id, cves);
  const finding: ParsedFinding = {
    ruleId: id || titleRuleId(title),
    title,
    severity: severityFromWord(word) ?? 'info',
    cves: cves.list,
    cwes: [],
    asset: makeAsset({
      component: resource ? `${target.resource ?? target.name}#${resource}` : (target.resource ?? target.name),
    }),
    references: references(item.References, item.PrimaryURL),
  };
  if (word) {
    finding.toolSeverity = word;
  }
  const description = clip(asString(item.Description));
  if (description) {
    finding.description = description;
  }
  const solution = clip(asString(item.Resolution));
  if (solution) {
    finding.solution = solution;
  }
  const lines = [asString(cause.StartLine), asString(cause.EndLine)].filter(Boolean).join('–');
  finding.evidence = clip(
    [asString(item.Message), lines ? `${target.name} lines ${lines}` : undefined].filter(Boolean).join('\n'),
    SCAN_PARSE_LIMITS.maxEvidenceChars,
  );
  return finding;
}

function secret(target: Target, item: Record<string, unknown>): ParsedFinding {
  const rule = asString(item.RuleID)?.trim();
  const title = asString(item.Title)?.trim() || rule || 'Secret';
  const line = asString(item.StartLine);
  const word = asString(item.Severity);
  const finding: ParsedFinding = {
    ruleId: rule || titleRuleId(title),
    title: `Secret: ${title}`,
    severity: severityFromWord(word) ?? 'high',
    cves: [],
    cwes: ['CWE-798'],
    asset: makeAsset({ component: inResource(target, line ? `${target.name}:${line}` : target.name) }),
    references: [],
  };
  if (word) {
    finding.toolSeverity = word;
  }
  const category = asString(item.Category);
  if (category) {
    finding.description = `${category} secret found in ${target.name}${line ? ` at line ${line}` : ''}.`;
  }
  const match = clip(asString(item.Match), SCAN_PARSE_LIMITS.maxEvidenceChars);
  if (match) {
    finding.evidence = match;
  }
  return finding;
}

const LEGACY = ['$.*.Target', '$.*.Type', '$.*.Vulnerabilities.*'];
const V2 = [
  '$.SchemaVersion',
  '$.ArtifactName',
  '$.CreatedAt',
  '$.Results.*.Target',
  '$.Results.*.Type',
  '$.Results.*.Vulnerabilities.*',
  '$.Results.*.Misconfigurations.*',
  '$.Results.*.Secrets.*',
];

/** Top-level lists of resources in cluster reports: `Resources`, or before Trivy 0.40 one list per kind of finding. */
const CLUSTER_LISTS = new Set(['Resources', 'Vulnerabilities', 'Misconfigurations']);

const CLUSTER = [
  '$.ClusterName',
  ...['Vulnerabilities', 'Misconfigurations'].flatMap((list) =>
    [
      'Namespace',
      'Kind',
      'Name',
      'Results.*.Target',
      'Results.*.Type',
      'Results.*.Vulnerabilities.*',
      'Results.*.Misconfigurations.*',
      'Results.*.Secrets.*',
    ].map((path) => `$.${list}.*.${path}`),
  ),
  '$.Resources.*.Namespace',
  '$.Resources.*.Kind',
  '$.Resources.*.Name',
  '$.Resources.*.Results.*.Target',
  '$.Resources.*.Results.*.Type',
  '$.Resources.*.Results.*.Vulnerabilities.*',
  '$.Resources.*.Results.*.Misconfigurations.*',
  '$.Resources.*.Results.*.Secrets.*',
];

export function parseTrivy(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [{ kind: 'meta', meta: { tool: 'Trivy' } }];
  const meta: Partial<ParsedScanMeta> = {};
  const scope = new IdList();
  let target: Target = { name: '', type: undefined };
  let resource: { namespace?: string; kind?: string; name?: string } = {};
  let resourceIndex: unknown;

  const onValue = ({ value, key, parent, stack }: ParsedElementInfo) => {
    // The parser's stack starts with an empty frame; the root document is stack[1]'s value
    // (or the parent of a top-level member). stack[i].key is the path's i-th key.
    const legacy = Array.isArray(stack.length > 1 ? stack[1]?.value : parent);
    const depth = stack.length;
    const cluster = !legacy && depth > 1 && CLUSTER_LISTS.has(String(stack[1]?.key));
    if (depth === 1 && !legacy) {
      if (key === 'ClusterName') {
        scope.add(asString(value));
      } else if (key === 'ArtifactName') {
        scope.add(asString(value));
      } else if (key === 'CreatedAt') {
        meta.startedAt = toDate(value);
      }
      return;
    }
    if (cluster && stack[2]?.key !== resourceIndex) {
      // A new resource (cluster-scoped ones, such as a ClusterRole, have no Namespace).
      resourceIndex = stack[2]?.key;
      resource = {};
    }
    if (cluster && depth === 3) {
      // Namespace, Kind and Name come before the resource's Results.
      if (key === 'Namespace') {
        resource.namespace = asString(value);
      } else if (key === 'Kind') {
        resource.kind = asString(value);
      } else if (key === 'Name') {
        resource.name = asString(value);
      }
      return;
    }
    const resultDepth = legacy ? 2 : cluster ? 5 : 3;
    if (depth === resultDepth) {
      if (key === 'Target') {
        const id = cluster
          ? [resource.namespace, resource.kind, resource.name].filter(Boolean).join('/') || undefined
          : undefined;
        target = id
          ? { name: asString(value) ?? '', type: undefined, resource: id }
          : { name: asString(value) ?? '', type: undefined };
        if (legacy) {
          scope.add(target.name);
        }
      } else if (key === 'Type') {
        target.type = asString(value);
      }
      return;
    }
    const item = asObject(value);
    const list = stack[depth - 1]?.key;
    if (!item) {
      return;
    }
    const finding =
      list === 'Vulnerabilities'
        ? vulnerability(target, item)
        : list === 'Misconfigurations'
          ? misconfiguration(target, item)
          : list === 'Secrets'
            ? secret(target, item)
            : undefined;
    if (finding) {
      out.push({ kind: 'finding', finding });
    }
  };

  return (async function* run() {
    // Which generation: the paths differ, and both are given; each only matches its own shape.
    yield* parseJson('trivy_json', chunks, [...LEGACY, ...V2, ...CLUSTER], onValue, out);
    meta.scope = scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope);
    yield { kind: 'meta', meta } satisfies ScanEvent;
  })();
}
