import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { fingerprint, parseScan } from './index.js';
import type { ParseOptions, ParsedFinding, ParsedScanMeta, ScanSeverity } from './types.js';

/** A fixture's absolute path (fixtures/ is a copy of ../shared/scan-samples, see its README). */
export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

export type Parsed = {
  meta: Partial<ParsedScanMeta>;
  findings: ParsedFinding[];
  fingerprints: string[];
  progress: number[];
};

/** Parses a stream to the end, merging meta events as the contract says (later fields win). */
export async function parseAll(input: Readable, options?: ParseOptions): Promise<Parsed> {
  const parsed: Parsed = { meta: {}, findings: [], fingerprints: [], progress: [] };
  for await (const event of parseScan(input, options)) {
    if (event.kind === 'meta') {
      Object.assign(parsed.meta, event.meta);
    } else if (event.kind === 'finding') {
      parsed.findings.push(event.finding);
    } else {
      parsed.progress.push(event.bytes);
    }
  }
  parsed.fingerprints = parsed.findings.map((finding) => fingerprint(parsed.meta.tool ?? '', finding));
  return parsed;
}

export const parseFixture = (name: string, options?: ParseOptions): Promise<Parsed> =>
  parseAll(createReadStream(fixture(name), { highWaterMark: 4096 }), options);

/** Parses text or bytes given whole (in small chunks, to cross chunk boundaries). */
export function parseText(content: string | Buffer, options?: ParseOptions): Promise<Parsed> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += 1000) {
    chunks.push(bytes.subarray(at, at + 1000));
  }
  return parseAll(Readable.from(chunks), options);
}

export function severities(findings: ParsedFinding[]): Partial<Record<ScanSeverity, number>> {
  const counts: Partial<Record<ScanSeverity, number>> = {};
  for (const finding of findings) {
    counts[finding.severity] = (counts[finding.severity] ?? 0) + 1;
  }
  return counts;
}

/** The refusal's details, or a failure when the parse did not throw SCAN_FILE_INVALID. */
export async function refusal(parse: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await parse;
  } catch (err) {
    const error = err as { code?: string; details?: Record<string, unknown> };
    if (error.code === 'SCAN_FILE_INVALID' && error.details) {
      return error.details;
    }
    throw err;
  }
  throw new Error('the parse was not refused');
}
