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
 */
export type CsvRecord = Record<string, string>;

export async function* csvRecords(format: ScanFormat, chunks: AsyncIterable<string>): AsyncGenerator<CsvRecord> {
  const parser = parse({
    bom: true,
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
