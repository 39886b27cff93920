import { z } from 'zod';

/**
 * Identifiers people type and compare: contract numbers, organisation codes, host names,
 * e-mail addresses. Two spellings that look the same must be the same identifier, or a
 * full-width hyphen (CASE－5FE8C), full-width letters (ＣＡＳＥ) or a zero-width space
 * slips past a uniqueness rule. Server, web and the import all normalise through here.
 */

/** Characters that render as nothing: zero-width spaces and joiners, word joiner, BOM, soft hyphen … */
const INVISIBLE = /\p{Default_Ignorable_Code_Point}/gu;
/** Hyphen look-alikes NFKC leaves alone: ‐ ‑ ‒ – — ― and the minus sign. */
const DASHES = /[\u2010-\u2015\u2212]/g;

/**
 * The form an identifier is stored and compared in: compatibility characters folded (NFKC:
 * full-width letters, digits and punctuation become ASCII, the ideographic space a space),
 * invisible characters removed, hyphen look-alikes made `-`, runs of white space made one
 * space, and the ends trimmed. Case is kept; where an identifier ignores case, the database
 * compares `lower()` and code compares `identifierKey`.
 */
export function normaliseIdentifier(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-').replace(/\s+/g, ' ').trim();
}

/** The key of an identifier whose case does not matter, as the `lower()` unique indexes compare it. */
export function identifierKey(text: string): string {
  return normaliseIdentifier(text).toLowerCase();
}

/** An e-mail address as stored: NFKC, no invisible characters, trimmed, lower-case. */
export function normaliseEmail(text: string): string {
  return identifierKey(text);
}

/**
 * A single-line identifier such as a contract number: normalised, then at most `max`
 * characters. Control characters are refused (NFKC keeps them, so the check still applies).
 */
export function identifierField(max: number) {
  return (
    z
      .string()
      .overwrite(normaliseIdentifier)
      .min(1)
      .max(max)
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      .refine((v) => !/[\u0000-\u001F\u007F-\u009F]|\p{Cs}/u.test(v), { message: 'contains control characters' })
  );
}
