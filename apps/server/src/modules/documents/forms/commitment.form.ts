import { normaliseNationalId, rocDateParts } from '@custodian/shared';
import type { CommitmentDocumentData } from '../documents.types.js';
import { type Block, fill, seed, SHORT_BLANK } from '../documents.layout.js';
import { rocDateLine } from './agreement.form.js';

/** The 附件二 title; the seed sets it letter-spaced. */
export const COMMITMENT_TITLE = '保密承諾書';

/** 附件二's classification mark. */
export const COMMITMENT_CLASSIFICATION = '機密等級：機密';

/**
 * The six commitments of 附件二, word for word (the seed breaks the first after 「網站」; here
 * a space). The agreements module keeps the version of the text a person accepted; it
 * should render from the same list.
 */
export const COMMITMENTS: readonly string[] = [
  '本人已詳讀「教育部本部資訊安全管理規範」(登載於教育部網站 http://www.edu.tw 下方)，並於執行任務時願配合相關安全規定。',
  '不擅自使用或破壞未經甲方授權之資料、文件、設備。',
  '不私自透過網路或任何媒體連接至未經甲方授權之資訊系統或網路設施，禁止使用本部(含學術)網路干擾、破壞、或影響網路上其他使用者或節點之軟硬體系統。散佈電腦病毒、嘗試侵入未經授權使用之電腦系統、以網路管理工具或軟體癱瘓網路、以電子郵件等方式大量傳送廣告信、或其它類似之情形者，皆在禁止範圍內。',
  '執行任務期間所取得之資料僅係為完成委託工作之目的而使用，決不作其他用途且不會將任何資料洩漏予其他人員或單位。',
  '任務完成或關係終止時，亦不洩漏任何資料予其他人員或單位。',
  '如違反以上承諾，造成安全上之事件發生時，願負實質賠償損害之責任。',
];

/** 附件二 保密承諾書 for one person. */
export function commitmentBlocks(data: CommitmentDocumentData): Block[] {
  const agreed = data.agreementSignedOn ? rocDateParts(data.agreementSignedOn) : undefined;
  return [
    { kind: 'banner', left: '附件二', right: COMMITMENT_CLASSIFICATION },
    { kind: 'title', text: COMMITMENT_TITLE },
    {
      kind: 'paragraph',
      firstLine: 2,
      inlines: [
        seed('緣'),
        fill(data.partyBName),
        seed('（以下簡稱乙方）與'),
        fill(data.partyAName),
        seed('於民國'),
        fill(agreed ? String(agreed.year) : undefined, SHORT_BLANK),
        seed('年'),
        fill(agreed ? String(agreed.month) : undefined, SHORT_BLANK),
        seed('月'),
        fill(agreed ? String(agreed.day) : undefined, SHORT_BLANK),
        seed('日簽訂保密合約書（以下簡稱主合約）。茲因乙方指定本人參與主合約書內所委任之'),
        fill(data.work),
        seed(
          '工作，本人特此同意並承認前述主合約書內所訂之「機密資訊」係貴單位之機密資料，而該資料僅係為完成委任工作之目的而透露予本人。',
        ),
      ],
    },
    {
      kind: 'paragraph',
      firstLine: 2,
      inlines: [
        seed(
          '本人並同意遵守且履行乙方在主合約書中有關本資料保密之責任與義務且本人及執行任務人員同意遵守下列各項保密約定：（閱讀完畢請勾選）',
        ),
      ],
    },
    ...COMMITMENTS.map((text, i): Block => ({
      kind: 'check',
      checked: data.checked[i] === true,
      inlines: [seed(text)],
    })),
    { kind: 'spacer' },
    { kind: 'paragraph', firstLine: 2, inlines: [seed('此致')] },
    { kind: 'paragraph', inlines: [fill(data.partyAName)] },
    { kind: 'spacer' },
    // Signed by hand (or confirmed in the app); the name is on the next line.
    { kind: 'field', label: '立切結書人：', value: [fill(undefined)] },
    { kind: 'field', label: '姓　名：', value: [fill(data.signer.name)] },
    { kind: 'field', label: '職　稱：', value: [fill(data.signer.title)] },
    { kind: 'field', label: '住　址：', value: [fill(data.signer.address)] },
    { kind: 'field', label: '身分證字號：', value: [fill(normaliseNationalId(data.signer.nationalId))] },
    { kind: 'spacer' },
    { kind: 'paragraph', align: 'right', inlines: rocDateLine(data.signedOn) },
  ];
}
