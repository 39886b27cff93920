import { Readable } from 'node:stream';
import { parse, CsvError } from 'csv-parse';
import { refuse } from './errors.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import type { ScanFormat } from './types.js';

/**
 * The CSV formats' common driver: csv-parse as a stream, one record at a time, keyed by the
 * header's names lower-cased and trimmed (an empty or repeated name gets its column number,
 * `_14`). A record larger than the token bound is refused (`token_too_long`), a quote left
 * open at the end (`truncated`), other CSV errors (`malformed`). Blank lines are skipped;
 * records may have fewer or more fields than the header (spreadsheet exports trim them).
 * The separator is the header line's: a comma, or a semicolon (Tenable.io exports, and
 * spreadsheets saved in locales whose decimal mark is a comma) or a tab when the header
 * has more of those than of commas (see `csvDelimiter`).
 */
export type CsvRecord = Record<string, string>;

/** The separator of a CSV from its header line: `,` unless `;` or a tab (outside quotes) outnumbers it. */
export function csvDelimiter(line: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const c of line) {
    if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && (c === ',' || c === ';' || c === '\t')) {
      counts[c] += 1;
    }
  }
  const best = counts[';'] >= counts['\t'] ? ';' : '\t';
  return counts[best] > counts[','] ? best : ',';
}

/** The chunks again, after reading ahead to the end of the first line to learn the separator. */
async function withDelimiter(
  chunks: AsyncIterable<string>,
): Promise<{ delimiter: string; chunks: AsyncIterable<string> }> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: string[] = [];
  let seen = '';
  while (!/\r|\n/.test(seen) && seen.length < SCAN_PARSE_LIMITS.maxTokenChars) {
    const next = await iterator.next();
    if (next.done) {
      break;
    }
    head.push(next.value);
    seen += next.value;
  }
  const delimiter = csvDelimiter(seen.replace(/^\uFEFF/, '').split(/\r?\n|\r/, 1)[0] ?? '');
  async function* again(): AsyncGenerator<string> {
    yield* head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      yield next.value;
    }
  }
  return { delimiter, chunks: again() };
}

export async function* csvRecords(format: ScanFormat, source: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  const { delimiter, chunks } = await withDelimiter(source);
  const parser = parse({
    bom: true,
    delimiter,
    columns: (header: string[]) => {
      const seen = new Set<string>();
      return header.map((name, index) => {
        const key = name.trim().toLowerCase();
        const unique = key === '' || seen.has(key) ? `_${index}` : key;
        seen.add(unique);
        return unique;
      });
    },
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: SCAN_PARSE_LIMITS.maxTokenChars,
  });
  const input = Readable.from(chunks, { objectMode: false });
  input.on('error', (err) => parser.destroy(err));
  input.pipe(parser);
  try {
    for await (const record of parser as AsyncIterable<CsvRecord>) {
      yield record;
    }
  } catch (err) {
    if (err instanceof CsvError) {
      if (err.code === 'CSV_MAX_RECORD_SIZE') {
        throw refuse(format, 'token_too_long');
      }
      throw refuse(format, err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'truncated' : 'malformed', err.message);
    }
    throw err;
  } finally {
    input.destroy();
  }
}

/** A record's field by any of its names (lower-case), trimmed; undefined when empty. */
export function field(record: CsvRecord, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = record[name]?.trim();
    if (value) {
      return value;
    }
  }
  return undefined;
}
