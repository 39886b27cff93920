import { sniff } from './detect.js';
import { isRefusal, refuse } from './errors.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import { parseBurp } from './burp.js';
import { parseGenericCsv, parseGenericJson } from './generic.js';
import { parseNessus } from './nessus.js';
import { parseNmap } from './nmap.js';
import { parseOpenvasCsv } from './openvas-csv.js';
import { parseOpenvasXml } from './openvas-xml.js';
import { parseSarif } from './sarif.js';
import { parseTenableCsv } from './tenable-csv.js';
import { parseTrivy } from './trivy.js';
import { parseZapJson } from './zap-json.js';
import { parseZapXml } from './zap-xml.js';
import { ScanSource } from './source.js';
import type { ParseScan, ScanEvent, ScanFormat } from './types.js';

export { detectScanFormat } from './detect.js';
import { fingerprint } from './fingerprint.js';

export { fingerprint };
export { SCAN_PARSE_LIMITS } from './limits.js';
export type * from './types.js';

type FormatParser = (chunks: AsyncIterable<string>) => AsyncGenerator<ScanEvent, void, undefined>;

const PARSERS: Record<ScanFormat, FormatParser> = {
  nessus: parseNessus,
  tenable_csv: parseTenableCsv,
  openvas_xml: parseOpenvasXml,
  openvas_csv: parseOpenvasCsv,
  zap_xml: parseZapXml,
  burp_xml: parseBurp,
  nmap_xml: parseNmap,
  zap_json: parseZapJson,
  trivy_json: parseTrivy,
  sarif: parseSarif,
  generic_csv: parseGenericCsv,
  generic_json: parseGenericJson,
};

/**
 * Fingerprints remembered to drop a repeated finding (same tool, rule and asset) within one
 * file: gitleaks reports one secret once per commit, ZAP lists a URI twice, a Tenable export
 * may interleave a plugin's rows. Past this many (some 100 MB), repeats are passed on and
 * the consumer merges them.
 */
const MAX_REMEMBERED = 1_000_000;

/** Bytes between two progress events. */
const PROGRESS_BYTES = 1024 * 1024;

/**
 * Parses one scan file (see ParseScan in types.ts): detects its format from the first bytes,
 * refuses a file of another format than `expect`, then streams it through the format's
 * parser, which yields findings as their elements or objects complete. Progress events
 * report the bytes read, every MiB and at the end.
 */
export const parseScan: ParseScan = async function* parseScan(input, options = {}) {
  const source = new ScanSource(input, options.maxBytes ?? SCAN_PARSE_LIMITS.maxBytes);
  try {
    const sniffed = sniff(await source.peek(SCAN_PARSE_LIMITS.detectBytes));
    if ('reason' in sniffed) {
      const reason = options.expect && sniffed.reason === 'unknown_format' ? 'format_mismatch' : sniffed.reason;
      throw refuse(options.expect, reason);
    }
    const { format } = sniffed;
    if (options.expect && options.expect !== format) {
      throw refuse(options.expect, 'format_mismatch', `content is ${format}`);
    }
    source.format = format;
    const parser = PARSERS[format];
    let reported = 0;
    let tool = '';
    const seen = new Set<string>();
    for await (const event of parser(source.text())) {
      if (source.bytes - reported >= PROGRESS_BYTES) {
        reported = source.bytes;
        yield { kind: 'progress', bytes: reported };
      }
      if (event.kind === 'meta') {
        // A field a parser could not read is left out, so that it never erases an earlier one.
        const meta = Object.fromEntries(Object.entries(event.meta).filter(([, value]) => value !== undefined));
        tool ||= event.meta.tool ?? '';
        yield { kind: 'meta', meta };
      } else if (event.kind === 'finding') {
        const key = fingerprint(tool, event.finding).slice(0, 32);
        if (seen.has(key)) {
          continue;
        }
        if (seen.size < MAX_REMEMBERED) {
          seen.add(key);
        }
        yield event;
      } else {
        yield event;
      }
    }
    yield { kind: 'progress', bytes: source.bytes };
  } catch (err) {
    // A refusal, or the input failing (a file store or socket error carries a `code`), is
    // passed on as it is.
    if (isRefusal(err) || (err instanceof Error && typeof (err as { code?: unknown }).code === 'string')) {
      throw err;
    }
    // Anything else a parser library throws on bad input is a malformed file, not a crash.
    throw refuse(source.format, 'malformed', err instanceof Error ? err.message : undefined);
  } finally {
    await source.close();
  }
};
