/**
 * The layout both renderers draw: a form is a list of blocks, each a paragraph of a kind
 * the PDF and the DOCX renderer know. The form modules (`forms/*.form.ts`) build these
 * blocks from the seed's wording and the caller's data, so the two formats say the same.
 */

/** A run of text; `fill` marks what the caller filled in (or the blank left for a pen). */
export type Inline = { text: string; fill?: boolean };

export type Block =
  /** The form's title, letter-spaced as on the seed (「保 密 合 約 書」). */
  | { kind: 'title'; text: string }
  /** A top line with a label on the left and one on the right (「附件二 … 機密等級：機密」). */
  | { kind: 'banner'; left: string; right?: string }
  /** An article heading and, when the article has no title, its text run on (第三條). */
  | { kind: 'article'; label: string; title?: string; body?: Inline[] }
  /** A paragraph; `indent` in em of the whole paragraph, `firstLine` in em of its first line. */
  | { kind: 'paragraph'; inlines: Inline[]; indent?: number; firstLine?: number; align?: 'left' | 'right' }
  /** A numbered clause with a hanging label (「一、」); `indent` in em before the label. */
  | { kind: 'clause'; label: string; inlines: Inline[]; indent?: number }
  /** One checkbox line of 附件二. */
  | { kind: 'check'; checked: boolean; inlines: Inline[] }
  /** A 「label：value」 line of a signature block; `indent` in em. */
  | { kind: 'field'; label: string; value: Inline[]; indent?: number }
  | { kind: 'spacer' }
  | { kind: 'pageBreak' };

/** The checkbox characters: ☑ ticked, ☐ not (drawn from the symbol font in the PDF). */
export const CHECKED = '☑';
export const UNCHECKED = '☐';

/** What a blank to fill by hand looks like, in both formats. */
export const BLANK = '＿＿＿＿＿＿';
export const SHORT_BLANK = '＿＿＿';

/**
 * A filled-in value, or the blank when it is missing or empty. NFC turns CJK compatibility
 * ideographs (U+F900–U+FAFF, common in text copied out of PDFs, the seed's included) into
 * the unified ones, which the embedded font has.
 */
export function fill(value: string | undefined, blank: string = BLANK): Inline {
  const text = value?.normalize('NFC').trim() ?? '';
  return { text: text === '' ? blank : text, fill: true };
}

/** Plain seed text. */
export function seed(text: string): Inline {
  return { text };
}

/** Every character a form's blocks draw, for the font-coverage test. */
export function blockText(blocks: Block[]): string {
  return blocks
    .map((b) => {
      switch (b.kind) {
        case 'title':
          return b.text;
        case 'banner':
          return `${b.left}${b.right ?? ''}`;
        case 'article':
          return `${b.label}${b.title ?? ''}${inlineText(b.body ?? [])}`;
        case 'paragraph':
          return inlineText(b.inlines);
        case 'clause':
          return `${b.label}${inlineText(b.inlines)}`;
        case 'check':
          return `${b.checked ? CHECKED : UNCHECKED}${inlineText(b.inlines)}`;
        case 'field':
          return `${b.label}${inlineText(b.value)}`;
        case 'spacer':
        case 'pageBreak':
          return '';
      }
    })
    .join('\n');
}

export function inlineText(inlines: Inline[]): string {
  return inlines.map((i) => i.text).join('');
}
