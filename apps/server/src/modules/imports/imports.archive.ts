import { crc32, createInflateRaw, inflateRawSync } from 'node:zlib';
import { AppError } from '../../errors.js';
import { IMPORT_FILE_LIMITS } from './imports.limits.js';
import { scanXmlPart, type WorkbookCounts } from './imports.xml.js';

/**
 * A look inside an XLSX (a ZIP archive) before exceljs opens it. exceljs inflates every
 * entry in memory without a limit and builds a model of everything it parses, so a small
 * upload could inflate to gigabytes (a "zip bomb"), carry a DOCTYPE with entity expansion,
 * or hold one 60-million-character string (issue 8). Each entry is inflated here as a
 * stream, never beyond its declared size nor IMPORT_FILE_LIMITS, and each XML part is
 * scanned as it inflates (imports.xml.ts); nothing of it is kept.
 */

type Entry = {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
};

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
  if (total > IMPORT_FILE_LIMITS.maxEntries) {
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
      crc: buffer.readUInt32LE(at + 16),
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

/** The inflated bytes arrive in pieces of this size; nothing larger is held at once. */
const CHUNK_BYTES = 64 * 1024;

function assertInflatable(entry: Entry, limit: number): void {
  if (entry.flags & 0x1) {
    throw invalid('encrypted entry');
  }
  if (entry.method !== 0 && entry.method !== 8) {
    throw invalid('unsupported compression');
  }
  if (entry.size > limit) {
    throw new AppError('IMPORT_ARCHIVE_TOO_LARGE', { entry: entry.name });
  }
}

/**
 * Inflates one entry as a stream, handing each piece to `onChunk`, and stops as soon as it
 * produces more than its header declares (which assertInflatable has held to the limits):
 * a lying header costs no more than an honest one. Returns the inflated size.
 */
async function streamEntry(buffer: Buffer, entry: Entry, onChunk: (chunk: Buffer) => void): Promise<number> {
  const data = compressedData(buffer, entry);
  let produced = 0;
  let crc = 0;
  const take = (chunk: Buffer) => {
    produced += chunk.length;
    if (produced > entry.size) {
      throw invalid('entry inflates beyond its declared size');
    }
    crc = crc32(chunk, crc);
    onChunk(chunk);
  };
  if (entry.method === 0) {
    for (let at = 0; at < data.length; at += CHUNK_BYTES) {
      take(data.subarray(at, at + CHUNK_BYTES));
    }
  } else {
    const inflater = createInflateRaw({ chunkSize: CHUNK_BYTES });
    inflater.end(data);
    try {
      for await (const chunk of inflater) {
        take(chunk as Buffer);
      }
    } catch (err) {
      throw err instanceof AppError ? err : invalid('entry does not inflate');
    } finally {
      inflater.destroy();
    }
  }
  if (produced !== entry.size || crc !== entry.crc) {
    throw invalid('entry differs from its header');
  }
  return produced;
}

const isXmlPart = (name: string) => /\.(xml|rels|vml)$/i.test(name);

/**
 * Refuses an archive exceljs should not open: not a ZIP, encrypted, ZIP64, too many
 * entries, inflating beyond IMPORT_FILE_LIMITS or its declared sizes, XML that does not
 * parse or declares a DOCTYPE, a text longer than a cell may hold, or more cells, shared
 * strings or rows than an import could use.
 */
export async function assertSafeXlsxArchive(buffer: Buffer): Promise<void> {
  if (!looksLikeZip(buffer)) {
    throw invalid('not a zip');
  }
  const entries = readCentralDirectory(buffer);
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) {
    throw invalid('no workbook part');
  }
  const counts: WorkbookCounts = { cells: 0, rows: 0, strings: 0 };
  let unpacked = 0;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) {
      continue;
    }
    assertInflatable(entry, Math.min(IMPORT_FILE_LIMITS.maxEntryBytes, IMPORT_FILE_LIMITS.maxUnpackedBytes - unpacked));
    if (isXmlPart(entry.name)) {
      const scan = scanXmlPart(entry.name, counts);
      unpacked += await streamEntry(buffer, entry, scan.write);
      scan.end();
    } else {
      unpacked += await streamEntry(buffer, entry, () => undefined);
    }
  }
}

/** The inflated text of one entry, or undefined when absent (tests read exports with it). */
export function readZipEntryText(buffer: Buffer, name: string): string | undefined {
  const entry = readCentralDirectory(buffer).find((e) => e.name === name);
  if (!entry) {
    return undefined;
  }
  assertInflatable(entry, IMPORT_FILE_LIMITS.maxEntryBytes);
  const data = compressedData(buffer, entry);
  return (entry.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) })).toString(
    'utf8',
  );
}
