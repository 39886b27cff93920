import ipaddr from 'ipaddr.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import type { ParsedAsset, ScanSeverity } from './types.js';

/** The CVSS v3 qualitative scale: 0 none (info), 0.1–3.9 low, 4–6.9 medium, 7–8.9 high, 9+ critical. */
export function severityFromScore(score: number): ScanSeverity {
  if (!(score > 0)) {
    return 'info';
  }
  if (score < 4) {
    return 'low';
  }
  if (score < 7) {
    return 'medium';
  }
  return score < 9 ? 'high' : 'critical';
}

const WORDS: Record<string, ScanSeverity> = {
  critical: 'critical',
  crit: 'critical',
  urgent: 'critical',
  high: 'high',
  error: 'high',
  medium: 'medium',
  moderate: 'medium',
  warning: 'medium',
  low: 'low',
  note: 'low',
  info: 'info',
  informational: 'info',
  information: 'info',
  none: 'info',
  log: 'info',
  debug: 'info',
  unknown: 'info',
};

/** A severity word of any tool ("High", "CRITICAL", "Informational"), or undefined. */
export function severityFromWord(word: string | undefined): ScanSeverity | undefined {
  return word === undefined ? undefined : WORDS[word.trim().toLowerCase()];
}

/** A number from a tool's text ("7.5", " 10 "), or undefined when there is none. */
export function toNumber(text: unknown): number | undefined {
  if (typeof text === 'number') {
    return Number.isFinite(text) ? text : undefined;
  }
  if (typeof text !== 'string' || text.trim() === '') {
    return undefined;
  }
  const value = Number(text.trim());
  return Number.isFinite(value) ? value : undefined;
}

/** A CVSS base score in 0–10, or undefined. */
export function toScore(text: unknown): number | undefined {
  const value = toNumber(text);
  return value !== undefined && value >= 0 && value <= 10 ? value : undefined;
}

/** An ordered, deduplicated, bounded list (CVEs, CWEs, references). */
export class IdList {
  private readonly seen = new Set<string>();
  add(id: string | undefined): void {
    if (id && !this.seen.has(id) && this.seen.size < SCAN_PARSE_LIMITS.maxIdentifiers) {
      this.seen.add(id);
    }
  }
  get list(): string[] {
    return [...this.seen];
  }
}

const CVE_PATTERN = /CVE-\d{4}-\d{4,}/gi;
const CWE_PATTERN = /CWE[-_: ]?(\d{1,6})\b/gi;

/** Every CVE named in a text, upper-case. */
export function cvesIn(text: string | undefined, into: IdList): void {
  for (const match of text?.matchAll(CVE_PATTERN) ?? []) {
    into.add(match[0].toUpperCase());
  }
}

/** Every CWE named in a text ("CWE-79", "CWE:79", "cwe_79"), as `CWE-79`. */
export function cwesIn(text: string | undefined, into: IdList): void {
  for (const match of text?.matchAll(CWE_PATTERN) ?? []) {
    into.add(cweId(match[1]));
  }
}

/** `CWE-79` from a bare number or numeric text; undefined for none, 0 or -1 (ZAP's "no CWE"). */
export function cweId(value: unknown): string | undefined {
  const n = toNumber(typeof value === 'string' ? value.replace(/^CWE[-_: ]?/i, '') : value);
  return n !== undefined && Number.isInteger(n) && n > 0 ? `CWE-${n}` : undefined;
}

/** Keeps the first `max` characters of a text, marking the cut; trims; undefined when empty. */
export function clip(text: string | undefined, max: number = SCAN_PARSE_LIMITS.maxFieldChars): string | undefined {
  if (text === undefined) {
    return undefined;
  }
  const trimmed = text.trim();
  if (trimmed === '') {
    return undefined;
  }
  return trimmed.length > max ? `${trimmed.slice(0, max)}\n…[truncated]` : trimmed;
}

const HTML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text of the small HTML that ZAP and Burp put in their descriptions: paragraphs and line
 * breaks become new lines, list items "- ", other tags go, the common entities are decoded.
 */
export function htmlToText(html: string | undefined): string | undefined {
  if (html === undefined) {
    return undefined;
  }
  return html
    .replace(/<\s*(br|\/p|\/li|\/div|\/h\d)\s*\/?>/gi, '\n')
    .replace(/<\s*li\s*>/gi, '- ')
    .replace(/<[^>]{0,500}>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) {
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16) || 0xfffd);
      }
      if (name.startsWith('#')) {
        return String.fromCodePoint(Number.parseInt(name.slice(1), 10) || 0xfffd);
      }
      return HTML_ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\n{3,}/g, '\n\n');
}

const URL_PATTERN = /\bhttps?:\/\/[^\s"'<>)\]]+/gi;

/** Every http(s) URL in a text (Nessus see_also, ZAP reference, SARIF help). */
export function urlsIn(text: string | undefined, into: IdList): void {
  for (const match of text?.matchAll(URL_PATTERN) ?? []) {
    into.add(match[0].replace(/[.,;]+$/, ''));
  }
}

const IP_CACHE = new Map<string, string | null>();
const IP_LIKE = /^[\d.]+$|:/;

/** An IP address in its normalised form, or undefined when the text is not one. */
export function normaliseIp(text: string | undefined): string | undefined {
  const value = text?.trim().replace(/^\[|\]$/g, '');
  if (!value || value.length > 64 || !IP_LIKE.test(value)) {
    return undefined;
  }
  // The same few addresses come back on every finding of a host; ipaddr.js is slow enough to
  // show in a profile, so its answers are remembered (a bounded cache, emptied when full).
  const cached = IP_CACHE.get(value);
  if (cached !== undefined) {
    return cached ?? undefined;
  }
  const normalised = parseIp(value);
  if (IP_CACHE.size > 10_000) {
    IP_CACHE.clear();
  }
  IP_CACHE.set(value, normalised ?? null);
  return normalised;
}

function parseIp(value: string): string | undefined {
  if (!ipaddr.isValid(value)) {
    return undefined;
  }
  // isValid accepts shorthand IPv4 ("10.1"); only the four-part form is an address here.
  if (!value.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(value)) {
    return undefined;
  }
  const parsed = ipaddr.parse(value);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toString() : v6.toNormalizedString();
  }
  return parsed.toString();
}

/** A host name lower-cased without its trailing dot, or undefined. */
export function normaliseHostname(text: string | undefined): string | undefined {
  const value = text?.trim().toLowerCase().replace(/\.$/, '');
  return value ? value : undefined;
}

/**
 * A URL in one spelling: scheme and host lower-case, the scheme's default port dropped, query
 * parameters sorted by name (stable for equal names), no fragment. A text that is not a URL
 * is kept trimmed, without its fragment.
 */
export function normaliseUrl(text: string | undefined): string | undefined {
  const value = text?.trim();
  if (!value) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return value.replace(/#.*$/, '');
  }
  url.hash = '';
  if (url.search) {
    url.searchParams.sort();
  }
  return url.toString();
}

/** A port number in 1–65535 (0, "general", "" and out-of-range values mean none). */
export function toPort(value: unknown): number | undefined {
  const n = toNumber(value);
  return n !== undefined && Number.isInteger(n) && n > 0 && n <= 65535 ? n : undefined;
}

type AssetInput = {
  host?: string | undefined;
  hostname?: string | undefined;
  ip?: string | undefined;
  port?: unknown;
  protocol?: string | undefined;
  url?: string | undefined;
  component?: string | undefined;
};

/**
 * The asset in its normalised form: a "host" that is an IP address goes to `ip`, any other to
 * `hostname`; an `ip` that is not a valid address (OpenVAS writes "192.168.1.1001") is kept
 * as a host name rather than dropped; a port without a number drops its protocol too.
 */
export function makeAsset(input: AssetInput): ParsedAsset {
  const asset: ParsedAsset = {};
  const ip = normaliseIp(input.ip) ?? normaliseIp(input.host) ?? normaliseIp(input.hostname);
  const names = [input.hostname, input.host, input.ip].filter((name) => name && !normaliseIp(name));
  const hostname = normaliseHostname(names[0]);
  if (hostname) {
    asset.hostname = hostname;
  }
  if (ip) {
    asset.ip = ip;
  }
  const port = toPort(input.port);
  if (port !== undefined) {
    asset.port = port;
    const protocol = input.protocol?.trim().toLowerCase();
    if (protocol) {
      asset.protocol = protocol;
    }
  }
  const url = normaliseUrl(input.url);
  if (url) {
    asset.url = url;
  }
  const component = input.component?.trim();
  if (component) {
    asset.component = component.slice(0, 1000);
  }
  return asset;
}

/** A date from ISO text, epoch seconds or a tool's format; undefined when it does not parse. */
export function toDate(value: unknown): Date | undefined {
  if (value === undefined || value === null || value === '') {
    return undefined;
  }
  const date =
    typeof value === 'number' || (typeof value === 'string' && /^\d{9,11}$/.test(value.trim()))
      ? new Date(Number(value) * 1000)
      : new Date(String(value).trim());
  return Number.isNaN(date.getTime()) ? undefined : date;
}
