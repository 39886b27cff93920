/**
 * The generated files through other programs, as a person opening them would see them:
 * the DOCX converted to PDF by LibreOffice (`soffice --headless`), and page 1 of each PDF
 * drawn by poppler (`pdftoppm`) with the system's fonts hidden, so a PDF that relied on an
 * installed font would come out blank. .ci/run installs both tools
 * (libreoffice-writer-nogui, poppler-utils); in CI a missing tool fails these tests, and
 * only a developer's machine without them skips them.
 *
 * With UPDATE_DOCS_SCREENSHOTS=1 the page-1 pictures are written to docs/screenshots
 * (agreement-*.png), otherwise to test-results/screenshots.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGREEMENT, COMMITMENT } from './documents.fixtures.js';
import { renderForm } from './documents.service.js';
import type { AgreementForm } from './documents.types.js';

const TOOLS = ['soffice', 'pdftoppm', 'pdffonts'];
const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0);
const runTools = missing.length === 0 || Boolean(process.env.CI);

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const SHOTS = process.env.UPDATE_DOCS_SCREENSHOTS
  ? join(ROOT, 'docs', 'screenshots')
  : join(ROOT, 'test-results', 'screenshots');

const FORMS: { name: string; form: AgreementForm; headings: string[] }[] = [
  {
    name: 'contract',
    form: { form: 'agreement', data: AGREEMENT },
    headings: [
      '保密合約書',
      '第一條：機密資訊',
      '第七條：完整契約',
      '教育部＜以下簡稱甲方＞',
      '中華民國115年11月24日',
      '附件一',
    ],
  },
  {
    name: 'staff-list',
    form: { form: 'staff_list', data: AGREEMENT },
    headings: ['附件一', '參與本契約相關工作之乙方員工及其他相關人員如下：', '林小華', '張雅婷'],
  },
  {
    name: 'commitment',
    form: { form: 'commitment', data: COMMITMENT },
    headings: ['附件二', '機密等級：機密', '保密承諾書', '身分證字號：A123456789', '☑', '☐'],
  },
];

const squeeze = (s: string) => s.replace(/\s+/g, '');

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): string {
  const result = spawnSync(command, args, { env, encoding: 'utf8', timeout: 180_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr || String(result.error)}`);
  }
  return result.stdout;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: true });
  return text;
}

/** The share of a PNG's pixels that are dark (ink), 0 to 1. */
function inkShare(png: Buffer): number {
  const { data, width, height } = PNG.sync.read(png);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) {
    if ((data[i] ?? 255) + (data[i + 1] ?? 255) + (data[i + 2] ?? 255) < 3 * 128) {
      dark += 1;
    }
  }
  return dark / (width * height);
}

// LibreOffice and poppler are slow on a loaded 2-core machine: a minute per test.
describe.skipIf(!runTools)('documents through LibreOffice and poppler', { timeout: 60_000 }, () => {
  let work = '';
  /** A fontconfig with no font directories: poppler finds no system font at all. */
  let noFontsEnv: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'custodian-documents-'));
    const conf = join(work, 'fonts.conf');
    writeFileSync(
      conf,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><cachedir>${join(work, 'fc-cache')}</cachedir></fontconfig>\n`,
    );
    noFontsEnv = { ...process.env, FONTCONFIG_FILE: conf };
    mkdirSync(SHOTS, { recursive: true });
    if (missing.length > 0) {
      return;
    }
    for (const { name, form } of FORMS) {
      writeFileSync(join(work, `${name}.pdf`), (await renderForm(form, 'pdf')).bytes);
      writeFileSync(join(work, `${name}.docx`), (await renderForm(form, 'docx')).bytes);
    }
    // One LibreOffice run converts the three; its own profile keeps parallel runs apart.
    run('soffice', [
      `-env:UserInstallation=file://${join(work, 'lo-profile')}`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      join(work, 'lo'),
      ...FORMS.map(({ name }) => join(work, `${name}.docx`)),
    ]);
  }, 240_000);

  afterAll(() => {
    if (work !== '') {
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('has LibreOffice (soffice) and poppler (pdftoppm, pdffonts) installed', () => {
    expect(missing).toEqual([]);
  });

  it('hides the system fonts indeed: a PDF in a font it does not embed (Helvetica) comes out blank', async () => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    for (let i = 0; i < 40; i += 1) {
      doc.fontSize(14).text(`Confidentiality agreement, article ${i}: confidential information`);
    }
    doc.end();
    const pdf = join(work, 'helvetica.pdf');
    writeFileSync(pdf, await done);
    const prefix = join(work, 'helvetica');
    // poppler reports the missing font on stderr and draws nothing.
    spawnSync('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, prefix], { env: noFontsEnv });
    expect(inkShare(readFileSync(`${prefix}.png`))).toBe(0);
    run('pdftoppm', ['-png', '-r', '80', '-singlefile', pdf, prefix]);
    expect(inkShare(readFileSync(`${prefix}.png`))).toBeGreaterThan(0.003);
  });

  it.each(FORMS)('$name: LibreOffice opens the DOCX and its PDF shows the same text', async ({ name, headings }) => {
    const text = squeeze(await pdfText(readFileSync(join(work, 'lo', `${name}.pdf`))));
    for (const heading of headings) {
      expect(text, heading).toContain(squeeze(heading));
    }
  });

  it.each(FORMS)('$name: our PDF embeds every font it uses', ({ name }) => {
    const lines = run('pdffonts', [join(work, `${name}.pdf`)])
      .trim()
      .split('\n')
      .slice(2);
    expect(lines.length).toBeGreaterThanOrEqual(1);
    for (const line of lines) {
      // name, type, encoding, then emb/sub/uni: "yes yes yes".
      expect(line, line).toMatch(/\byes\s+yes\s+yes\s+\d+\s+\d+$/);
    }
  });

  it.each(FORMS)('$name: page 1 is drawn with the system fonts hidden (ours and LibreOffice’s)', ({ name }) => {
    for (const [source, pdf] of [
      ['pdf', join(work, `${name}.pdf`)],
      ['docx', join(work, 'lo', `${name}.pdf`)],
    ] as const) {
      const prefix = join(work, `${name}-${source}`);
      run('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, prefix], noFontsEnv);
      const png = readFileSync(`${prefix}.png`);
      writeFileSync(join(SHOTS, `agreement-${name}.${source}.png`), png);
      const ink = inkShare(png);
      // A page of text is some 1–10 % ink (附件一 alone about 0.8 %); a page whose glyphs are missing is blank.
      expect(ink, `${name} ${source}`).toBeGreaterThan(0.003);
      expect(ink, `${name} ${source}`).toBeLessThan(0.3);
    }
  });
});
