import type { AgreementDocumentData, AgreementStaffLine } from '../documents.types.js';
import { type Block, fill, seed } from '../documents.layout.js';
import { toChineseNumeral } from '../documents.numerals.js';

/** How many blank entries 附件一 shows when no staff are listed, as the seed does. */
export const BLANK_STAFF_ENTRIES = 3;

/** 附件一: the 乙方 staff and other people on the contract, name, title and work. */
export function staffListBlocks(data: AgreementDocumentData): Block[] {
  const blank: AgreementStaffLine = { name: '', title: '', work: '' };
  const staff = data.staff.length > 0 ? data.staff : Array.from({ length: BLANK_STAFF_ENTRIES }, () => blank);
  return [
    { kind: 'banner', left: '附件一' },
    { kind: 'paragraph', inlines: [seed('參與本契約相關工作之乙方員工及其他相關人員如下：')] },
    ...staff.flatMap((line, i): Block[] => [
      { kind: 'field', label: `${toChineseNumeral(i + 1)}、姓\u3000名：`, value: [fill(line.name)], indent: 2 },
      { kind: 'field', label: '職　稱：', value: [fill(line.title)], indent: 4 },
      { kind: 'field', label: '工作簡介：', value: [fill(line.work)], indent: 4 },
      { kind: 'spacer' },
    ]),
  ];
}
