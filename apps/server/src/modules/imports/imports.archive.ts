import { inflateRawSync } from 'node:zlib';
import { AppError } from '../../errors.js';

/**
 * A look inside an XLSX (a ZIP archive) before exceljs opens it. exceljs inflates every
 * entry in memory without a limit and hands XML to its parser as is, so a small upload
 * could inflate to gigabytes (a "zip bomb") or carry a DOCTYPE with entity expansion.
 * Reading the central directory and inflating each entry here, with a running output
 * limit, costs a few milliseconds for a template-sized file and refuses both.
 */
export const ARCHIVE_LIMITS = {
  /** Entries in the archive; a workbook has a few dozen. */
  maxEntries: 1_000,
  /** Total inflated size of all entries. */
  maxInflatedBytes: 64 * 1024 * 1024,
  /** `<row` elements over all worksheets: generous, since formatted empty rows count too. */
  maxRowElements: 100_000,
  /**
   * `<c` cell elements over all worksheets. exceljs keeps every cell in memory; 20,000 rows
   * of the widest sheet (16 columns) are 320,000, so this leaves room for formatted blanks.
   */
  maxCellElements: 1_000_000,
} as const;

type Entry = { name: string; flags: number; method: number; compressedSize: number; size: number; localOffset: number };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

const invalid = (reason: string) => new AppError('IMPORT_FILE_INVALID', { reason });

/** Whether the bytes start like a ZIP archive (XLSX, DOCX, …). */
export function looksLikeZip(buffer: Buffer): boolean {
  return buffer.length >= 4 && buffer.readUInt32LE(0) === LOCAL_SIGNATURE;
}

function findEndOfCentralDirectory(buffer: Buffer): number {
  const last = buffer.length - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at -= 1) {
    if (buffer.readUInt32LE(at) === EOCD_SIGNATURE) {
      return at;
    }
  }
  throw invalid('no end of central directory');
}

function readCentralDirectory(buffer: Buffer): Entry[] {
  if (buffer.length < 22) {
    throw invalid('too short for a zip');
  }
  const eocd = findEndOfCentralDirectory(buffer);
  const total = buffer.readUInt16LE(eocd + 10);
  const offset = buffer.readUInt32LE(eocd + 16);
  if (total === 0xffff || offset === 0xffffffff) {
    // ZIP64: no spreadsheet program writes it for a file under the upload limit.
    throw invalid('zip64');
  }
  if (total > ARCHIVE_LIMITS.maxEntries) {
    throw invalid('too many entries');
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < total; i += 1) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_SIGNATURE) {
      throw invalid('broken central directory');
    }
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    entries.push({
      flags: buffer.readUInt16LE(at + 8),
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      size: buffer.readUInt32LE(at + 24),
      localOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function compressedData(buffer: Buffer, entry: Entry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL_SIGNATURE) {
    throw invalid('broken local header');
  }
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buffer.length) {
    throw invalid('entry beyond end of file');
  }
  return buffer.subarray(start, end);
}

function inflateEntry(buffer: Buffer, entry: Entry, budget: number): Buffer {
  if (entry.flags & 0x1) {
    throw invalid('encrypted entry');
  }
  if (entry.size > budget) {
    throw invalid('inflates beyond the limit');
  }
  const data = compressedData(buffer, entry);
  let out: Buffer;
  if (entry.method === 0) {
    out = data;
  } else if (entry.method === 8) {
    try {
      // The declared size may lie; the output limit holds whatever the header says.
      out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
    } catch {
      throw invalid('entry does not inflate within the limit');
    }
  } else {
    throw invalid('unsupported compression');
  }
  if (out.length !== entry.size) {
    throw invalid('entry size differs from its header');
  }
  return out;
}

function countOccurrences(haystack: Buffer, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
    count += 1;
  }
  return count;
}

/**
 * Refuses an archive exceljs should not open: not a ZIP, encrypted, ZIP64, too many
 * entries, inflating beyond ARCHIVE_LIMITS, sizes that lie, XML with a DOCTYPE or entity
 * declarations, or more row/cell elements than an import could hold.
 */
export function assertSafeXlsxArchive(buffer: Buffer): void {
  if (!looksLikeZip(buffer)) {
    throw invalid('not a zip');
  }
  const entries = readCentralDirectory(buffer);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw invalid('no workbook part');
  }
  let budget: number = ARCHIVE_LIMITS.maxInflatedBytes;
  let rows = 0;
  let cells = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) {
      continue;
    }
    const out = inflateEntry(buffer, entry, budget);
    budget -= out.length;
    if (/\.(xml|rels|vml)$/i.test(entry.name)) {
      if (out.includes('<!DOCTYPE') || out.includes('<!ENTITY')) {
        throw invalid('xml declares a doctype');
      }
      if (entry.name.startsWith('xl/worksheets/')) {
        rows += countOccurrences(out, '<row');
        cells += countOccurrences(out, '<c ') + countOccurrences(out, '<c>');
      }
    }
  }
  if (rows > ARCHIVE_LIMITS.maxRowElements || cells > ARCHIVE_LIMITS.maxCellElements) {
    throw new AppError('IMPORT_TOO_MANY_ROWS');
  }
}

/** The inflated text of one entry, or undefined when absent (tests read exports with it). */
export function readZipEntryText(buffer: Buffer, name: string): string | undefined {
  const entry = readCentralDirectory(buffer).find((e) => e.name === name);
  return entry ? inflateEntry(buffer, entry, ARCHIVE_LIMITS.maxInflatedBytes).toString('utf8') : undefined;
}
