import { SCAN_PARSE_LIMITS } from './limits.js';
import {
  IdList,
  clip,
  cvesIn,
  cwesIn,
  makeAsset,
  severityFromScore,
  severityFromWord,
  toDate,
  toScore,
  urlsIn,
} from './normalise.js';
import type { ParsedFinding, ParsedScanMeta, ScanEvent } from './types.js';
import { parseXml, type XmlHandler } from './xml.js';

/**
 * OpenVAS / Greenbone XML report (GMP `get_reports`, the `report` document or its
 * `get_reports_response` wrapper). One finding per `results/result`, that is per NVT, host and
 * port; notes and overrides inside a result are not findings.
 *
 * - Rule ID: the NVT OID. Title: the NVT name (the result's own name when there is none).
 * - Severity: the result's numeric `severity` on the CVSS v3 scale (10.0 is critical, which
 *   Greenbone's older `threat` word calls High; `Log` results, severity 0, are info), else
 *   the `threat` word; toolSeverity is the threat word.
 * - CVSS: `nvt/severities` (score and vector) before `cvss_base` and the `cvss_base_vector` tag.
 * - CVEs and CWEs: every `nvt/refs/ref` of type cve / cwe (and any named in the tags);
 *   references: the url refs.
 * - Description: the tags' summary, insight, impact and affected; solution: `nvt/solution`
 *   or the solution tag; evidence: the result's `description` (what the NVT saw).
 * - Asset: the result's host (address) and `host/hostname`; port and protocol from
 *   `512/tcp` (none for `general/tcp` or `package`). An address that is not valid
 *   ("192.168.1.1001" in a sample) is kept as the host name.
 * - Meta: tool "OpenVAS", version the GMP version, `scan_start`, `scan_end`.
 */
type Result = {
  id: string | undefined;
  depth: number;
  fields: Map<string, string>;
  cves: IdList;
  cwes: IdList;
  references: IdList;
  oid: string | undefined;
  vectorFromSeverities: string | undefined;
  scoreFromSeverities: string | undefined;
};

function tagsOf(text: string | undefined): Map<string, string> {
  const tags = new Map<string, string>();
  for (const part of (text ?? '').split('|')) {
    const at = part.indexOf('=');
    if (at > 0) {
      tags.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
    }
  }
  return tags;
}

export function parseOpenvasXml(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [{ kind: 'meta', meta: { tool: 'OpenVAS' } }];
  const meta: Partial<ParsedScanMeta> = {};
  const scope = new IdList();
  const stack: string[] = [];
  let result: Result | undefined;

  const relative = () => (result ? stack.slice(result.depth).join('/') : '');

  const finish = (r: Result): ParsedFinding => {
    const f = r.fields;
    const tags = tagsOf(f.get('nvt/tags'));
    const resultScore = toScore(f.get('severity'));
    const threat = f.get('threat')?.trim();
    const cvssScore = toScore(r.scoreFromSeverities) ?? toScore(f.get('nvt/cvss_base')) ?? resultScore;
    const cvssVector = r.vectorFromSeverities ?? tags.get('cvss_base_vector');
    cvesIn(f.get('nvt/tags'), r.cves);
    cwesIn(f.get('nvt/tags'), r.cwes);
    const [portNumber, protocol] = (f.get('port') ?? '').trim().split('/');
    const title = (f.get('nvt/name') ?? f.get('name') ?? r.oid ?? 'OpenVAS result').trim().replace(/\s+/g, ' ');
    const finding: ParsedFinding = {
      ruleId: r.oid ?? title,
      title,
      severity:
        resultScore !== undefined
          ? severityFromScore(resultScore)
          : (severityFromWord(threat) ?? (cvssScore !== undefined ? severityFromScore(cvssScore) : 'info')),
      cves: r.cves.list,
      cwes: r.cwes.list,
      asset: makeAsset({
        ip: f.get('host')?.trim(),
        hostname: f.get('host/hostname')?.trim(),
        port: portNumber,
        protocol,
      }),
      references: r.references.list,
    };
    const toolSeverity = threat || f.get('severity')?.trim();
    if (toolSeverity) {
      finding.toolSeverity = toolSeverity;
    }
    if (cvssScore !== undefined) {
      finding.cvssScore = cvssScore;
    }
    if (cvssVector) {
      finding.cvssVector = cvssVector;
    }
    const description = clip(
      ['summary', 'insight', 'impact', 'affected']
        .map((name) => tags.get(name))
        .filter(Boolean)
        .join('\n\n'),
    );
    if (description) {
      finding.description = description;
    }
    const solution = clip(f.get('nvt/solution') ?? tags.get('solution'));
    if (solution) {
      finding.solution = solution;
    }
    const evidence = clip(f.get('description'), SCAN_PARSE_LIMITS.maxEvidenceChars);
    if (evidence) {
      finding.evidence = evidence;
    }
    if (r.id) {
      finding.toolFindingId = r.id;
    }
    return finding;
  };

  const handler: XmlHandler = {
    open(name, attributes) {
      stack.push(name);
      if (!result) {
        if (name === 'result' && stack.at(-2) === 'results') {
          result = {
            id: attributes.id,
            depth: stack.length,
            fields: new Map(),
            cves: new IdList(),
            cwes: new IdList(),
            references: new IdList(),
            oid: undefined,
            vectorFromSeverities: undefined,
            scoreFromSeverities: undefined,
          };
        }
        return;
      }
      const path = relative();
      if (path === 'nvt') {
        result.oid = attributes.oid;
      } else if (path === 'nvt/severities') {
        result.scoreFromSeverities = attributes.score;
      } else if (path === 'nvt/refs/ref') {
        const id = attributes.id ?? '';
        switch (attributes.type?.toLowerCase()) {
          case 'cve':
            cvesIn(id, result.cves);
            break;
          case 'cwe':
            cwesIn(id.startsWith('CWE') ? id : `CWE-${id}`, result.cwes);
            break;
          case 'url':
            urlsIn(id, result.references);
            break;
          default:
            break;
        }
      }
    },
    close(name, text) {
      if (result) {
        if (stack.length === result.depth && name === 'result') {
          out.push({ kind: 'finding', finding: finish(result) });
          scope.add(result.fields.get('host')?.trim());
          result = undefined;
        } else {
          const path = relative();
          if (path === 'nvt/severities/severity/value' && !result.vectorFromSeverities) {
            result.vectorFromSeverities = text.trim() || undefined;
          } else if (!result.fields.has(path)) {
            result.fields.set(path, text);
          }
        }
      } else if (name === 'scan_start') {
        meta.startedAt = toDate(text) ?? meta.startedAt;
      } else if (name === 'scan_end') {
        meta.finishedAt = toDate(text) ?? meta.finishedAt;
      } else if (name === 'version' && (stack.at(-2) === 'gmp' || stack.at(-2) === 'omp')) {
        meta.toolVersion = text.trim() || meta.toolVersion;
      }
      stack.pop();
    },
    end() {
      meta.scope = scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope);
      out.push({ kind: 'meta', meta });
    },
  };
  return parseXml('openvas_xml', chunks, handler, out);
}
