import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '@custodian/shared';
import { AppError } from '../../errors.js';
import { claimImportSlot, countRunningImports, IMPORT_CONCURRENCY, IMPORT_FILE_LIMITS } from './imports.limits.js';
import { scanXmlPart, type WorkbookCounts } from './imports.xml.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return undefined;
};

describe('import slots', () => {
  it('lets a user run one import and the process two, and gives a slot back once', () => {
    expect(IMPORT_CONCURRENCY).toMatchObject({ perUser: 1, total: 2 });
    const first = claimImportSlot('user-1');
    expect(codeOf(() => claimImportSlot('user-1'))).toBe('IMPORT_BUSY');
    const second = claimImportSlot('user-2');
    expect(codeOf(() => claimImportSlot('user-3'))).toBe('IMPORT_BUSY');
    expect(new AppError('IMPORT_BUSY').status).toBe(429);
    expect(countRunningImports()).toBe(2);
    first();
    first();
    expect(countRunningImports()).toBe(1);
    const third = claimImportSlot('user-3');
    expect(codeOf(() => claimImportSlot('user-1'))).toBe('IMPORT_BUSY');
    second();
    third();
    expect(countRunningImports()).toBe(0);
    claimImportSlot('user-1')();
  });
});

describe('import limit messages', () => {
  it('name the limits as IMPORT_FILE_LIMITS sets them, in both languages', () => {
    const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB`;
    const expected = {
      IMPORT_TEXT_TOO_LONG: [IMPORT_FILE_LIMITS.maxTextChars.toLocaleString('en')],
      IMPORT_TOO_MANY_CELLS: [IMPORT_FILE_LIMITS.maxCells.toLocaleString('en')],
      IMPORT_ARCHIVE_TOO_LARGE: [mib(IMPORT_FILE_LIMITS.maxEntryBytes), mib(IMPORT_FILE_LIMITS.maxUnpackedBytes)],
    } as const;
    for (const [code, figures] of Object.entries(expected)) {
      for (const message of Object.values(ERROR_MESSAGES[code as keyof typeof expected])) {
        for (const figure of figures) {
          expect(message, code).toContain(figure);
        }
      }
    }
  });
});

describe('scanXmlPart', () => {
  const scan = (xml: string | string[], counts: WorkbookCounts = { cells: 0, rows: 0, strings: 0 }) =>
    codeOf(() => {
      const part = scanXmlPart('xl/sharedStrings.xml', counts);
      for (const chunk of Array.isArray(xml) ? xml : [xml]) {
        part.write(Buffer.from(chunk));
      }
      part.end();
    });
  const max = IMPORT_FILE_LIMITS.maxTextChars;

  it('measures a text over the chunks it arrives in, decoded', () => {
    const text = 'A'.repeat(max);
    expect(scan(['<sst><si><t>', text.slice(0, 1000), text.slice(1000), '</t></si></sst>'])).toBeUndefined();
    expect(scan(['<sst><si><t>', text, 'A', '</t></si></sst>'])).toBe('IMPORT_TEXT_TOO_LONG');
    expect(scan(`<sst><si><t>${'&lt;'.repeat(max)}</t></si></sst>`)).toBeUndefined();
    expect(scan(`<sst><si><t><![CDATA[${text}A]]></t></si></sst>`)).toBe('IMPORT_TEXT_TOO_LONG');
    // A character split between two chunks is still one character.
    const han = Buffer.from('資'.repeat(max));
    const part = scanXmlPart('x.xml', { cells: 0, rows: 0, strings: 0 });
    part.write(Buffer.from('<t>'));
    part.write(han.subarray(0, 50_000));
    part.write(han.subarray(50_000));
    part.write(Buffer.from('</t>'));
    expect(codeOf(() => part.end())).toBeUndefined();
  });

  it('stops a token with no end (a comment, a name, an open text) without buffering it', () => {
    const chunk = 'A'.repeat(64 * 1024);
    const endless = (start: string) => [start, ...Array.from<string>({ length: 100 }).fill(chunk)];
    expect(scan(endless('<sst><!--'))).toBe('IMPORT_TEXT_TOO_LONG');
    expect(scan(endless('<sst><A'))).toBe('IMPORT_TEXT_TOO_LONG');
    expect(scan(endless('<sst><si><t>'))).toBe('IMPORT_TEXT_TOO_LONG');
  });

  it('refuses a DOCTYPE, XML that does not parse or is cut short, and deep nesting', () => {
    expect(scan('<?xml version="1.0"?><!DOCTYPE a [<!ENTITY b "c">]><a>&b;</a>')).toBe('IMPORT_FILE_INVALID');
    expect(scan('<a>&undefined;</a>')).toBe('IMPORT_FILE_INVALID');
    expect(scan('<a><b></a>')).toBe('IMPORT_FILE_INVALID');
    expect(scan('<a><b>')).toBe('IMPORT_FILE_INVALID');
    expect(scan(`${'<a>'.repeat(65)}${'</a>'.repeat(65)}`)).toBe('IMPORT_FILE_INVALID');
    expect(scan(`${'<a>'.repeat(64)}${'</a>'.repeat(64)}`)).toBeUndefined();
  });

  it('counts cells, rows and shared strings over the parts of one workbook', () => {
    const counts = { cells: 0, rows: 0, strings: 0 };
    expect(scan('<x:sheetData><x:row><x:c/><x:c><v>1</v></x:c></x:row><row/></x:sheetData>', counts)).toBeUndefined();
    expect(scan('<sst><si><t>a</t></si></sst>', counts)).toBeUndefined();
    expect(counts).toEqual({ cells: 2, rows: 2, strings: 1 });
    expect(scan('<c/>', { cells: IMPORT_FILE_LIMITS.maxCells, rows: 0, strings: 0 })).toBe('IMPORT_TOO_MANY_CELLS');
    expect(scan('<si/>', { cells: 0, rows: 0, strings: IMPORT_FILE_LIMITS.maxCells })).toBe('IMPORT_TOO_MANY_CELLS');
    expect(scan('<row/>', { cells: 0, rows: IMPORT_FILE_LIMITS.maxRowElements, strings: 0 })).toBe(
      'IMPORT_TOO_MANY_ROWS',
    );
  });
});
