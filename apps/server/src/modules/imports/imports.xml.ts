import { StringDecoder } from 'node:string_decoder';
import { SaxesParser } from 'saxes';
import { AppError } from '../../errors.js';
import { IMPORT_FILE_LIMITS } from './imports.limits.js';

/**
 * A streaming look at one XML part of a workbook, fed chunk by chunk as the part inflates,
 * so that no text is ever held whole: saxes keeps only the token it is reading, and a
 * token longer than any legitimate one stops the scan. It refuses a DOCTYPE (entity
 * expansion), XML that does not parse, a text longer than Excel allows in a cell, and
 * counts cells, rows and shared strings over the whole workbook.
 */

/** Counts over all parts of one workbook. */
export type WorkbookCounts = { cells: number; rows: number; strings: number };

export type XmlPartScan = {
  /** Feeds the next inflated bytes of the part. */
  write: (chunk: Buffer) => void;
  /** Ends the part; refuses XML that is cut short. */
  end: () => void;
};

/**
 * Elements whose text, over all their runs (`<r><t>…</t></r>…`), is one cell's value:
 * a shared string item, an inline string, a comment's text.
 */
const STRING_ELEMENTS = new Set(['si', 'is', 'text']);

/**
 * Source characters one token (a text run, attribute value, comment, name) may take:
 * the text limit with room for escapes (`&quot;` is six characters for one). It bounds
 * what saxes buffers before the exact limits are checked on the decoded text.
 */
const MAX_TOKEN_CHARS = IMPORT_FILE_LIMITS.maxTextChars * 10;
/** SpreadsheetML nests about eight deep; saxes keeps a stack entry per open element. */
const MAX_DEPTH = 64;
/** Attributes of one element; a root element declares a dozen namespaces. */
const MAX_ATTRIBUTES = 100;

const invalid = (reason: string) => new AppError('IMPORT_FILE_INVALID', { reason });

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Starts the scan of the part `name`; counts go into `counts`, shared with the other parts. */
export function scanXmlPart(name: string, counts: WorkbookCounts): XmlPartScan {
  const parser = new SaxesParser();
  const decoder = new StringDecoder('utf8');
  const tooLong = () => new AppError('IMPORT_TEXT_TOO_LONG', { part: name });
  let lastEventAt = 0;
  let runChars = 0;
  let stringChars = 0;
  let stringDepth = 0;
  let depth = 0;
  let attributes = 0;

  const mark = () => {
    lastEventAt = parser.position;
  };
  const addText = (text: string) => {
    mark();
    runChars += text.length;
    stringChars += stringDepth > 0 ? text.length : 0;
    if (runChars > IMPORT_FILE_LIMITS.maxTextChars || stringChars > IMPORT_FILE_LIMITS.maxTextChars) {
      throw tooLong();
    }
  };
  const count = (element: string) => {
    if (element === 'c' && ++counts.cells > IMPORT_FILE_LIMITS.maxCells) {
      throw new AppError('IMPORT_TOO_MANY_CELLS');
    }
    if (element === 'si' && ++counts.strings > IMPORT_FILE_LIMITS.maxCells) {
      throw new AppError('IMPORT_TOO_MANY_CELLS');
    }
    if (element === 'row' && ++counts.rows > IMPORT_FILE_LIMITS.maxRowElements) {
      throw new AppError('IMPORT_TOO_MANY_ROWS');
    }
  };

  parser.on('doctype', () => {
    throw invalid('xml declares a doctype');
  });
  parser.on('error', (err) => {
    throw invalid(`xml does not parse: ${err.message.slice(0, 200)}`);
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('xmldecl', mark);
  parser.on('processinginstruction', mark);
  parser.on('comment', mark);
  parser.on('opentagstart', () => {
    mark();
    attributes = 0;
  });
  parser.on('attribute', ({ value }) => {
    mark();
    if (++attributes > MAX_ATTRIBUTES) {
      throw invalid('too many attributes');
    }
    if (value.length > IMPORT_FILE_LIMITS.maxTextChars) {
      throw tooLong();
    }
  });
  // saxes reports a self-closing element as opened and closed, so depths always pair up.
  parser.on('opentag', (tag) => {
    mark();
    runChars = 0;
    if (++depth > MAX_DEPTH) {
      throw invalid('xml nests too deep');
    }
    // Cells and rows are counted in every part, so a part exceljs reads under another name
    // cannot hide them; no other part of a workbook has elements of these names.
    const element = localName(tag.name);
    if (STRING_ELEMENTS.has(element)) {
      stringChars = stringDepth === 0 ? 0 : stringChars;
      stringDepth += 1;
    }
    count(element);
  });
  parser.on('closetag', (tag) => {
    mark();
    runChars = 0;
    depth -= 1;
    if (STRING_ELEMENTS.has(localName(tag.name))) {
      stringDepth -= 1;
    }
  });

  return {
    write: (chunk) => {
      parser.write(decoder.write(chunk));
      // A token still open after this chunk (a text without its end tag, a huge name or
      // comment) is refused before saxes buffers more of it.
      if (parser.position - lastEventAt > MAX_TOKEN_CHARS) {
        throw tooLong();
      }
    },
    end: () => {
      parser.write(decoder.end());
      parser.close();
    },
  };
}
