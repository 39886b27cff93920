import { SaxesParser } from 'saxes';
import { isRefusal, refuse } from './errors.js';
import { SCAN_PARSE_LIMITS } from './limits.js';
import type { ScanEvent, ScanFormat } from './types.js';

/**
 * The XML formats' common driver: saxes fed chunk by chunk, each parser seeing only element
 * opens and closes with the element's own text (bounded), and pushing its events into `out`,
 * which the driver yields after every chunk. Nothing else of the document is held.
 *
 * Refused: a DOCTYPE that declares entities, notations or parameter entities or refers to an
 * external DTD (`doctype`: billion laughs, XXE); XML that does not parse (`malformed`); XML
 * cut short (`truncated`); a token longer than the limit (`token_too_long`); nesting deeper
 * than the limit (`too_deep`). A DOCTYPE with only a name (Nmap's `<!DOCTYPE nmaprun>`) or
 * with only ELEMENT/ATTLIST declarations (every Burp export carries one) declares nothing
 * that could expand or be fetched, and is let through: refusing it would refuse those tools'
 * real files. saxes expands no DTD anyway; the check refuses before it could matter.
 */
export type XmlHandler = {
  open(name: string, attributes: Record<string, string>, depth: number): void;
  /** `text` is the element's own text and CDATA (not its children's), cut at the field limit. */
  close(name: string, text: string, depth: number): void;
  /** After the document ended well. */
  end?(): void;
};

/**
 * The only DOCTYPEs a real report carries: Burp's export (`issues`, an internal subset of
 * ELEMENT and ATTLIST declarations) and Nmap's (`<!DOCTYPE nmaprun>`). Any other DOCTYPE,
 * on any format, is refused: no other scanner writes one.
 */
const DOCTYPE_ROOTS = new Set(['issues', 'nmaprun']);

/**
 * Whether a DOCTYPE (saxes gives the text after `<!DOCTYPE`) is one a real report carries
 * and declares nothing dangerous: named after Burp's or Nmap's root, with at most ELEMENT
 * and ATTLIST declarations (no entity, notation, parameter entity or external DTD).
 */
export function doctypeIsHarmless(text: string): boolean {
  if (text.length > 64 * 1024) {
    return false;
  }
  const match = /^\s*([A-Za-z_:][\w.:-]*)\s*(?:\[([\s\S]*)\])?\s*$/.exec(text);
  if (!match || !DOCTYPE_ROOTS.has(match[1] ?? '')) {
    // An external identifier (SYSTEM or PUBLIC) or something saxes let through unparsed.
    return false;
  }
  const subset = (match[2] ?? '').replace(/<!--[\s\S]*?-->/g, '');
  if (/[&%]/.test(subset)) {
    return false;
  }
  return subset.replace(/<!(?:ELEMENT|ATTLIST)\b[^<>]*>/g, '').trim() === '';
}

export async function* parseXml(
  format: ScanFormat,
  chunks: AsyncIterable<string>,
  handler: XmlHandler,
  out: ScanEvent[],
): AsyncGenerator<ScanEvent, void, undefined> {
  // No position tracking: it costs a quarter of saxes's time, and the token bound below needs
  // only to know whether a chunk produced any event.
  const parser = new SaxesParser({ position: false });
  const maxText = SCAN_PARSE_LIMITS.maxFieldChars;
  const texts: string[] = [''];
  let depth = 0;
  let sawRoot = false;
  let ending = false;
  /** Characters written since the last event, counted per chunk (so over by at most one chunk). */
  let sinceEvent = 0;
  let sawEvent: boolean;

  const addText = (text: string) => {
    sawEvent = true;
    const current = texts[depth] ?? '';
    if (depth > 0 && current.length <= maxText) {
      texts[depth] =
        current + (current.length + text.length > maxText + 1 ? text.slice(0, maxText + 1 - current.length) : text);
    }
  };
  parser.on('doctype', (doctype) => {
    if (!doctypeIsHarmless(doctype)) {
      throw refuse(format, 'doctype');
    }
    sawEvent = true;
  });
  parser.on('error', (err) => {
    if (isRefusal(err)) {
      throw err;
    }
    throw refuse(format, ending ? 'truncated' : 'malformed', err.message);
  });
  parser.on('text', addText);
  parser.on('cdata', addText);
  // No comment or processing-instruction handlers: saxes keeps each handler as a property
  // added on registration, and with eight of them the parser object's accesses slow down
  // four-fold (measured). A comment longer than the token bound is refused like any token.
  parser.on('opentag', (tag) => {
    sawEvent = true;
    depth += 1;
    sawRoot = true;
    if (depth > SCAN_PARSE_LIMITS.maxDepth) {
      throw refuse(format, 'too_deep', `over ${SCAN_PARSE_LIMITS.maxDepth} levels`);
    }
    texts[depth] = '';
    handler.open(tag.name, tag.attributes as Record<string, string>, depth);
  });
  parser.on('closetag', (tag) => {
    sawEvent = true;
    const text = texts[depth] ?? '';
    texts[depth] = '';
    handler.close(tag.name, text, depth);
    depth -= 1;
  });

  for await (const chunk of chunks) {
    sawEvent = false;
    parser.write(chunk);
    sinceEvent = sawEvent ? 0 : sinceEvent + chunk.length;
    if (sinceEvent > SCAN_PARSE_LIMITS.maxTokenChars) {
      throw refuse(format, 'token_too_long');
    }
    if (out.length > 0) {
      yield* out.splice(0);
    }
  }
  ending = true;
  parser.close();
  if (!sawRoot) {
    throw refuse(format, 'truncated', 'no root element');
  }
  handler.end?.();
  yield* out.splice(0);
}

/** The name without its namespace prefix (`cm:compliance-result` → `compliance-result`). */
export const localName = (name: string): string => name.slice(name.indexOf(':') + 1);
