import { SCAN_PARSE_LIMITS } from './limits.js';
import { IdList, makeAsset, severityFromScore, toDate, toScore } from './normalise.js';
import type { ParsedFinding, ParsedScanMeta, ScanEvent } from './types.js';
import { parseXml, type XmlHandler } from './xml.js';

/**
 * Nmap XML (`nmaprun`), with the `vulners` NSE script's output.
 *
 * - Each vulners row of type `cve` on an open port is a finding: rule ID the CVE, severity
 *   from its CVSS score (vulners gives the NVD base score), the CPE the row belongs to as
 *   the component, the vulners page as reference. Rows of other types (exploits, vendor
 *   advisories that repeat those CVEs) are not findings. Older vulners versions write only
 *   the `output` text; its `CVE-… <score> <url>` lines are read then.
 * - An open port without vulners CVE rows is an **info** finding, rule ID `open-port`
 *   ("Open port 22/tcp: ssh OpenSSH 7.4"). Decided so because an Nmap scan's purpose is
 *   exposure: the regulation asks for what listens to be known, a port that closes between
 *   two scans shows as fixed, and one that opens as new, which is what a unit needs to see.
 *   Info findings never block the pre-launch gate and carry no short deadline, so listing
 *   them costs nothing. Closed, filtered and `open|filtered` ports are not findings.
 * - Asset: the host's IPv4/IPv6 address (not the MAC), its first host name (user-given
 *   before PTR), port and protocol.
 * - Meta: tool "Nmap", `version`, `start` and `runstats/finished/@time` (epoch seconds),
 *   scope the addresses of the hosts that were up.
 */
type Port = {
  protocol: string;
  port: string;
  open: boolean;
  service: string;
  rows: { id: string; cvss: string; type: string; cpe: string }[];
  output: string | undefined;
};
type Host = { ip: string | undefined; hostname: string | undefined; up: boolean };

function serviceName(attributes: Record<string, string>): string {
  return [attributes.name, attributes.product, attributes.version].filter(Boolean).join(' ');
}

/** `CVE-2018-15919	5.0	https://vulners.com/cve/CVE-2018-15919` lines of the output text. */
function rowsFromOutput(output: string): Port['rows'] {
  const rows: Port['rows'] = [];
  let cpe = '';
  for (const line of output.split('\n')) {
    const cpeLine = /^\s*(cpe:\/[^\s:]+:[^\s]+):\s*$/.exec(line);
    if (cpeLine?.[1]) {
      cpe = cpeLine[1];
      continue;
    }
    const row = /^\s*(CVE-\d{4}-\d{4,})\s+([\d.]+)/i.exec(line);
    if (row?.[1] && row[2]) {
      rows.push({ id: row[1].toUpperCase(), cvss: row[2], type: 'cve', cpe });
    }
  }
  return rows;
}

export function parseNmap(chunks: AsyncIterable<string>): AsyncGenerator<ScanEvent, void, undefined> {
  const out: ScanEvent[] = [];
  const meta: Partial<ParsedScanMeta> = { tool: 'Nmap' };
  const scope = new IdList();
  let host: Host | undefined;
  let port: Port | undefined;
  let inVulners = false;
  let cpe = '';
  let row: Record<string, string> | undefined;
  let elemKey = '';

  const findings = (at: Host, current: Port): ParsedFinding[] => {
    const base = { ip: at.ip, hostname: at.hostname, port: current.port, protocol: current.protocol };
    const rows = current.rows.length > 0 ? current.rows : current.output ? rowsFromOutput(current.output) : [];
    const seen = new Set<string>();
    const list: ParsedFinding[] = [];
    for (const r of rows) {
      const id = r.id.trim().toUpperCase();
      if (r.type.toLowerCase() !== 'cve' || !/^CVE-\d{4}-\d{4,}$/.test(id) || seen.has(`${id} ${r.cpe}`)) {
        continue;
      }
      seen.add(`${id} ${r.cpe}`);
      const score = toScore(r.cvss);
      const finding: ParsedFinding = {
        ruleId: id,
        title: `${id}${current.service ? ` in ${current.service}` : ''}`,
        severity: score === undefined ? 'info' : severityFromScore(score),
        cves: [id],
        cwes: [],
        asset: makeAsset({ ...base, component: r.cpe || undefined }),
        references: [`https://vulners.com/cve/${id}`],
        description: `${id} affects ${r.cpe || current.service || 'the service'} on ${current.port}/${current.protocol}, according to the vulners database.`,
      };
      if (score !== undefined) {
        finding.cvssScore = score;
        finding.toolSeverity = r.cvss;
      }
      list.push(finding);
    }
    if (list.length === 0 && current.open) {
      list.push({
        ruleId: 'open-port',
        title: `Open port ${current.port}/${current.protocol}${current.service ? `: ${current.service}` : ''}`,
        severity: 'info',
        cves: [],
        cwes: [],
        asset: makeAsset(base),
        references: [],
        description: `Nmap found ${current.port}/${current.protocol} open${current.service ? ` (${current.service})` : ''}.`,
      });
    }
    return list;
  };

  const handler: XmlHandler = {
    open(name, attributes, depth) {
      if (depth === 1 && name === 'nmaprun') {
        if (attributes.version) {
          meta.toolVersion = attributes.version;
        }
        meta.startedAt = toDate(attributes.start);
        out.push({ kind: 'meta', meta: { ...meta } });
        return;
      }
      switch (name) {
        case 'host':
          host = { ip: undefined, hostname: undefined, up: true };
          break;
        case 'status':
          if (host) {
            host.up = attributes.state !== 'down';
          }
          break;
        case 'address':
          if (host && !host.ip && (attributes.addrtype === 'ipv4' || attributes.addrtype === 'ipv6')) {
            host.ip = attributes.addr;
          }
          break;
        case 'hostname':
          if (host && (!host.hostname || attributes.type === 'user')) {
            host.hostname = attributes.name;
          }
          break;
        case 'port':
          if (host) {
            port = {
              protocol: attributes.protocol ?? 'tcp',
              port: attributes.portid ?? '',
              open: false,
              service: '',
              rows: [],
              output: undefined,
            };
          }
          break;
        case 'state':
          if (port) {
            port.open = attributes.state === 'open';
          }
          break;
        case 'service':
          if (port) {
            port.service = serviceName(attributes);
          }
          break;
        case 'script':
          if (port && attributes.id === 'vulners') {
            inVulners = true;
            port.output = attributes.output;
          }
          break;
        case 'table':
          if (inVulners) {
            if (attributes.key?.startsWith('cpe:')) {
              cpe = attributes.key;
            } else if (!attributes.key) {
              row = {};
            }
          }
          break;
        case 'elem':
          elemKey = attributes.key ?? '';
          break;
        case 'finished':
          meta.finishedAt = toDate(attributes.time);
          break;
        default:
          break;
      }
    },
    close(name, text) {
      switch (name) {
        case 'elem':
          if (row && elemKey) {
            row[elemKey] = text.trim();
          }
          break;
        case 'table':
          if (row && port && port.rows.length < SCAN_PARSE_LIMITS.maxIdentifiers) {
            port.rows.push({ id: row.id ?? '', cvss: row.cvss ?? '', type: row.type ?? '', cpe });
          }
          row = undefined;
          break;
        case 'script':
          inVulners = false;
          cpe = '';
          break;
        case 'port':
          if (host && port && host.up) {
            for (const finding of findings(host, port)) {
              out.push({ kind: 'finding', finding });
            }
          }
          port = undefined;
          break;
        case 'host':
          if (host?.up && host.ip) {
            scope.add(host.ip);
          }
          host = undefined;
          break;
        default:
          break;
      }
    },
    end() {
      out.push({ kind: 'meta', meta: { ...meta, scope: scope.list.slice(0, SCAN_PARSE_LIMITS.maxScope) } });
    },
  };
  return parseXml('nmap_xml', chunks, handler, out);
}
