import type { ScanFileReason } from '@custodian/shared';
import { csvDelimiter } from './csv.js';
import { doctypeIsHarmless } from './xml.js';
import type { ScanFormat } from './types.js';

/**
 * The format of a scan file from its first bytes (up to SCAN_PARSE_LIMITS.detectBytes), never
 * from its name:
 * - XML by its root element: NessusClientData_v2 → nessus; report or get_reports_response
 *   → openvas_xml; OWASPZAPReport → zap_xml; issues → burp_xml; nmaprun → nmap_xml;
 * - JSON by its top-level keys: SchemaVersion, or a top-level array of objects with Target
 *   (or an empty array, or the bare `null` Trivy writes for a clean legacy scan), or
 *   ClusterName + Resources or Vulnerabilities (a `trivy k8s` cluster report) → trivy_json; runs → sarif;
 *   site with @version/@programName → zap_json; findings →
 *   generic_json;
 * - CSV by its header (comma-, semicolon- or tab-separated): Plugin ID + Host, Tenable.sc's
 *   Plugin + Plugin Name + IP Address, or Tenable.io's definition.id + asset.* → tenable_csv; NVT OID (or IP + NVT Name) →
 *   openvas_csv; Title + Severity → generic_csv.
 */
export type Sniffed = { format: ScanFormat } | { reason: ScanFileReason };

const XML_ROOTS: Record<string, ScanFormat> = {
  NessusClientData_v2: 'nessus',
  report: 'openvas_xml',
  get_reports_response: 'openvas_xml',
  OWASPZAPReport: 'zap_xml',
  issues: 'burp_xml',
  nmaprun: 'nmap_xml',
};

export function detectScanFormat(head: Buffer): ScanFormat | undefined {
  const sniffed = sniff(head);
  return 'format' in sniffed ? sniffed.format : undefined;
}

export function sniff(head: Buffer): Sniffed {
  const text = new TextDecoder('utf-8')
    .decode(head)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text === '') {
    return { reason: 'empty' };
  }
  if (text.startsWith('<')) {
    return sniffXml(text);
  }
  if (text.startsWith('{') || text.startsWith('[') || /^null\s*$/.test(text)) {
    return sniffJson(text);
  }
  return sniffCsv(text);
}

function sniffXml(text: string): Sniffed {
  let at = 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end < 0) {
        return { reason: 'unknown_format' };
      }
      at += end + 2;
      continue;
    }
    if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      if (end < 0) {
        return { reason: 'unknown_format' };
      }
      at += end + 3;
      continue;
    }
    if (/^<!DOCTYPE/i.test(rest)) {
      const end = doctypeEnd(rest);
      if (end < 0) {
        // Larger than the head: no real report's DOCTYPE is.
        return { reason: 'doctype' };
      }
      if (!doctypeIsHarmless(rest.slice('<!DOCTYPE'.length, end))) {
        return { reason: 'doctype' };
      }
      at += end + 1;
      continue;
    }
    const root = /^<([A-Za-z_][\w.:-]*)/.exec(rest)?.[1];
    const format = root ? XML_ROOTS[root] : undefined;
    return format ? { format } : { reason: 'unknown_format' };
  }
  return { reason: 'unknown_format' };
}

/** Index of the `>` that ends a DOCTYPE (after its internal subset, if any), or -1. */
function doctypeEnd(text: string): number {
  let inSubset = false;
  let quote = '';
  for (let i = 9; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === quote) {
        quote = '';
      }
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '[') {
      inSubset = true;
    } else if (c === ']') {
      inSubset = false;
    } else if (c === '>' && !inSubset) {
      return i;
    }
  }
  return -1;
}

/** Keys of the top-level object (or of the first object of a top-level array) within the head. */
function topKeys(text: string): { keys: Set<string>; array: boolean; emptyArray: boolean } {
  const keys = new Set<string>();
  const array = text.startsWith('[');
  const keyDepth = array ? 2 : 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (inString) {
      if (escaped) {
        escaped = false;
      } else if (c === '\\') {
        escaped = true;
      } else if (c === '"') {
        inString = false;
        if (depth === keyDepth && /^\s*:/.test(text.slice(i + 1, i + 64))) {
          keys.add(text.slice(start, i));
        }
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      start = i + 1;
    } else if (c === '{' || c === '[') {
      depth += 1;
    } else if (c === '}' || c === ']') {
      depth -= 1;
      if (depth < keyDepth && array && keys.size > 0) {
        break;
      }
    }
  }
  return { keys, array, emptyArray: array && /^\[\s*\]\s*$/.test(text) };
}

function sniffJson(text: string): Sniffed {
  if (/^null\s*$/.test(text)) {
    return { format: 'trivy_json' };
  }
  const { keys, array, emptyArray } = topKeys(text);
  if (array) {
    return emptyArray || keys.has('Target') ? { format: 'trivy_json' } : { reason: 'unknown_format' };
  }
  if (
    keys.has('SchemaVersion') ||
    (keys.has('ArtifactName') && keys.has('Results')) ||
    (keys.has('ClusterName') && (keys.has('Resources') || keys.has('Vulnerabilities') || keys.has('Misconfigurations')))
  ) {
    return { format: 'trivy_json' };
  }
  if (keys.has('runs') || (keys.has('$schema') && /sarif/i.test(text.slice(0, 500)))) {
    return { format: 'sarif' };
  }
  if (keys.has('site') && (keys.has('@version') || keys.has('@programName') || keys.has('@generated'))) {
    return { format: 'zap_json' };
  }
  if (keys.has('findings')) {
    return { format: 'generic_json' };
  }
  return { reason: 'unknown_format' };
}

/** The header's column names, lower-cased, from the first line (quotes understood). */
export function csvHeader(line: string, delimiter: string = csvDelimiter(line)): string[] {
  const names: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i += 1;
      } else if (c === '"') {
        quoted = false;
      } else {
        current += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === delimiter) {
      names.push(current.trim().toLowerCase());
      current = '';
    } else {
      current += c;
    }
  }
  names.push(current.trim().toLowerCase());
  return names;
}

/**
 * A Tenable vulnerability export: Nessus and Tenable.io's classic CSV (`Plugin ID`, `Host`),
 * Tenable.sc's (`Plugin`, `Plugin Name`, `IP Address` or `DNS Name`), or Tenable.io / Tenable
 * VM's workbench export (`definition.id` and `asset.*` columns, semicolon-separated).
 */
function isTenableHeader(header: Set<string>): boolean {
  return (
    (header.has('plugin id') && header.has('host')) ||
    (header.has('plugin') && header.has('plugin name') && (header.has('ip address') || header.has('dns name'))) ||
    (header.has('definition.id') &&
      (header.has('asset.display_ipv4_address') || header.has('asset.host_name') || header.has('asset.name')))
  );
}

function sniffCsv(text: string): Sniffed {
  const end = text.search(/\r?\n/);
  if (end < 0 && text.length >= 64 * 1024) {
    return { reason: 'unknown_format' };
  }
  const header = new Set(csvHeader(end < 0 ? text : text.slice(0, end)));
  if (isTenableHeader(header)) {
    return { format: 'tenable_csv' };
  }
  if (header.has('nvt oid') || (header.has('ip') && header.has('nvt name'))) {
    return { format: 'openvas_csv' };
  }
  if (header.has('title') && header.has('severity')) {
    return { format: 'generic_csv' };
  }
  return { reason: 'unknown_format' };
}
