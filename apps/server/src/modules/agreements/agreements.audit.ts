import { namesByIds } from '../../db/names.js';
import { agreementCommitments, agreements } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of confidentiality agreements and commitments (ADR 0018). */
export const agreementsAudit = defineAudit({
  actions: {
    'agreement.create': { 'zh-TW': '新增保密合約書', en: 'Confidentiality agreement added' },
    'agreement.update': { 'zh-TW': '更新保密合約書', en: 'Confidentiality agreement updated' },
    'agreement.delete': { 'zh-TW': '刪除保密合約書', en: 'Confidentiality agreement deleted' },
    'agreement.generate': { 'zh-TW': '產生保密合約書文件', en: 'Confidentiality agreement document generated' },
    'agreement.sign': { 'zh-TW': '登錄保密合約書簽署', en: 'Confidentiality agreement signature recorded' },
    'agreement_staff.create': { 'zh-TW': '新增附件一人員', en: 'Person added to the staff list (Annex 1)' },
    'agreement_staff.update': { 'zh-TW': '更新附件一人員', en: 'Person on the staff list (Annex 1) updated' },
    'agreement_staff.delete': { 'zh-TW': '移除附件一人員', en: 'Person removed from the staff list (Annex 1)' },
    'agreement_commitment.create': { 'zh-TW': '新增保密承諾書', en: 'Confidentiality commitment added' },
    'agreement_commitment.update': { 'zh-TW': '更新保密承諾書', en: 'Confidentiality commitment updated' },
    'agreement_commitment.delete': { 'zh-TW': '刪除保密承諾書', en: 'Confidentiality commitment deleted' },
    'agreement_commitment.sign': { 'zh-TW': '登錄保密承諾書簽署', en: 'Confidentiality commitment signature recorded' },
    'agreement_commitment.confirm': {
      'zh-TW': '線上確認保密承諾書',
      en: 'Confidentiality commitment confirmed online',
    },
    'agreement_commitment.document': {
      'zh-TW': '產生保密承諾書文件',
      en: 'Confidentiality commitment document generated',
    },
    'agreement_commitment.reveal': { 'zh-TW': '檢視完整身分證字號', en: 'National ID number revealed' },
  },
  targets: {
    agreement: {
      label: { 'zh-TW': '保密合約書', en: 'Confidentiality agreement' },
      names: (db, ids) => namesByIds(db, { table: agreements, id: agreements.id, name: agreements.purpose }, ids),
      link: '/agreements/:id',
    },
    agreement_commitment: {
      label: { 'zh-TW': '保密承諾書', en: 'Confidentiality commitment' },
      names: (db, ids) =>
        namesByIds(
          db,
          {
            table: agreementCommitments,
            id: agreementCommitments.id,
            name: agreementCommitments.name,
            parent: agreementCommitments.agreementId,
          },
          ids,
        ),
      link: '/agreements/:parentId?tab=commitments',
    },
  },
});
