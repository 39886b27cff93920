import type { ParsedElementInfo } from '@streamparser/json';
import { csvRecords } from './csv.js';
import { refuse } from './errors.js';
import { titleRuleId } from './fingerprint.js';
import { asArray, asObject, asString, parseJson } from './json.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import { IdList, clip, cvesIn, cweId, cwesIn, makeAsset, severityFromWord, toScore } from './normalise.js';
import type { ParsedAsset, ParsedFinding, ScanEvent, ScanFormat } from './types.js';

/**
 * The generic layout, as CSV and as JSON: see GENERIC.md beside this file, which is the
 * reference for units writing their own exports. Field names are matched without case,
 * spaces, dashes or underscores (`vuln_id_from_tool`, `VulnIdFromTool` and `Vuln ID From Tool`
 * are one field). A field the layout does not define refuses the file (`unknown_field`), so
 * that a typo never silently drops data; an empty object (`{}`) is skipped.
 */
/**
 * Fields of DefectDojo's generic layout that Custodian accepts and does not keep: EPSS and
 * KEV data, the exporting tool's own workflow state and dates, SAST detail beyond file and
 * line, and attachments. They do not refuse the file (it is valid DefectDojo input).
 */
const IGNORED = [
  'epssscore',
  'epsspercentile',
  'knownexploited',
  'ransomwareused',
  'kevdate',
  'fixavailable',
  'mitigated',
  'mitigateddate',
  'publishdate',
  'plannedremediationdate',
  'plannedremediationversion',
  'effortforfixing',
  'severityjustification',
  'numericalseverity',
  'nboccurences',
  'scannerconfidence',
  'threadid',
  'sastsourceline',
  'sastsourcefilepath',
  'sastsourceobject',
  'sastsinkobject',
  'param',
  'payload',
  'service',
  'outofscope',
  'riskaccepted',
  'underreview',
  'underdefectreview',
  'hashcode',
  'files',
];

const FIELDS = new Set([
  'title',
  'severity',
  'description',
  'impact',
  'mitigation',
  'references',
  'date',
  'cve',
  'cwe',
  'cweid',
  'cvssv3',
  'cvssv3score',
  'url',
  'endpoints',
  'host',
  'port',
  'protocol',
  'componentname',
  'componentversion',
  'filepath',
  'line',
  'stepstoreproduce',
  'evidence',
  'uniqueidfromtool',
  'vulnidfromtool',
  'active',
  'verified',
  'falsepositive',
  'falsep',
  'duplicate',
  'tags',
  'staticfinding',
  'dynamicfinding',
  // DefectDojo's later fields, read:
  'cwes',
  'vulnerabilityids',
  'cvssv4',
  'cvssv4score',
  'fixversion',
  'ismitigated',
  // … and accepted but not kept (scores, dates and workflow flags of the exporting tool):
  ...IGNORED,
]);

/** A list field: a JSON array, or a CSV cell of values separated by commas, semicolons or spaces. */
const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map((item) => asString(item)) : (asString(value)?.split(/[,;\s]+/) ?? []))
    .map((item) => item?.trim())
    .filter((item): item is string => !!item);

/**
 * A "URL" without a scheme (`www.example.com`, `127.0.0.1:80`, `foo.bar/path`: DefectDojo
 * accepts them) is a host, a port and perhaps a path: the scheme is not guessed, so it is not
 * made a URL; the host and port are the asset, and the text itself the component when it
 * names a path.
 */
function schemeless(url: string): { host: string; port?: string; path: boolean } | undefined {
  const match = /^([^\s/:?#]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?([/?#].*)?$/i.exec(url.trim());
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url.trim()) || !match?.[1]) {
    return undefined;
  }
  const host = match[1].replace(/^\[|\]$/g, '');
  const path = !!match[3] && match[3] !== '/';
  return match[2] ? { host, port: match[2], path } : { host, path };
}

const canonical = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const isFalse = (value: unknown) =>
  value === false || (typeof value === 'string' && /^(false|no|0)$/i.test(value.trim()));
const isTrue = (value: unknown) =>
  value === true || (typeof value === 'string' && /^(true|yes|1)$/i.test(value.trim()));

function endpointUrl(value: unknown): string | undefined {
  const text = asString(value);
  if (text) {
    return text;
  }
  const endpoint = asObject(value);
  const host = asString(endpoint?.host);
  if (!endpoint || !host) {
    return undefined;
  }
  const protocol = asString(endpoint.protocol) ?? 'https';
  const port = asString(endpoint.port);
  const path = (asString(endpoint.path) ?? '').replace(/^\/?/, '/');
  const query = asString(endpoint.query);
  return `${protocol}://${host}${port ? `:${port}` : ''}${path}${query ? `?${query}` : ''}`;
}

/** The findings of one generic record (one per endpoint), or none for an empty or inactive one. */
function findingsOf(format: ScanFormat, raw: Record<string, unknown>, position: string): ParsedFinding[] {
  const record: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(raw)) {
    const key = canonical(name);
    if (key === '' && (value === '' || value === undefined)) {
      continue;
    }
    if (!FIELDS.has(key)) {
      throw refuse(format, 'unknown_field', `${position}: ${name.slice(0, 60)}`);
    }
    if (value !== '' && value !== null && value !== undefined) {
      record[key] = value;
    }
  }
  if (Object.keys(record).length === 0) {
    return [];
  }
  if (
    isFalse(record.active) ||
    isTrue(record.ismitigated) ||
    isTrue(record.falsepositive) ||
    isTrue(record.falsep) ||
    isTrue(record.duplicate)
  ) {
    return [];
  }
  const title = asString(record.title)?.trim();
  if (!title) {
    throw refuse(format, 'invalid_structure', `${position}: title missing`);
  }
  const word = asString(record.severity);
  const severity = severityFromWord(word);
  if (!severity) {
    throw refuse(format, 'invalid_structure', `${position}: severity missing or not Critical/High/Medium/Low/Info`);
  }
  const cves = new IdList();
  cvesIn(asString(record.cve), cves);
  // Other identifiers (GHSA, OSV…) have no field of their own; they are kept as references.
  const otherIds: string[] = [];
  for (const id of listOf(record.vulnerabilityids)) {
    if (/^CVE-\d{4}-\d+$/i.test(id)) {
      cvesIn(id, cves);
    } else {
      otherIds.push(id);
    }
  }
  const cwes = new IdList();
  for (const value of [record.cwe, record.cweid, ...listOf(record.cwes)]) {
    const text = asString(value);
    cwes.add(cweId(text));
    cwesIn(text, cwes);
  }
  const references = new IdList();
  for (const line of (asString(record.references) ?? '').split(/\r?\n/)) {
    references.add(line.trim() || undefined);
  }
  for (const id of otherIds) {
    references.add(id);
  }
  const component =
    asString(record.componentname) !== undefined
      ? [asString(record.componentname), asString(record.componentversion)].filter(Boolean).join('@')
      : asString(record.filepath) !== undefined
        ? [asString(record.filepath), asString(record.line)].filter(Boolean).join(':')
        : undefined;
  const urls = [
    ...(asString(record.url) ? [asString(record.url)] : []),
    ...asArray(record.endpoints).map(endpointUrl),
  ].filter((url): url is string => !!url);
  const assets: ParsedAsset[] = (urls.length > 0 ? urls : [undefined]).map((url) => {
    const bare = url ? schemeless(url) : undefined;
    return makeAsset({
      url: bare ? undefined : url,
      host: bare?.host ?? asString(record.host),
      port: bare?.port ?? asString(record.port),
      protocol: asString(record.protocol),
      component: bare?.path ? (component ?? url) : component,
    });
  });
  const v3 = toScore(record.cvssv3score);
  const v4 = toScore(record.cvssv4score);
  const score = v3 ?? v4;
  return assets.map((asset) => {
    const finding: ParsedFinding = {
      ruleId: asString(record.vulnidfromtool)?.trim() || cves.list[0] || titleRuleId(title),
      title,
      severity,
      cves: cves.list,
      cwes: cwes.list,
      asset,
      references: references.list,
    };
    if (word) {
      finding.toolSeverity = word;
    }
    if (score !== undefined) {
      finding.cvssScore = score;
    }
    const vector = (v3 !== undefined || v4 === undefined ? asString(record.cvssv3) : asString(record.cvssv4))?.trim();
    if (vector) {
      finding.cvssVector = vector;
    }
    const description = clip([asString(record.description), asString(record.impact)].filter(Boolean).join('\n\n'));
    if (description) {
      finding.description = description;
    }
    const fixVersion = asString(record.fixversion)?.trim();
    const solution = clip(
      [asString(record.mitigation), fixVersion ? `Fixed version: ${fixVersion}` : undefined]
        .filter(Boolean)
        .join('\n\n'),
    );
    if (solution) {
      finding.solution = solution;
    }
    const evidence = clip(
      asString(record.stepstoreproduce) ?? asString(record.evidence),
      SCAN_PARSE_LIMITS.maxEvidenceChars,
    );
    if (evidence) {
      finding.evidence = evidence;
    }
    const unique = asString(record.uniqueidfromtool)?.trim();
    if (unique) {
      finding.toolFindingId = unique;
    }
    return finding;
  });
}

export async function* parseGenericCsv(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  yield { kind: 'meta', meta: { tool: 'Generic' } };
  let row = 1;
  for await (const record of csvRecords('generic_csv', chunks)) {
    row += 1;
    for (const finding of findingsOf('generic_csv', record, `row ${row}`)) {
      yield { kind: 'finding', finding };
    }
  }
}

export function parseGenericJson(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [{ kind: 'meta', meta: { tool: 'Generic' } }];
  const onValue = ({ value, key }: ParsedElementInfo) => {
    const item = asObject(value);
    if (!item) {
      throw refuse('generic_json', 'invalid_structure', `finding ${String(key)}: not an object`);
    }
    for (const finding of findingsOf('generic_json', item, `finding ${String(key)}`)) {
      out.push({ kind: 'finding', finding });
    }
  };
  return parseJson('generic_json', chunks, ['$.findings.*'], onValue, out);
}
