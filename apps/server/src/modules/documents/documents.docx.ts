import type * as Docx from 'docx';
import { type Block, CHECKED, type Inline, UNCHECKED } from './documents.layout.js';

/**
 * The DOCX renderer. Every run names its East Asian font and carries the zh-TW language
 * tag (`w:lang w:val="zh-TW" w:eastAsia="zh-TW"`), so Word and LibreOffice pick a
 * Traditional Chinese font and punctuation; A4 page, 2.5 cm margins.
 */
const EAST_ASIA_FONT = '標楷體';
const LATIN_FONT = 'Times New Roman';
/** Word's and LibreOffice's usual fonts with the ballot boxes ☐ ☑. */
const SYMBOL_FONT = 'Segoe UI Symbol';
const LANGUAGE = { value: 'zh-TW', eastAsia: 'zh-TW' } as const;
/** Half-points. */
const BODY_SIZE = 24;
const TITLE_SIZE = 40;
/** One em of body text, in twentieths of a point. */
const EM = 240;
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1418;

let loadingDocx: Promise<typeof Docx> | undefined;

/** The docx package, loaded on the first DOCX. */
function loadDocx(): Promise<typeof Docx> {
  loadingDocx ??= import('docx');
  return loadingDocx;
}

type RunStyle = { bold?: boolean; size?: number; characterSpacing?: number; symbol?: boolean };

export async function renderDocx(blocks: Block[], title: string): Promise<Buffer> {
  const d = await loadDocx();

  const run = (text: string, style: RunStyle = {}) =>
    new d.TextRun({
      text,
      bold: style.bold,
      size: style.size ?? BODY_SIZE,
      characterSpacing: style.characterSpacing,
      font: style.symbol
        ? { ascii: SYMBOL_FONT, hAnsi: SYMBOL_FONT, eastAsia: SYMBOL_FONT, cs: SYMBOL_FONT }
        : { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: EAST_ASIA_FONT, cs: LATIN_FONT },
      language: LANGUAGE,
    });
  // Filled-in values are plain text, as in the PDF; blanks are 「＿＿＿」.
  const runs = (inlines: Inline[]) => inlines.map((i) => run(i.text));
  const spacing = { after: 80, line: 360 };

  let breakBefore = false;
  const paragraphs: Docx.Paragraph[] = [];
  const push = (options: Docx.IParagraphOptions) => {
    paragraphs.push(new d.Paragraph({ spacing, ...options, pageBreakBefore: breakBefore || undefined }));
    breakBefore = false;
  };

  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        push({
          heading: d.HeadingLevel.TITLE,
          alignment: d.AlignmentType.CENTER,
          spacing: { before: 120, after: 240 },
          children: [run(block.text, { bold: true, size: TITLE_SIZE, characterSpacing: 200 })],
        });
        break;
      case 'banner':
        push({
          tabStops: [{ type: d.TabStopType.RIGHT, position: A4.width - 2 * MARGIN }],
          children: [
            run(block.left, { bold: true }),
            ...(block.right === undefined ? [] : [run('\t', { bold: true }), run(block.right, { bold: true })]),
          ],
        });
        break;
      case 'article':
        if (block.body === undefined) {
          push({
            heading: d.HeadingLevel.HEADING_2,
            spacing: { before: 160, after: 80, line: 360 },
            children: [run(`${block.label}${block.title ?? ''}`, { bold: true })],
          });
        } else {
          // 第三條 has no title: the label hangs and its text runs on.
          push({
            spacing: { before: 160, after: 80, line: 360 },
            indent: { left: 4 * EM, hanging: 4 * EM },
            children: [run(block.label, { bold: true }), ...runs(block.body)],
          });
        }
        break;
      case 'paragraph':
        push({
          alignment: block.align === 'right' ? d.AlignmentType.RIGHT : d.AlignmentType.LEFT,
          indent: { left: (block.indent ?? 0) * EM, firstLine: (block.firstLine ?? 0) * EM },
          children: runs(block.inlines),
        });
        break;
      case 'clause':
        push({
          indent: { left: ((block.indent ?? 0) + 2) * EM, hanging: 2 * EM },
          children: [run(block.label), ...runs(block.inlines)],
        });
        break;
      case 'check':
        push({
          indent: { left: 2 * EM, hanging: 2 * EM },
          children: [run(block.checked ? CHECKED : UNCHECKED, { symbol: true }), run('\u3000'), ...runs(block.inlines)],
        });
        break;
      case 'field':
        push({
          indent: { left: (block.indent ?? 0) * EM },
          children: [run(block.label), ...runs(block.value)],
        });
        break;
      case 'spacer':
        push({ children: [run('')] });
        break;
      case 'pageBreak':
        breakBefore = true;
        break;
    }
  }

  const blackHeading = (id: string, name: string, size: number) => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: {
      bold: true,
      size,
      color: '000000',
      font: { eastAsia: EAST_ASIA_FONT, ascii: LATIN_FONT, hAnsi: LATIN_FONT },
    },
  });
  const document = new d.Document({
    title,
    creator: 'Custodian',
    styles: {
      default: {
        document: {
          run: {
            size: BODY_SIZE,
            font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, eastAsia: EAST_ASIA_FONT, cs: LATIN_FONT },
            language: LANGUAGE,
          },
        },
      },
      paragraphStyles: [blackHeading('Title', 'Title', TITLE_SIZE), blackHeading('Heading2', 'Heading 2', BODY_SIZE)],
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height },
            margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          },
        },
        children: paragraphs,
      },
    ],
  });
  return d.Packer.toBuffer(document);
}
