import { rocDateParts } from '@custodian/shared';
import type { AgreementDocumentData, AgreementParty } from '../documents.types.js';
import { type Block, fill, type Inline, seed, SHORT_BLANK } from '../documents.layout.js';
import { toChineseNumeral } from '../documents.numerals.js';

/** The 保密合約書's title; the seed sets it letter-spaced. */
export const AGREEMENT_TITLE = '保密合約書';

/** The seed's court of first instance (第六條), the default of `court`. */
export const DEFAULT_COURT = '臺灣臺北地方法院';

/** 「中華民國 115 年 11 月 24 日」, or the seed's blank 「中華民國 ＿＿＿年＿＿＿月＿＿＿日」. */
export function rocDateLine(day: string | undefined): Inline[] {
  const p = day ? rocDateParts(day) : undefined;
  return [
    seed('中華民國 '),
    fill(p ? String(p.year) : undefined, SHORT_BLANK),
    seed(' 年 '),
    fill(p ? String(p.month) : undefined, SHORT_BLANK),
    seed(' 月 '),
    fill(p ? String(p.day) : undefined, SHORT_BLANK),
    seed(' 日'),
  ];
}

/** A party's lines of the signature block (甲 方 or 乙 方, 代表人, 代理人, 地 址). */
function partyFields(role: string, party: AgreementParty, agentNote: string): Block[] {
  return [
    { kind: 'field', label: `${role}：`, value: [fill(party.name)] },
    { kind: 'field', label: '代表人：', value: [fill(party.representative)], indent: 4 },
    {
      kind: 'field',
      label: '代理人：',
      value: agentNote === '' ? [fill(party.agent)] : [fill(party.agent), seed(agentNote)],
      indent: 4,
    },
    { kind: 'field', label: '地　址：', value: [fill(party.address)] },
  ];
}

/**
 * 保密合約書, 第一條 to 第七條 and the signature block, in the seed's words (the form at the
 * end of the regulation). The caller's data fills the parties, the 事宜, the term 【三】, the
 * penalty 新臺幣○○萬元, the court and the date.
 */
export function agreementBlocks(data: AgreementDocumentData): Block[] {
  // A term that is no whole number of years (from a bad caller) is left blank, never guessed.
  const term =
    Number.isInteger(data.termYears) && data.termYears > 0 && data.termYears < 100
      ? { text: toChineseNumeral(data.termYears), fill: true }
      : fill(undefined, SHORT_BLANK);
  const penalty =
    data.penaltyTenThousandNtd === undefined
      ? seed('○○')
      : { text: data.penaltyTenThousandNtd.toLocaleString('en-US'), fill: true };
  const court = data.court.normalize('NFC').trim() || DEFAULT_COURT;
  return [
    { kind: 'title', text: AGREEMENT_TITLE },
    { kind: 'field', label: '立 約 人：', value: [fill(data.partyA.name), seed('＜以下簡稱甲方＞')] },
    { kind: 'field', label: '', value: [fill(data.partyB.name), seed('＜以下簡稱乙方＞')], indent: 5 },
    {
      kind: 'paragraph',
      inlines: [seed('茲甲方因'), fill(data.purpose), seed('事宜，將交付相關機密資訊，爰訂立本契約，條款如下：')],
    },
    { kind: 'article', label: '第一條：', title: '機密資訊' },
    {
      kind: 'paragraph',
      firstLine: 2,
      inlines: [
        seed(
          '本合約所指之「機密資訊」，乃指甲方基於前開使用目的，直接或間接以口頭或書面告知予乙方之文件（包括但不限於：電子郵件、傳真、郵件等）、資料、物件、技術秘訣 Know How、儲存系統暨拓樸圖、相關解決方案暨架構、系統安全管理政策或其他與甲方營業秘密相關或本質上屬於機密之資料文件。',
        ),
      ],
    },
    { kind: 'article', label: '第二條：', title: '保密義務' },
    {
      kind: 'clause',
      label: '一、',
      inlines: [
        seed(
          '除為履行本契約或為法規命令之要求外，乙方不得洩露「機密資訊」予第三者。乙方應知「機密資訊」範圍，並應讓必須知道「機密資訊」之受僱人或其外包廠商，知其有保密之義務，且於向該受僱人透露「機密資訊」前，需先取得該受僱人簽署之同意受此保密義務條款拘束之書面文件或契約（附件二），作為本約之附件，並視為本約之一部份。',
        ),
      ],
    },
    {
      kind: 'clause',
      label: '二、',
      inlines: [
        seed(
          '為切實有效執行本條第一款之規定，乙方應制定機密文件管理辦法，對上述「機密資訊」之使用、查閱、複印等，需有完善之控管及紀錄，並將公司對外對內之往返電子郵件紀錄，保存至少六個月以上。甲方對上述之紀錄有權於任何時間，至乙方處進行不定期之稽查。',
        ),
      ],
    },
    {
      kind: 'clause',
      label: '三、',
      inlines: [seed('本合約規範之保密義務自該等「機密資訊」揭露後起算至該機密資訊合法揭露於公眾為止。')],
    },
    {
      kind: 'article',
      label: '第三條：',
      body: [
        seed(
          '本契約到期或終止時，乙方應將所有「機密資訊」和其根據本約所製造之產品及其複製品返還予甲方。乙方同意於本契約到期或終止後，絕不使用該「機密資訊」，且使經由乙方而獲得「機密資訊」之受僱人、外包廠商(附件一)等，絕不再使用該「機密資訊」。',
        ),
      ],
    },
    { kind: 'article', label: '第四條：', title: '契約期限及終止' },
    {
      kind: 'clause',
      label: '一、',
      inlines: [seed('本契約自簽約日起生效，有效期限【'), term, seed('】年。')],
    },
    {
      kind: 'clause',
      label: '二、',
      inlines: [seed('雙方得以書面方式終止本合約，其終止之效力應自收到書面通知後三十日起算。')],
    },
    {
      kind: 'clause',
      label: '三、',
      inlines: [seed('本契約第二條所定之保密義務，不因本契約終止或屆滿而失效。')],
    },
    { kind: 'article', label: '第五條：', title: '罰則' },
    {
      kind: 'paragraph',
      firstLine: 2,
      inlines: [
        seed(
          '乙方如違反本保密承諾書之約定，甲方得就因此所生之實際損害數額，請求乙方賠償。甲方因此支出相關法律顧問、律師公費及訴訟、執行費用，由乙方全額負擔。乙方另應給付甲方新臺幣',
        ),
        penalty,
        seed('萬元作為懲罰性違約金，並保留法律追訴權，乙方不得異議。'),
      ],
    },
    { kind: 'article', label: '第六條：', title: '準據法與管轄法院' },
    {
      kind: 'paragraph',
      firstLine: 2,
      inlines: [
        seed(
          '本契約之解釋、效力、履行及其他未盡事宜，悉依中華民國法律為準。當事人間因本契約或違反本契約所致之任何糾紛或爭議，雙方同意以',
        ),
        { text: court, fill: court !== DEFAULT_COURT },
        seed('為第一審管轄法院。'),
      ],
    },
    { kind: 'article', label: '第七條：', title: '完整契約' },
    {
      kind: 'paragraph',
      firstLine: 2,
      inlines: [
        seed(
          '甲乙雙方就本契約工作所做成之書面，如訂單、採購單等，為本契約之附件，並視為本契約之一部份。本契約之權利義務之免除、限制、轉讓、增刪、修正或修改，應由雙方合法授權之代表人以書面簽署之文件為之。',
        ),
      ],
    },
    {
      kind: 'paragraph',
      firstLine: 2,
      inlines: [seed('本契約壹式兩份，由甲乙雙方簽署後生效，雙方各執一份為憑。')],
    },
    { kind: 'spacer' },
    { kind: 'paragraph', inlines: [seed('立約人')] },
    ...partyFields('甲　方', data.partyA, ''),
    ...partyFields('乙　方', data.partyB, '（無則免填）'),
    { kind: 'spacer' },
    { kind: 'paragraph', align: 'right', inlines: rocDateLine(data.signedOn) },
  ];
}
