import type PDFKit from 'pdfkit';
import { type Block, CHECKED, type Inline, inlineText, UNCHECKED } from './documents.layout.js';
import { loadFonts } from './documents.fonts.js';

/** A4 in points, with 2.25 cm margins. */
const PAGE = { size: 'A4' as const, margin: 64 };
const BODY_SIZE = 12;
const TITLE_SIZE = 20;
const LINE_GAP = 4;
const EM = BODY_SIZE;

let loadingPdfKit: Promise<typeof PDFKit> | undefined;

/** pdfkit and fontkit, loaded on the first PDF (the server does not need them to start). */
function loadPdfKit(): Promise<typeof PDFKit> {
  loadingPdfKit ??= import('pdfkit').then((module) => module.default);
  return loadingPdfKit;
}

type Doc = PDFKit.PDFDocument;

/**
 * Writes a paragraph's runs as one text, from the current position. (pdfkit's `continued`
 * runs misplace the lines that follow a chain of them, so a paragraph is drawn in one call;
 * filled-in values are plain text, blanks are 「＿＿＿」.)
 */
function writeInlines(doc: Doc, inlines: Inline[], options: PDFKit.Mixins.TextOptions): void {
  const text = inlineText(inlines);
  doc.text(text === '' ? ' ' : text, options);
}

/** Text in a column that starts `offset` points right of the left margin. */
function column(doc: Doc, offset: number): { x: number; width: number } {
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  return { x: left + offset, width: width - offset };
}

/**
 * A label with its text in a column to its right, the wrapped lines aligned under the
 * text (「一、」 clauses, 第三條, the ballot boxes).
 */
function hanging(
  doc: Doc,
  args: { label: string; labelFont: 'regular' | 'bold' | 'symbols'; indent: number; inlines: Inline[] },
): void {
  ensureSpace(doc, 2);
  const page = doc.page;
  const { x } = column(doc, args.indent);
  // The ballot boxes are drawn a little larger: DejaVu's are smaller than a CJK em.
  doc.font(args.labelFont).fontSize(args.labelFont === 'symbols' ? BODY_SIZE * 1.25 : BODY_SIZE);
  const labelWidth = Math.max(doc.widthOfString(args.label), 2 * EM);
  const y = doc.y;
  doc.text(args.label, x, args.labelFont === 'symbols' ? y - 2 : y, { lineBreak: false, lineGap: LINE_GAP });
  const afterLabel = doc.y;
  doc.font('regular').fontSize(BODY_SIZE);
  const body = column(doc, args.indent + labelWidth);
  doc.x = body.x;
  doc.y = y;
  writeInlines(doc, args.inlines, { width: body.width, lineGap: LINE_GAP });
  doc.x = column(doc, 0).x;
  // The body may have run onto a new page; the label's line only counts on its own page.
  if (doc.page === page) {
    doc.y = Math.max(doc.y, afterLabel);
  }
}

/** Starts a new page unless `lines` lines of body text still fit on this one. */
function ensureSpace(doc: Doc, lines: number): void {
  doc.font('regular').fontSize(BODY_SIZE);
  const needed = lines * (doc.currentLineHeight(true) + LINE_GAP);
  if (doc.y + needed > doc.page.maxY()) {
    doc.addPage();
  }
}

function drawBlock(doc: Doc, block: Block): void {
  const left = column(doc, 0);
  switch (block.kind) {
    case 'title':
      doc.moveDown(0.3);
      doc.font('bold').fontSize(TITLE_SIZE);
      // Letter-spaced as on the seed; the spacing is drawn, the text stays 「保密合約書」.
      doc.text(block.text, left.x, doc.y, { width: left.width, align: 'center', characterSpacing: TITLE_SIZE / 2 });
      doc.fontSize(BODY_SIZE).moveDown(0.6);
      return;
    case 'banner': {
      const y = doc.y;
      doc.font('bold').text(block.left, left.x, y, { width: left.width, lineGap: LINE_GAP });
      if (block.right !== undefined) {
        doc.text(block.right, left.x, y, { width: left.width, align: 'right', lineGap: LINE_GAP });
      }
      doc.x = left.x;
      doc.moveDown(0.4);
      return;
    }
    case 'article':
      doc.moveDown(0.4);
      // A heading keeps at least two lines of its article with it.
      ensureSpace(doc, 3);
      if (block.body === undefined) {
        doc
          .font('bold')
          .text(`${block.label}${block.title ?? ''}`, left.x, doc.y, { width: left.width, lineGap: LINE_GAP });
        return;
      }
      hanging(doc, { label: block.label, labelFont: 'bold', indent: 0, inlines: block.body });
      return;
    case 'paragraph': {
      const col = column(doc, (block.indent ?? 0) * EM);
      doc.font('regular');
      doc.x = col.x;
      writeInlines(doc, block.inlines, {
        width: col.width,
        indent: (block.firstLine ?? 0) * EM,
        align: block.align ?? 'left',
        lineGap: LINE_GAP,
      });
      doc.x = left.x;
      return;
    }
    case 'clause':
      hanging(doc, {
        label: block.label,
        labelFont: 'regular',
        indent: (block.indent ?? 0) * EM,
        inlines: block.inlines,
      });
      return;
    case 'check':
      hanging(doc, {
        label: block.checked ? CHECKED : UNCHECKED,
        labelFont: 'symbols',
        indent: 0,
        inlines: block.inlines,
      });
      return;
    case 'field': {
      const col = column(doc, (block.indent ?? 0) * EM);
      doc.font('regular');
      doc.x = col.x;
      writeInlines(doc, [{ text: block.label }, ...block.value], { width: col.width, lineGap: LINE_GAP });
      doc.x = left.x;
      return;
    }
    case 'spacer':
      doc.moveDown(0.6);
      return;
    case 'pageBreak':
      doc.addPage();
      return;
  }
}

/** Renders the blocks as an A4 PDF with the embedded, subset Noto Sans TC. */
export async function renderPdf(blocks: Block[], title: string): Promise<Buffer> {
  const [PDFDocument, fonts] = await Promise.all([loadPdfKit(), loadFonts()]);
  const doc = new PDFDocument({
    size: PAGE.size,
    margin: PAGE.margin,
    lang: 'zh-TW',
    displayTitle: true,
    info: { Title: title, Creator: 'Custodian' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  // pdfkit takes a parsed fontkit font as well as a file (PDFFontFactory.open checks for
  // `layout`); its type declarations only list files and buffers.
  for (const name of ['regular', 'bold', 'symbols'] as const) {
    doc.registerFont(name, fonts[name] as unknown as Buffer);
  }
  doc.font('regular').fontSize(BODY_SIZE);
  for (const block of blocks) {
    drawBlock(doc, block);
  }
  doc.end();
  return done;
}
