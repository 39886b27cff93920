import { ATTACHMENT_FILE_NAME_MAX, ATTACHMENT_TYPES } from '@custodian/shared';

/**
 * Extensions refused whatever the content: programs, installers and scripts that a
 * double-click would run. Checked on the last extension, so `report.pdf.exe` is refused.
 */
export const REFUSED_EXTENSIONS: ReadonlySet<string> = new Set([
  'exe',
  'dll',
  'bat',
  'cmd',
  'com',
  'msi',
  'msp',
  'ps1',
  'psm1',
  'sh',
  'js',
  'jse',
  'vbs',
  'vbe',
  'wsf',
  'hta',
  'jar',
  'scr',
  'pif',
  'cpl',
  'lnk',
  'reg',
]);

const ALLOWED_MIME: ReadonlySet<string> = new Set(ATTACHMENT_TYPES.map((t) => t.mime));

/** How many leading bytes the executable check looks at. */
export const HEAD_BYTES = 16;

// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL_CHARS = /[\u0000-\u001F\u007F-\u009F]/g;
/** Characters Windows refuses in names, and the path separators. */
const RESERVED_CHARS = /[/\\:*?"<>|]/g;

/**
 * A file name safe to store and to send back in Content-Disposition: the last path
 * segment only, NFC-normalised, without control or reserved characters, without leading
 * dots, at most 255 characters (the extension is kept when shortening).
 */
export function sanitizeFileName(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  let name = base
    .normalize('NFC')
    .replace(CONTROL_CHARS, '')
    .replace(RESERVED_CHARS, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '');
  if (name === '') {
    name = 'attachment';
  }
  const chars = [...name];
  if (chars.length <= ATTACHMENT_FILE_NAME_MAX) {
    return name;
  }
  const ext = extensionOf(name);
  const suffix = ext && ext.length <= 16 ? `.${ext}` : '';
  return chars.slice(0, ATTACHMENT_FILE_NAME_MAX - [...suffix].length).join('') + suffix;
}

/** The last extension, lower-case and without the dot; '' when there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function startsWith(head: Uint8Array, bytes: number[], offset = 0): boolean {
  return bytes.every((b, i) => head[offset + i] === b);
}

/**
 * Whether the first bytes are those of a program: Windows PE/DOS (MZ), ELF, Mach-O (and
 * universal binaries, whose magic Java class files share) or a script with a `#!` line,
 * with or without a UTF-8 byte-order mark.
 */
export function looksExecutable(head: Uint8Array): boolean {
  const bom = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  return (
    startsWith(head, [0x4d, 0x5a]) ||
    startsWith(head, [0x7f, 0x45, 0x4c, 0x46]) ||
    startsWith(head, [0xfe, 0xed, 0xfa, 0xce]) ||
    startsWith(head, [0xfe, 0xed, 0xfa, 0xcf]) ||
    startsWith(head, [0xce, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xcf, 0xfa, 0xed, 0xfe]) ||
    startsWith(head, [0xca, 0xfe, 0xba, 0xbe]) ||
    startsWith(head, [0x23, 0x21], bom)
  );
}

/**
 * Watches bytes go by on their way to the store: keeps the first HEAD_BYTES and decides
 * whether the whole content is text (valid UTF-8 without NUL bytes).
 */
export class ContentSniffer {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private headParts: Uint8Array[] = [];
  private headLength = 0;
  private text = true;

  update(chunk: Uint8Array): void {
    if (this.headLength < HEAD_BYTES) {
      const part = chunk.subarray(0, HEAD_BYTES - this.headLength);
      this.headParts.push(part);
      this.headLength += part.length;
    }
    if (!this.text) {
      return;
    }
    if (chunk.includes(0)) {
      this.text = false;
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: true });
    } catch {
      this.text = false;
    }
  }

  /** Call once the stream has ended. */
  result(): { head: Uint8Array; isText: boolean } {
    let isText = this.text;
    if (isText) {
      try {
        // Flushing fails when the content stops inside a multi-byte character.
        this.decoder.decode();
      } catch {
        isText = false;
      }
    }
    return { head: Buffer.concat(this.headParts), isText };
  }
}

export type ContentVerdict =
  { accepted: true; mimeType: string } | { accepted: false; reason: 'extension' | 'executable' | 'type' | 'unknown' };

/**
 * Decides whether a file is accepted and what it is. The name counts only to refuse
 * (executable extensions) and to tell CSV from plain text; the type is the one detected
 * from the content.
 */
export function classifyContent(input: {
  fileName: string;
  /** MIME type file-type detected from the magic numbers, if any. */
  detected: string | undefined;
  head: Uint8Array;
  isText: boolean;
}): ContentVerdict {
  const ext = extensionOf(input.fileName);
  if (REFUSED_EXTENSIONS.has(ext)) {
    return { accepted: false, reason: 'extension' };
  }
  if (looksExecutable(input.head)) {
    return { accepted: false, reason: 'executable' };
  }
  if (input.detected !== undefined) {
    return ALLOWED_MIME.has(input.detected)
      ? { accepted: true, mimeType: input.detected }
      : { accepted: false, reason: 'type' };
  }
  if (input.isText) {
    return { accepted: true, mimeType: ext === 'csv' ? 'text/csv' : 'text/plain' };
  }
  return { accepted: false, reason: 'unknown' };
}
