import { SCAN_PARSE_LIMITS } from './limits.js';
import { IdList, clip, cvesIn, cwesIn, htmlToText, makeAsset, severityFromWord, toDate, urlsIn } from './normalise.js';
import type { ParsedFinding, ParsedScanMeta, ScanEvent } from './types.js';
import { parseXml, type XmlHandler } from './xml.js';

/**
 * Burp Suite XML ("Report issues" / "Save selected issues", root `issues`). Every export
 * carries a DOCTYPE with ELEMENT and ATTLIST declarations only, which the XML driver lets
 * through (it declares no entity). One finding per `issue`: Burp already writes one issue per
 * issue type and location, where the location is the path and, for input-based issues, the
 * parameter ("/login.jsp [password parameter]"); that parameter is the finding's component,
 * so that SQL injection through two parameters of one page is two findings.
 *
 * - Rule ID: the issue `type` (Burp's numeric issue type), followed by the name for issues
 *   reported by extensions (all of type 134217728); toolFindingId: `serialNumber`.
 * - Severity: High/Medium/Low/Information; issues Burp marks "False positive" are skipped
 *   (the tool itself says they are not findings).
 * - CWEs (and CVEs) from `vulnerabilityClassifications` and the detail; references from
 *   `references` (Burp 2) — Burp 1.6 writes neither.
 * - Evidence: the issue detail and items, then up to three request/response pairs, base64
 *   decoded where marked so, each cut at 8 KB (the element itself is held at most 64 K
 *   characters), the whole at 32 KB.
 * - Asset: `host` + `path` as the URL, `host@ip` as the address.
 * - Meta: tool "Burp Suite", `burpVersion`, `exportTime` when it parses.
 */
type Issue = {
  fields: Map<string, string>;
  hostIp: string | undefined;
  messages: string[];
  requestBase64: boolean;
  responseBase64: boolean;
};

const MAX_MESSAGES = 3;

/**
 * Burp's type for every issue an extension (BApp) reports, whatever the issue: Vulners'
 * "Software detected" and "Vulnerable Software detected" are both 134217728 (0x08000000).
 * Such an issue is told apart by its name, so its rule ID is `134217728:` and the name.
 */
const EXTENSION_ISSUE_TYPE = '134217728';

const ruleIdOf = (type: string | undefined, title: string): string =>
  !type ? title : type === EXTENSION_ISSUE_TYPE ? `${type}:${title}` : type;

function decodeMessage(text: string, base64: boolean): string | undefined {
  const max = SCAN_PARSE_LIMITS.maxHttpMessageChars;
  if (!base64) {
    return clip(text, max);
  }
  // Only as much base64 as the shown part needs is decoded (4 characters make 3 bytes).
  const encoded = text.replace(/\s+/g, '');
  const needed = Math.ceil((max * 4) / 3 / 4) * 4 + 4;
  const bytes = Buffer.from(encoded.slice(0, needed), 'base64');
  const decoded = bytes.toString('utf8');
  return clip(
    decoded.length > max || encoded.length > needed ? `${decoded.slice(0, max)}\n…[truncated]` : decoded,
    max + 20,
  );
}

export function parseBurp(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [];
  const meta: Partial<ParsedScanMeta> = { tool: 'Burp Suite' };
  const scope = new IdList();
  let issue: Issue | undefined;
  let issueDepth = 0;

  const finish = (current: Issue): ParsedFinding | undefined => {
    const f = current.fields;
    const severityWord = f.get('severity')?.trim();
    if (severityWord?.toLowerCase() === 'false positive') {
      return undefined;
    }
    const host = f.get('host')?.trim() ?? '';
    const path = f.get('path')?.trim() ?? '';
    const location = f.get('location')?.trim() ?? '';
    const parameter = /\[([^\]]+)\]\s*$/.exec(location)?.[1]?.trim();
    let hostname: string | undefined;
    try {
      hostname = new URL(host).hostname;
    } catch {
      hostname = undefined;
    }
    const cves = new IdList();
    const cwes = new IdList();
    const classifications = f.get('vulnerabilityClassifications');
    cwesIn(classifications, cwes);
    cvesIn(classifications, cves);
    cvesIn(f.get('issueDetail'), cves);
    const references = new IdList();
    urlsIn(f.get('references'), references);
    const title = (f.get('name') ?? `Burp issue ${f.get('type') ?? ''}`).trim();
    const finding: ParsedFinding = {
      ruleId: ruleIdOf(f.get('type')?.trim(), title),
      title,
      severity: severityFromWord(severityWord) ?? 'info',
      cves: cves.list,
      cwes: cwes.list,
      asset: makeAsset({
        url: `${host.replace(/\/$/, '')}${path}`,
        hostname,
        ip: current.hostIp,
        component: parameter,
      }),
      references: references.list,
    };
    if (severityWord) {
      finding.toolSeverity = severityWord;
    }
    const description = clip(
      [htmlToText(f.get('issueBackground')), htmlToText(f.get('issueDetail'))].filter(Boolean).join('\n\n'),
    );
    if (description) {
      finding.description = description;
    }
    const solution = clip(
      [htmlToText(f.get('remediationBackground')), htmlToText(f.get('remediationDetail'))].filter(Boolean).join('\n\n'),
    );
    if (solution) {
      finding.solution = solution;
    }
    const evidence = clip(
      [htmlToText(f.get('issueDetailItems')), ...current.messages].filter(Boolean).join('\n'),
      SCAN_PARSE_LIMITS.maxEvidenceChars,
    );
    if (evidence) {
      finding.evidence = evidence;
    }
    const serial = f.get('serialNumber')?.trim();
    if (serial) {
      finding.toolFindingId = serial;
    }
    scope.add(host);
    return finding;
  };

  const handler: XmlHandler = {
    open(name, attributes, depth) {
      if (depth === 1 && name === 'issues') {
        if (attributes.burpVersion) {
          meta.toolVersion = attributes.burpVersion;
        }
        const exported = toDate(attributes.exportTime);
        if (exported) {
          meta.finishedAt = exported;
        }
        out.push({ kind: 'meta', meta: { ...meta } });
      } else if (name === 'issue' && depth === 2) {
        issue = { fields: new Map(), hostIp: undefined, messages: [], requestBase64: false, responseBase64: false };
        issueDepth = depth;
      } else if (issue) {
        if (name === 'host' && depth === issueDepth + 1) {
          issue.hostIp = attributes.ip;
        } else if (name === 'request') {
          issue.requestBase64 = attributes.base64 === 'true';
        } else if (name === 'response') {
          issue.responseBase64 = attributes.base64 === 'true';
        }
      }
    },
    close(name, text, depth) {
      if (!issue) {
        return;
      }
      if (name === 'issue' && depth === issueDepth) {
        const finding = finish(issue);
        if (finding) {
          out.push({ kind: 'finding', finding });
        }
        issue = undefined;
        return;
      }
      if (name === 'request' || name === 'response') {
        if (issue.messages.length < MAX_MESSAGES * 2) {
          const decoded = decodeMessage(text, name === 'request' ? issue.requestBase64 : issue.responseBase64);
          if (decoded) {
            issue.messages.push(`--- ${name === 'request' ? 'Request' : 'Response'} ---\n${decoded}`);
          }
        }
        return;
      }
      if (name === 'issueDetailItem') {
        const items = issue.fields.get('issueDetailItems') ?? '';
        issue.fields.set('issueDetailItems', `${items}${text.trim()}\n`);
        return;
      }
      if (depth === issueDepth + 1 && !issue.fields.has(name)) {
        issue.fields.set(name, text);
      }
    },
    end() {
      out.push({ kind: 'meta', meta: { scope: scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope) } });
    },
  };
  return parseXml('burp_xml', chunks, handler, out);
}
