/**
 * The contract between the document generator (`modules/documents/`, one module that the
 * agreements, incident reports and compliance reports reuse) and its callers. A caller
 * passes plain data; the generator owns templates, ROC dates, the embedded CJK font and the
 * DOCX and PDF output. Nothing here touches the database.
 */

export type DocumentFormat = 'docx' | 'pdf';

/** A party of a 保密合約書 (甲方 or 乙方). Empty strings render as blanks to fill by hand. */
export type AgreementParty = {
  name: string;
  representative?: string;
  /** 代理人; 乙方's is 「無則免填」. */
  agent?: string;
  address?: string;
};

/** One line of 附件一. */
export type AgreementStaffLine = { name: string; title: string; work: string };

/** Everything the 保密合約書 and its 附件一 need. Dates are `YYYY-MM-DD` (Taipei calendar days). */
export type AgreementDocumentData = {
  partyA: AgreementParty;
  partyB: AgreementParty;
  /** 「茲甲方因 … 事宜」 */
  purpose: string;
  /** 第四條 一「有效期限【三】年」: the term in force by policy when the agreement was made. */
  termYears: number;
  /** 第五條 「新臺幣○○萬元」 in units of 萬元; absent renders the blank 「○○」. */
  penaltyTenThousandNtd?: number;
  /** 第六條: the court of first instance; the seed's 臺灣臺北地方法院 by default. */
  court: string;
  /** Signing date; absent renders the blank 「中華民國 ╴╴年╴╴月╴╴日」. */
  signedOn?: string;
  /** 附件一; an empty list renders three blank entries as the seed does. */
  staff: AgreementStaffLine[];
};

/** Everything one 附件二 保密承諾書 needs. */
export type CommitmentDocumentData = {
  /** 乙方 */
  partyBName: string;
  /** 甲方 */
  partyAName: string;
  /** The main agreement's signing date (「於民國 … 簽訂保密合約書」). */
  agreementSignedOn?: string;
  /** The work the person is assigned to (「參與主合約書內所委任之 … 工作」). */
  work: string;
  signer: {
    name: string;
    title: string;
    address: string;
    /**
     * Plain 身分證字號 / resident-certificate number, decrypted by the caller only to
     * render the signer's own form; the generator never logs or stores it.
     */
    nationalId: string;
  };
  /** Which of the six commitments are ticked (index 0–5); all six when confirmed. */
  checked: boolean[];
  /** Date of the commitment; absent renders blanks. */
  signedOn?: string;
};

export type AgreementForm =
  | { form: 'agreement'; data: AgreementDocumentData } // 保密合約書 with 附件一 appended
  | { form: 'staff_list'; data: AgreementDocumentData } // 附件一 alone
  | { form: 'commitment'; data: CommitmentDocumentData }; // 附件二

/** Renders a form; resolves to the file's bytes, with its MIME type and a file name (zh-TW). */
export type RenderForm = (
  form: AgreementForm,
  format: DocumentFormat,
) => Promise<{ bytes: Buffer; contentType: string; fileName: string }>;
