import { titleRuleId } from './fingerprint.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import { IdList, clip, cvesIn, cweId, cwesIn, makeAsset, normaliseIp, toDate, toScore, urlsIn } from './normalise.js';
import type { ParsedFinding, ParsedScanMeta, ScanEvent, ScanSeverity } from './types.js';
import { parseXml, type XmlHandler } from './xml.js';

/**
 * Nessus `.nessus` (NessusClientData_v2), Nessus Professional/Manager and Tenable WAS
 * exports alike. One finding per ReportItem, that is per plugin and host and port (Nessus
 * writes one ReportItem per port a plugin fired on). Severity 0 items (plugin "None", the
 * scan's information: OS, open ports, CPEs) are info findings: they are what the tool said
 * about the host, they never block the pre-launch gate and carry no short deadline.
 *
 * - Severity: the `severity` attribute 0–4 → info, low, medium, high, critical; the tool's
 *   own word (`risk_factor`) kept as toolSeverity.
 * - CVSS: v3 (`cvss3_base_score`, `cvss3_vector`; WAS `cvssv3`) before v2.
 * - CVEs: every `<cve>`; CWEs: `<cwe>` and `<xref>CWE:n</xref>`; references: `see_also`.
 * - Asset: `host-ip` / `host-fqdn` of HostProperties, else the ReportHost name; port and
 *   protocol when the port is not 0 ("general"). WAS hosts are URLs: the finding's URL is the
 *   one its plugin output names (`URL '…'`), else the ReportHost's.
 * - Compliance audits (`cm:compliance-*` items): one plugin reports many checks on one host,
 *   so the check's ID (else its name) is the component and its name the title; checks that
 *   PASSED are not findings.
 * - Times: HOST_START/HOST_END (earliest and latest), read as UTC when they carry no zone
 *   (Nessus writes the scanner's local time without one); version from plugin 19506's output.
 */
const SEVERITIES: ScanSeverity[] = ['info', 'low', 'medium', 'high', 'critical'];

type Host = { name: string; props: Map<string, string> };
type Item = {
  attributes: Record<string, string>;
  fields: Map<string, string>;
  cves: IdList;
  cwes: IdList;
  references: IdList;
};

const NO_ZONE_DATE = /^[A-Z][a-z]{2} [A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/;

function hostTime(text: string | undefined): Date | undefined {
  const value = text?.trim();
  return value && NO_ZONE_DATE.test(value) ? toDate(`${value} UTC`) : toDate(value);
}

export function parseNessus(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [{ kind: 'meta', meta: { tool: 'Nessus' } }];
  const meta: Partial<ParsedScanMeta> = {};
  const scope = new IdList();
  let host: Host | undefined;
  let item: Item | undefined;
  let itemDepth = 0;
  let was = false;
  let preferenceName = '';
  let tagName = '';

  const earliest = (date: Date | undefined) => {
    if (date && (!meta.startedAt || date < meta.startedAt)) {
      meta.startedAt = date;
    }
  };
  const latest = (date: Date | undefined) => {
    if (date && (!meta.finishedAt || date > meta.finishedAt)) {
      meta.finishedAt = date;
    }
  };

  const finish = (current: Item, at: Host): ParsedFinding | undefined => {
    const { attributes, fields } = current;
    const complianceResult = fields.get('cm:compliance-result')?.trim().toUpperCase();
    if (complianceResult === 'PASSED') {
      return undefined;
    }
    const complianceCheck = (fields.get('cm:compliance-check-id') ?? fields.get('cm:compliance-check-name'))?.trim();
    const level = Number(attributes.severity ?? '0');
    const severity = SEVERITIES[Number.isInteger(level) && level >= 0 && level <= 4 ? level : 0] ?? 'info';
    const output = fields.get('plugin_output');
    const v3 = toScore(fields.get('cvss3_base_score') ?? fields.get('cvssv3'));
    const v2 = toScore(fields.get('cvss_base_score') ?? fields.get('cvss'));
    const cvssScore = v3 ?? v2;
    const cvssVector = v3 !== undefined ? fields.get('cvss3_vector') : fields.get('cvss_vector');
    const props = at.props;
    const isUrl = was || /^https?:\/\//i.test(at.name);
    const pluginUrl = isUrl ? /\bURL '(https?:\/\/[^']+)'/.exec(output ?? '')?.[1] : undefined;
    const asset = isUrl
      ? makeAsset({
          url: pluginUrl ?? at.name,
          port: attributes.port,
          protocol: attributes.protocol,
        })
      : makeAsset({
          ip: props.get('host-ip') ?? (normaliseIp(at.name) ? at.name : undefined),
          hostname: props.get('host-fqdn') ?? props.get('hostname') ?? at.name,
          port: attributes.port,
          protocol: attributes.protocol,
        });
    if (complianceCheck) {
      asset.component = `compliance:${complianceCheck.slice(0, 200)}`;
    }
    const title =
      fields.get('cm:compliance-check-name')?.trim() ??
      attributes.pluginName ??
      fields.get('plugin_name') ??
      `Nessus plugin ${attributes.pluginID ?? ''}`;
    const description = [fields.get('synopsis'), fields.get('description')].filter(Boolean).join('\n\n');
    const finding: ParsedFinding = {
      ruleId: attributes.pluginID?.trim() || titleRuleId(title),
      title: title.trim(),
      severity,
      toolSeverity: fields.get('risk_factor') ?? attributes.severity,
      cves: current.cves.list,
      cwes: current.cwes.list,
      asset,
      references: current.references.list,
    };
    if (cvssScore !== undefined) {
      finding.cvssScore = cvssScore;
    }
    if (cvssVector) {
      finding.cvssVector = cvssVector;
    }
    const text = clip(description);
    if (text) {
      finding.description = text;
    }
    const solution = clip(fields.get('solution'));
    if (solution && solution !== 'n/a') {
      finding.solution = solution;
    }
    const evidence = clip(output, SCAN_PARSE_LIMITS.maxEvidenceChars);
    if (evidence) {
      finding.evidence = evidence;
    }
    return finding;
  };

  const handler: XmlHandler = {
    open(name, attributes, depth) {
      if (item) {
        return;
      }
      switch (name) {
        case 'Report':
          was = attributes.type === 'was';
          break;
        case 'ReportHost':
          host = { name: attributes.name ?? '', props: new Map() };
          scope.add(host.name.slice(0, 500));
          break;
        case 'tag':
          tagName = attributes.name ?? '';
          break;
        case 'ReportItem':
          if (host) {
            item = {
              attributes,
              fields: new Map(),
              cves: new IdList(),
              cwes: new IdList(),
              references: new IdList(),
            };
            itemDepth = depth;
          }
          break;
        default:
          break;
      }
    },
    close(name, text, depth) {
      if (item) {
        if (depth === itemDepth && name === 'ReportItem') {
          if (host) {
            const finding = finish(item, host);
            if (item.attributes.pluginID === '19506') {
              const version = /Nessus version : ([^\s]+)/.exec(item.fields.get('plugin_output') ?? '')?.[1];
              if (version) {
                meta.toolVersion = version;
              }
            }
            if (finding) {
              out.push({ kind: 'finding', finding });
            }
          }
          item = undefined;
          return;
        }
        if (depth !== itemDepth + 1) {
          return;
        }
        switch (name) {
          case 'cve':
            cvesIn(text, item.cves);
            break;
          case 'cwe':
            item.cwes.add(cweId(text.trim()));
            break;
          case 'xref':
            if (/^CWE:/i.test(text.trim())) {
              cwesIn(text, item.cwes);
            }
            break;
          case 'see_also':
            urlsIn(text, item.references);
            break;
          default:
            if (!item.fields.has(name)) {
              item.fields.set(name, text);
            }
        }
        return;
      }
      switch (name) {
        case 'tag':
          if (host && tagName) {
            host.props.set(tagName, text.trim());
            if (tagName === 'HOST_START') {
              earliest(hostTime(text));
            } else if (tagName === 'HOST_END') {
              latest(hostTime(text));
            }
          }
          tagName = '';
          break;
        case 'ReportHost':
          host = undefined;
          break;
        case 'name':
          preferenceName = text.trim();
          break;
        case 'value':
          if (preferenceName === 'TARGET') {
            meta.scope = text
              .split(/[,\s]+/)
              .filter(Boolean)
              .slice(0, SCAN_PARSE_LIMITS.maxScope);
          }
          break;
        default:
          break;
      }
    },
    end() {
      if (!meta.scope) {
        meta.scope = scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope);
      }
      out.push({ kind: 'meta', meta });
    },
  };
  return parseXml('nessus', chunks, handler, out);
}
