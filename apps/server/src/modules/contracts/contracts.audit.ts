import { sql } from 'drizzle-orm';
import { namesByIds } from '../../db/names.js';
import { contracts, riskAssessments } from '../../db/schema/index.js';
import { defineAudit } from '../audit/audit.labels.js';

/** Audit labels of commissioned projects (委辦案), their clauses, notices and risk assessments (ADR 0018). */
export const contractsAudit = defineAudit({
  actions: {
    'contract.create': { 'zh-TW': '新增委辦案', en: 'Contract created' },
    'contract.update': { 'zh-TW': '更新委辦案', en: 'Contract updated' },
    'contract.clauses_update': { 'zh-TW': '更新契約資安條款', en: 'Contract clauses updated' },
    'contract.reevaluate': { 'zh-TW': '依現行規則重新檢核', en: 'Re-checked against the current rules' },
    'contract.duty_notice_send': { 'zh-TW': '寄送資安責任書面通知', en: 'Security duty notice sent' },
    'contract.duty_notice_acknowledge': { 'zh-TW': '簽收資安責任書面通知', en: 'Security duty notice acknowledged' },
    'contract.risk_assessment_create': { 'zh-TW': '新增委外風險評估', en: 'Risk assessment added' },
    'contract.risk_assessment_update': { 'zh-TW': '更新委外風險評估', en: 'Risk assessment updated' },
  },
  targets: {
    contract: {
      label: { 'zh-TW': '委辦案', en: 'Contract' },
      names: (db, ids) => namesByIds(db, { table: contracts, id: contracts.id, name: contracts.name }, ids),
      link: '/contracts/:id',
    },
    risk_assessment: {
      label: { 'zh-TW': '委外風險評估', en: 'Risk assessment' },
      names: (db, ids) =>
        namesByIds(
          db,
          {
            table: riskAssessments,
            id: riskAssessments.id,
            name: sql<string>`(select ${contracts.name} from ${contracts} where ${contracts.id} = ${riskAssessments.contractId})`,
            parent: riskAssessments.contractId,
          },
          ids,
        ),
      link: '/contracts/:parentId',
    },
  },
});
