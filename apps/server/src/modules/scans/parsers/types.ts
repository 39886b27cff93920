import type { Readable } from 'node:stream';

/**
 * The contract between the scan parsers (`parsers/`, one per format, pure and streaming)
 * and the scans service (which stores, deduplicates and judges what they yield). A parser
 * never touches the database; the service never looks inside a file.
 */

/** Formats detected from the content, never from the file name. */
export const SCAN_FORMATS = [
  'nessus', // NessusClientData_v2 (.nessus XML), including Nessus WAS exports
  'tenable_csv',
  'openvas_xml',
  'openvas_csv',
  'zap_xml',
  'zap_json',
  'burp_xml',
  'nmap_xml',
  'trivy_json', // both schema generations (legacy top-level array, SchemaVersion 2)
  'sarif',
  'generic_csv',
  'generic_json',
] as const;
export type ScanFormat = (typeof SCAN_FORMATS)[number];

export const SCAN_SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type ScanSeverity = (typeof SCAN_SEVERITIES)[number];

/** What a finding is about. Every field is optional; a parser fills what its format says. */
export type ParsedAsset = {
  /** Host name as the tool reports it (lower-cased, no trailing dot). */
  hostname?: string;
  /** IPv4 or IPv6 address, normalised (`ipaddr.js` toNormalizedString / toString). */
  ip?: string;
  port?: number;
  /** tcp, udp, … lower-case. */
  protocol?: string;
  /** Full URL for web findings (scheme, host, port, path; no fragment). */
  url?: string;
  /** A package, file or component: `openssl@1.1.1k`, `src/app.js:42`, an image name. */
  component?: string;
};

export type ParsedFinding = {
  /**
   * The tool's rule or plugin identifier (Nessus plugin ID, ZAP pluginid, Burp type,
   * SARIF ruleId, Trivy VulnerabilityID, …). Where a format has none, the parser's
   * documented fallback (e.g. a hash of the normalised title), never empty.
   */
  ruleId: string;
  title: string;
  severity: ScanSeverity;
  /** The severity exactly as the tool wrote it, for display ("Medium", "3", "warning"). */
  toolSeverity?: string;
  cvssScore?: number;
  cvssVector?: string;
  /** Every CVE named, upper-case, deduplicated, in order of appearance. */
  cves: string[];
  /** Every CWE named, as `CWE-79`, deduplicated. */
  cwes: string[];
  asset: ParsedAsset;
  description?: string;
  solution?: string;
  references: string[];
  /** Plugin output, request/response, code snippet: what the tool saw. */
  evidence?: string;
  /** The tool's own ID for this occurrence, when it has one distinct from ruleId. */
  toolFindingId?: string;
};

/** What the file says about the scan itself; any field may be missing. */
export type ParsedScanMeta = {
  tool: string;
  toolVersion?: string;
  startedAt?: Date;
  finishedAt?: Date;
  /** Targets as the tool lists them (hosts, URLs, image names). */
  scope?: string[];
};

/**
 * One event of a parse. `meta` may come more than once (e.g. the tool name at the start,
 * the finish time at the end); the consumer merges them, later fields winning.
 * `progress` reports the bytes of the file consumed so far.
 */
export type ScanEvent =
  | { kind: 'meta'; meta: Partial<ParsedScanMeta> }
  | { kind: 'finding'; finding: ParsedFinding }
  | { kind: 'progress'; bytes: number };

export type ParseOptions = {
  /** When set, the content must be this format; a file of another format is refused. */
  expect?: ScanFormat;
  /** Bytes beyond which the file is refused (the service also enforces it on upload). */
  maxBytes?: number;
};

/**
 * Parses one scan file from a byte stream, yielding events as it goes, in bounded memory
 * whatever the file size. Detects the format from the first bytes. Throws an `AppError`
 * (code `SCAN_FILE_INVALID`, params `{ format?, reason }`, reason a short stable key such
 * as `doctype`, `truncated`, `not_utf8`, `too_deep`, `too_large`, `unknown_format`,
 * `format_mismatch`, `invalid_structure`) on a file it refuses, at any point of the stream:
 * the consumer must treat a throw as "store nothing".
 */
export type ParseScan = (input: Readable, options?: ParseOptions) => AsyncGenerator<ScanEvent, void, undefined>;

/**
 * The stable identity of a finding within one system (ADR to come with the module):
 * the tool's rule ID plus the normalised asset. Implemented in `parsers/fingerprint.ts`.
 */
export type Fingerprint = (tool: string, finding: Pick<ParsedFinding, 'ruleId' | 'asset'>) => string;
