import { crc32, deflateRawSync } from 'node:zlib';
import JSZip from 'jszip';
import { buildImportWorkbook } from '../modules/imports/imports.sample.js';

/**
 * Hostile import files for the tests and bench/import-memory.mjs: archives are written
 * with Node's zlib, which deflates a 60 MB entry in a fraction of a second (JSZip and
 * exceljs take several seconds).
 */

export type ZipEntry = { name: string; data: Buffer };

/** A ZIP archive of deflated entries. */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    // Bit 11: the names are UTF-8.
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The files of a ZIP archive (an XLSX workbook), in archive order. */
export async function zipEntries(buffer: Buffer): Promise<ZipEntry[]> {
  const zip = await JSZip.loadAsync(buffer);
  return Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir)
      .map(async (f) => ({ name: f.name, data: await f.async('nodebuffer') })),
  );
}

const PLACEHOLDER = 'NOTES-PLACEHOLDER';

/**
 * A workbook of one valid contract whose Notes cell holds `notes`, raw XML placed inside
 * its `<t>` element: a shared string, or with `inline` an inline string in the sheet.
 * Issue 8's workbook is `Buffer.alloc(60_000_000, 'A')`: a file of about 65 KB.
 */
export async function buildNotesWorkbook(notes: Buffer, options: { inline?: boolean } = {}): Promise<Buffer> {
  const valid = await buildImportWorkbook({
    contracts: [
      {
        number: 'LONG-1',
        name: '長備註委辦案',
        type: '委辦',
        divisionCode: 'MOE-DIT',
        unitCode: 'UNIT-A',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        notes: PLACEHOLDER,
      },
    ],
  });
  const entries = await zipEntries(valid);
  return zipOf(
    entries.map((entry) => {
      if (options.inline && /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name)) {
        // The Notes cell is the row's last shared-string cell; it becomes an inline string.
        const xml = entry.data.toString('utf8');
        const cell = [...xml.matchAll(/<c r="([A-Z]+3)"([^>]*) t="s"><v>\d+<\/v><\/c>/g)].at(-1);
        if (!cell) {
          return entry;
        }
        const before = `${xml.slice(0, cell.index)}<c r="${cell[1]}"${cell[2]} t="inlineStr"><is><t>`;
        const after = `</t></is></c>${xml.slice(cell.index + cell[0].length)}`;
        return { name: entry.name, data: Buffer.concat([Buffer.from(before), notes, Buffer.from(after)]) };
      }
      const at = entry.data.indexOf(PLACEHOLDER);
      if (options.inline || at === -1) {
        return entry;
      }
      const data = Buffer.concat([entry.data.subarray(0, at), notes, entry.data.subarray(at + PLACEHOLDER.length)]);
      return { name: entry.name, data };
    }),
  );
}
