import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import { renderForm } from './documents.service.js';
import { AGREEMENT, COMMITMENT } from './documents.fixtures.js';

/** The text of every page of a PDF, pages joined, as pdf.js extracts it. */
async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  return { text, pages: totalPages };
}

/** word/document.xml of a DOCX, and its text (runs joined per paragraph). */
async function docxXml(bytes: Buffer): Promise<{ xml: string; text: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const text = xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
  return { xml, text };
}

/** Squeezes out the spaces pdf.js puts between letter-spaced or justified glyphs. */
const squeeze = (s: string) => s.replace(/\s+/g, '');

const AGREEMENT_TEXT = [
  '保密合約書',
  ...['一', '二', '三', '四', '五', '六', '七'].map((n) => `第${n}條`),
  '第一條：機密資訊',
  '第四條：契約期限及終止',
  '有效期限【三】年',
  '新臺幣50萬元',
  '教育部＜以下簡稱甲方＞',
  '好資訊股份有限公司＜以下簡稱乙方＞',
  '茲甲方因「校園網路維運服務」委辦案事宜',
  '臺灣臺北地方法院',
  '中華民國115年11月24日',
  '附件一',
  '林小華',
  '陳志明',
  '張雅婷',
];

const COMMITMENT_TEXT = [
  '附件二',
  '機密等級：機密',
  '保密承諾書',
  '緣好資訊股份有限公司（以下簡稱乙方）與教育部於民國115年11月24日簽訂保密合約書',
  '如違反以上承諾，造成安全上之事件發生時，願負實質賠償損害之責任。',
  '身分證字號：A123456789',
  '中華民國115年11月25日',
];

describe('renderForm: PDF', () => {
  it('writes the 保密合約書 with its seven articles, the parties, the ROC date and 附件一’s staff', async () => {
    const out = await renderForm({ form: 'agreement', data: AGREEMENT }, 'pdf');
    expect(out.contentType).toBe('application/pdf');
    expect(out.fileName).toBe('保密合約書_好資訊股份有限公司.pdf');
    expect(out.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(out.bytes);
    for (const expected of AGREEMENT_TEXT) {
      expect(squeeze(text), expected).toContain(squeeze(expected));
    }
    // The articles come in order.
    const at = ['一', '二', '三', '四', '五', '六', '七'].map((n) => squeeze(text).indexOf(`第${n}條：`));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // The agreement, then 附件一 on a page of its own.
    expect(pages).toBe(3);
  }, 30_000);

  it('embeds the font as a subset: a few hundred glyphs, not the 6 MB font', async () => {
    const out = await renderForm({ form: 'agreement', data: AGREEMENT }, 'pdf');
    expect(out.bytes.length).toBeLessThan(400_000);
    const raw = out.bytes.toString('latin1');
    // pdfkit names a subset font with a 6-letter tag: ABCDEF+NotoSansHant-Regular.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansHant-Regular/);
    expect(raw).toMatch(/\/FontFile3/);
  }, 30_000);

  it('writes 附件一 alone, with three blank entries when nobody is listed', async () => {
    const out = await renderForm({ form: 'staff_list', data: { ...AGREEMENT, staff: [] } }, 'pdf');
    const { text, pages } = await pdfText(out.bytes);
    expect(pages).toBe(1);
    expect(text).toContain('附件一');
    expect(squeeze(text).match(/姓名：＿＿＿＿＿＿/g)).toHaveLength(3);
    expect(text).not.toContain('保密合約書');
  }, 30_000);

  it('writes 附件二 保密承諾書 with 機密等級：機密, the ticked and unticked boxes and the signer', async () => {
    const out = await renderForm({ form: 'commitment', data: COMMITMENT }, 'pdf');
    expect(out.fileName).toBe('附件二_保密承諾書_陳志明.pdf');
    const { text, pages } = await pdfText(out.bytes);
    expect(pages).toBe(1);
    for (const expected of COMMITMENT_TEXT) {
      expect(squeeze(text), expected).toContain(squeeze(expected));
    }
    expect(squeeze(text).match(/[☐☑]/g)).toEqual(['☑', '☑', '☑', '☐', '☑', '☑']);
  }, 30_000);
});

describe('renderForm: PDFs at once', () => {
  it('renders several documents concurrently with the fonts parsed once, each complete', async () => {
    const names = ['甲公司', '乙公司', '丙公司', '丁公司'];
    const outs = await Promise.all([
      ...names.map((name) => renderForm({ form: 'staff_list', data: { ...AGREEMENT, partyB: { name } } }, 'pdf')),
      renderForm({ form: 'commitment', data: COMMITMENT }, 'pdf'),
    ]);
    const texts = await Promise.all(outs.map(async (out) => squeeze((await pdfText(out.bytes)).text)));
    names.forEach((name, i) => {
      expect(outs[i]?.fileName).toBe(`附件一_人員清單_${name}.pdf`);
      expect(texts[i]).toContain('張雅婷');
    });
    expect(texts[4]).toContain('機密等級：機密');
  }, 60_000);
});

describe('renderForm: DOCX', { timeout: 30_000 }, () => {
  it('writes the same text as the PDF, A4, every run tagged zh-TW with an East Asian font', async () => {
    const out = await renderForm({ form: 'agreement', data: AGREEMENT }, 'docx');
    expect(out.contentType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(out.fileName).toBe('保密合約書_好資訊股份有限公司.docx');
    const { xml, text } = await docxXml(out.bytes);
    for (const expected of AGREEMENT_TEXT) {
      expect(squeeze(text), expected).toContain(squeeze(expected));
    }
    const runs = xml.match(/<w:r>/g) ?? [];
    expect(runs.length).toBeGreaterThan(50);
    expect(xml.match(/<w:lang w:val="zh-TW" w:eastAsia="zh-TW"\/>/g)).toHaveLength(runs.length);
    expect(xml.match(/<w:rFonts [^>]*w:eastAsia="[^"]+"/g)).toHaveLength(runs.length);
    // A4 (11906 × 16838 twentieths of a point), 附件一 on a new page, the title as a heading.
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toContain('<w:pageBreakBefore/>');
    expect(xml).toContain('<w:pStyle w:val="Title"/>');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
  });

  it('writes 附件二 with ☑ and ☐ as characters, 機密等級：機密 and the signer', async () => {
    const out = await renderForm({ form: 'commitment', data: COMMITMENT }, 'docx');
    const { text } = await docxXml(out.bytes);
    for (const expected of COMMITMENT_TEXT) {
      expect(squeeze(text), expected).toContain(squeeze(expected));
    }
    expect(text.match(/[☐☑]/g)).toEqual(['☑', '☑', '☑', '☐', '☑', '☑']);
  });

  it('escapes the caller’s text: markup in a name stays text', async () => {
    const data = { ...AGREEMENT, partyB: { name: '<w:p>壞&公司</w:p>' } };
    const { text } = await docxXml((await renderForm({ form: 'staff_list', data }, 'docx')).bytes);
    expect(text).not.toContain('<w:p>');
    const pdf = await pdfText((await renderForm({ form: 'agreement', data }, 'pdf')).bytes);
    expect(pdf.text).toContain('<w:p>壞&公司</w:p>');
  }, 30_000);
});
