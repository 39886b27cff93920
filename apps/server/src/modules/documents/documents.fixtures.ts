import type { AgreementDocumentData, CommitmentDocumentData } from './documents.types.js';

/** Sample data for the document tests and screenshots: a filled-in agreement and commitment. */
export const AGREEMENT: AgreementDocumentData = {
  partyA: {
    name: '教育部',
    representative: '部長 鄭英耀',
    agent: '資訊及科技教育司司長',
    address: '臺北市中正區中山南路5號',
  },
  partyB: { name: '好資訊股份有限公司', representative: '董事長 王大明', address: '臺北市信義區松仁路100號' },
  purpose: '「校園網路維運服務」委辦案',
  termYears: 3,
  penaltyTenThousandNtd: 50,
  court: '臺灣臺北地方法院',
  signedOn: '2026-11-24',
  staff: [
    { name: '林小華', title: '專案經理', work: '專案管理與進度控管' },
    { name: '陳志明', title: '系統工程師', work: '伺服器維運' },
    { name: '張雅婷', title: '資安工程師', work: '弱點掃描與修補' },
  ],
};

export const COMMITMENT: CommitmentDocumentData = {
  partyBName: '好資訊股份有限公司',
  partyAName: '教育部',
  agreementSignedOn: '2026-11-24',
  work: '伺服器維運',
  signer: { name: '陳志明', title: '系統工程師', address: '新北市板橋區文化路一段1號', nationalId: 'A123456789' },
  checked: [true, true, true, false, true, true],
  signedOn: '2026-11-25',
};
