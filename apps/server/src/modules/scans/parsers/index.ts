import { sniff } from './detect.js';
import { isRefusal, refuse } from './errors.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import { parseNessus } from './nessus.js';
import { ScanSource } from './source.js';
import type { ParseScan, ScanEvent, ScanFormat } from './types.js';

export { detectScanFormat } from './detect.js';
export { fingerprint } from './fingerprint.js';
export { SCAN_PARSE_LIMITS } from './limits.js';
export type * from './types.js';

type FormatParser = (chunks: AsyncIterable<string>) => AsyncGenerator<ScanEvent, void, undefined>;

const PARSERS: Partial<Record<ScanFormat, FormatParser>> = {
  nessus: parseNessus,
};

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
    if (!parser) {
      throw refuse(format, 'unknown_format', 'no parser for this format');
    }
    let reported = 0;
    for await (const event of parser(source.text())) {
      if (source.bytes - reported >= PROGRESS_BYTES) {
        reported = source.bytes;
        yield { kind: 'progress', bytes: reported };
      }
      yield event;
    }
    yield { kind: 'progress', bytes: source.bytes };
  } catch (err) {
    if (isRefusal(err)) {
      throw err;
    }
    // Anything else a parser library throws on bad input is a malformed file, not a crash.
    throw refuse(source.format, 'malformed', err instanceof Error ? err.message : undefined);
  } finally {
    await source.close();
  }
};
