import type { AgreementForm } from './documents.types.js';
import type { Block } from './documents.layout.js';
import { agreementBlocks } from './forms/agreement.form.js';
import { commitmentBlocks } from './forms/commitment.form.js';
import { staffListBlocks } from './forms/staff-list.form.js';

/** A form laid out: its blocks and the file name (without extension) it is saved under. */
export type LaidOutForm = { blocks: Block[]; baseName: string };

/** Characters a file name must not carry (path separators, Windows' reserved ones). */
const UNSAFE_FILE_NAME = /[\\/:*?"<>|]+/g;

/** A party's or person's name made safe for a file name: no separators or control characters. */
function safeName(text: string): string {
  const printable = [...text].filter((c) => c >= ' ').join('');
  return printable.replace(UNSAFE_FILE_NAME, '_').trim().slice(0, 60);
}

/** The blocks of a form, in the seed's order: the agreement carries 附件一 on a new page. */
export function layOutForm(form: AgreementForm): LaidOutForm {
  switch (form.form) {
    case 'agreement': {
      const party = safeName(form.data.partyB.name);
      return {
        blocks: [...agreementBlocks(form.data), { kind: 'pageBreak' }, ...staffListBlocks(form.data)],
        baseName: party === '' ? '保密合約書' : `保密合約書_${party}`,
      };
    }
    case 'staff_list': {
      const party = safeName(form.data.partyB.name);
      return {
        blocks: staffListBlocks(form.data),
        baseName: party === '' ? '附件一_人員清單' : `附件一_人員清單_${party}`,
      };
    }
    case 'commitment': {
      const signer = safeName(form.data.signer.name);
      return {
        blocks: commitmentBlocks(form.data),
        baseName: signer === '' ? '附件二_保密承諾書' : `附件二_保密承諾書_${signer}`,
      };
    }
  }
}
