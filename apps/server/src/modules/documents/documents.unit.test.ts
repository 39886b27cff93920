import { readFileSync } from 'node:fs';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { FONT_FILES } from './documents.fonts.js';
import { layOutForm } from './documents.forms.js';
import { blockText, CHECKED, UNCHECKED } from './documents.layout.js';
import { toChineseNumeral } from './documents.numerals.js';
import { AGREEMENT, COMMITMENT } from './documents.fixtures.js';
import type { AgreementDocumentData } from './documents.types.js';
import { COMMITMENTS } from './forms/commitment.form.js';

/** The forms as the regulation prints them (the seed's text from 「保  密  合  約  書」 to the end). */
const SEED_FORMS_RAW = readFileSync(new URL('./fixtures/seed-forms.txt', import.meta.url), 'utf8');
/** The seed carries CJK compatibility ideographs (契 U+F909 for 契 …) from its PDF; NFC unifies them. */
const SEED_FORMS = SEED_FORMS_RAW.normalize('NFC');

const EMPTY_AGREEMENT: AgreementDocumentData = {
  partyA: { name: '' },
  partyB: { name: '' },
  purpose: '',
  termYears: 3,
  court: '臺灣臺北地方法院',
  staff: [],
};

const text = (form: Parameters<typeof layOutForm>[0]) => blockText(layOutForm(form).blocks);
/** Without spaces, line breaks and the seed's letter spacing, to compare wording. */
const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

describe('document templates', () => {
  it('say what the seed says: every line of the seed’s forms is in the templates, blanks aside', () => {
    const rendered = squeeze(
      [
        text({ form: 'agreement', data: EMPTY_AGREEMENT }),
        text({ form: 'commitment', data: { ...COMMITMENT, checked: [] } }),
      ].join(''),
    );
    // Seed lines with blanks to fill (╴╴, runs of spaces) are split at the blanks; each piece must appear.
    const pieces = SEED_FORMS.split('\n')
      .flatMap((line) => line.split(/╴+|\s{3,}/))
      .map((piece) => squeeze(piece).replace(/^□/, ''))
      .filter((piece) => piece !== '');
    // The seed wraps sentences across lines: compare each piece within its sentence, not its line.
    const missing = pieces.filter((piece) => !rendered.includes(piece));
    expect(missing).toEqual([]);
  });

  it('fill the agreement from the data: parties, 事宜, term, penalty, court, ROC date', () => {
    const t = text({ form: 'agreement', data: { ...AGREEMENT, termYears: 5, court: '臺灣新北地方法院' } });
    expect(t).toContain('立 約 人：教育部＜以下簡稱甲方＞');
    expect(t).toContain('好資訊股份有限公司＜以下簡稱乙方＞');
    expect(t).toContain('茲甲方因「校園網路維運服務」委辦案事宜');
    expect(t).toContain('有效期限【五】年');
    // A term that is not a whole number of years is left blank rather than guessed.
    expect(text({ form: 'agreement', data: { ...AGREEMENT, termYears: 2.5 } })).toContain('有效期限【＿＿＿】年');
    // An empty court falls back to the seed's.
    expect(text({ form: 'agreement', data: { ...AGREEMENT, court: ' ' } })).toContain('雙方同意以臺灣臺北地方法院為');
    expect(t).toContain('新臺幣50萬元');
    expect(t).toContain('雙方同意以臺灣新北地方法院為第一審管轄法院');
    expect(t).toContain('中華民國 115 年 11 月 24 日');
    for (const n of ['一', '二', '三', '四', '五', '六', '七']) {
      expect(t).toContain(`第${n}條：`);
    }
  });

  it('leave blanks where data is missing, as the seed does (○○, three blank staff entries, a blank date)', () => {
    const t = text({ form: 'agreement', data: EMPTY_AGREEMENT });
    expect(t).toContain('新臺幣○○萬元');
    expect(t).toContain('立 約 人：＿＿＿＿＿＿＜以下簡稱甲方＞');
    expect(t).toContain('中華民國 ＿＿＿ 年 ＿＿＿ 月 ＿＿＿ 日');
    const staff = text({ form: 'staff_list', data: EMPTY_AGREEMENT });
    expect(staff.match(/姓\u3000名：＿＿＿＿＿＿/g)).toHaveLength(3);
    expect(staff).toContain('三、姓　名：');
    expect(staff).not.toContain('四、');
  });

  it('list the staff in 附件一, appended to the agreement on a new page', () => {
    const { blocks } = layOutForm({ form: 'agreement', data: AGREEMENT });
    const pageBreak = blocks.findIndex((b) => b.kind === 'pageBreak');
    expect(pageBreak).toBeGreaterThan(0);
    expect(blockText(blocks.slice(pageBreak))).toContain('附件一');
    const staff = text({ form: 'staff_list', data: AGREEMENT });
    expect(staff).toContain('一、姓　名：林小華');
    expect(staff).toContain('職　稱：系統工程師');
    expect(staff).toContain('工作簡介：弱點掃描與修補');
  });

  it('tick the commitments given in `checked`, mark 機密等級：機密, and fill the signer block', () => {
    const t = text({ form: 'commitment', data: COMMITMENT });
    expect(t).toContain('機密等級：機密');
    expect(t).toContain('保密承諾書');
    const boxes = t.match(new RegExp(`[${CHECKED}${UNCHECKED}]`, 'g'));
    expect(boxes).toEqual([CHECKED, CHECKED, CHECKED, UNCHECKED, CHECKED, CHECKED]);
    expect(COMMITMENTS).toHaveLength(6);
    expect(t).toContain('緣好資訊股份有限公司（以下簡稱乙方）與教育部於民國115年11月24日簽訂保密合約書');
    expect(t).toContain('參與主合約書內所委任之伺服器維運工作');
    expect(t).toContain('身分證字號：A123456789');
    const lower = { ...COMMITMENT, signer: { ...COMMITMENT.signer, nationalId: ' a123456789 ' } };
    expect(text({ form: 'commitment', data: lower })).toContain('身分證字號：A123456789');
    // Compatibility ideographs typed or pasted into the data are unified (the font lacks 契 U+F909).
    const pasted = text({ form: 'commitment', data: { ...COMMITMENT, work: '\uf909約管理' } });
    expect(pasted).toContain('參與主合約書內所委任之契約管理工作');
    expect(t).toContain('中華民國 115 年 11 月 25 日');
  });

  it('name the files after the form and the party or signer, without path characters', () => {
    expect(layOutForm({ form: 'agreement', data: AGREEMENT }).baseName).toBe('保密合約書_好資訊股份有限公司');
    expect(layOutForm({ form: 'staff_list', data: EMPTY_AGREEMENT }).baseName).toBe('附件一_人員清單');
    const evil = { ...COMMITMENT, signer: { ...COMMITMENT.signer, name: '../王\u0000小明/x' } };
    expect(layOutForm({ form: 'commitment', data: evil }).baseName).toBe('附件二_保密承諾書_.._王小明_x');
  });

  it('write Chinese numerals for clause labels and the term', () => {
    expect([1, 3, 10, 11, 20, 21, 99, 100, 105, 110, 1000, 2026].map(toChineseNumeral)).toEqual([
      '一',
      '三',
      '十',
      '十一',
      '二十',
      '二十一',
      '九十九',
      '一百',
      '一百零五',
      '一百一十',
      '一千',
      '二千零二十六',
    ]);
    expect(() => toChineseNumeral(0)).toThrow(RangeError);
  });
});

describe('embedded fonts', () => {
  it('have a glyph for every character of the forms and the seed text (Noto Sans TC; the ballot boxes in DejaVu Sans)', () => {
    const regular = fontkit.openSync(FONT_FILES.regular()) as fontkit.Font;
    const bold = fontkit.openSync(FONT_FILES.bold()) as fontkit.Font;
    const symbols = fontkit.openSync(FONT_FILES.symbols()) as fontkit.Font;
    const all = [
      SEED_FORMS,
      text({ form: 'agreement', data: AGREEMENT }),
      text({ form: 'agreement', data: EMPTY_AGREEMENT }),
      text({ form: 'commitment', data: COMMITMENT }),
      '0123456789',
    ].join('');
    const chars = [...new Set([...all])].filter((c) => !/\s/.test(c) && c !== CHECKED && c !== UNCHECKED);
    expect(chars.length).toBeGreaterThan(300);
    const cp = (c: string) => c.codePointAt(0) ?? 0;
    expect(chars.filter((c) => !regular.hasGlyphForCodePoint(cp(c)))).toEqual([]);
    expect(chars.filter((c) => !bold.hasGlyphForCodePoint(cp(c)))).toEqual([]);
    expect([CHECKED, UNCHECKED].filter((c) => !symbols.hasGlyphForCodePoint(cp(c)))).toEqual([]);
    // Why the ballot boxes come from a second font: Noto Sans TC has □ (the seed's) but not ☐ ☑.
    expect(regular.hasGlyphForCodePoint(cp(CHECKED))).toBe(false);
  });
});
