import { createHash } from 'node:crypto';
import { normaliseHostname, normaliseIp, normaliseUrl } from './normalise.js';
import type { Fingerprint, ParsedAsset } from './types.js';

/**
 * The stable identity of a finding: sha256 (hex) of the tool, its rule ID and the normalised
 * asset, so that the same weakness on the same asset has the same fingerprint in every scan
 * of every later run, whatever the order, wording or spelling the tool used this time.
 *
 * The asset is, in this order of precedence:
 * - a URL (web findings: ZAP, Burp, Nessus WAS, generic rows with a URL): scheme and host
 *   lower-case, default port dropped, query parameters sorted, no fragment; the host name and
 *   address that came with it are not used again (they are part of the URL);
 * - otherwise the host: its IP address when the tool gives one (normalised, so `::ffff:10.0.0.1`
 *   is `10.0.0.1` and IPv6 has one spelling), else its host name (lower-case, no trailing
 *   dot); then port and protocol when the finding is on a port;
 * - and the component (a package, file or parameter) when there is one.
 *
 * The IP is preferred to the name because tools disagree on names (FQDN, NetBIOS, reverse DNS
 * that failed this time) far more often than a scanned address changes.
 *
 * Rule IDs, and the fallbacks of tools without one (documented in each parser):
 * - Nessus / Tenable CSV: plugin ID; OpenVAS: NVT OID; ZAP: alertRef, else pluginid;
 *   Burp: issue type; SARIF: ruleId (else the rule at ruleIndex, else `message:` + hash of the
 *   message text); Trivy: VulnerabilityID, misconfiguration ID (AVDID) or secret RuleID;
 * - Nmap: the CVE of each vulners row, or `open-port` for an open port without one;
 * - generic CSV/JSON: vuln_id_from_tool, else the first CVE, else `title:` + the first 16 hex
 *   of sha256 of the lower-cased, space-collapsed title.
 */
export const fingerprint: Fingerprint = (tool, finding) => {
  const key = [tool.trim().toLowerCase(), finding.ruleId.trim(), ...assetKey(finding.asset)];
  return createHash('sha256').update(JSON.stringify(key)).digest('hex');
};

function assetKey(asset: ParsedAsset): string[] {
  const component = asset.component?.trim() ?? '';
  const url = normaliseUrl(asset.url);
  if (url) {
    return ['url', url, component];
  }
  const host = normaliseIp(asset.ip) ?? normaliseHostname(asset.hostname) ?? '';
  const port = asset.port ? String(asset.port) : '';
  const protocol = asset.port ? (asset.protocol?.trim().toLowerCase() ?? '') : '';
  return ['host', host, port, protocol, component];
}

/** The fallback rule ID from a title: `title:` + 16 hex of sha256 of its normalised form. */
export function titleRuleId(title: string): string {
  const normalised = title.trim().toLowerCase().replace(/\s+/g, ' ');
  return `title:${createHash('sha256').update(normalised).digest('hex').slice(0, 16)}`;
}
