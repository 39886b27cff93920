import { definePolicyValueSection, clauseListRule } from '../policy-descriptors.js';
import type { ClauseRule } from '../policy-clauses.js';

const clause = (
  code: string,
  item: string,
  zhTitle: string,
  enTitle: string,
  zhDesc: string,
  enDesc: string,
  allowNotApplicable = false,
): ClauseRule => ({
  code,
  item,
  title: { 'zh-TW': zhTitle, en: enTitle },
  description: { 'zh-TW': zhDesc, en: enDesc },
  required: true,
  allowNotApplicable,
});

/**
 * The clause checklist of version 1, taken from the regulation's text (shared/seeds): the
 * contract clauses of items 七, 九, 十二(一)–(五), 十三 and 四十二.
 */
const VERSION_1_CLAUSES: ClauseRule[] = [
  clause(
    'item12_1',
    '十二(一)',
    '機密性、敏感性或關鍵性之應用系統項目',
    'Confidential, sensitive or critical system items',
    '契約應列明涉及機密性、敏感性或關鍵性之應用系統項目。',
    'The contract names the application systems that are confidential, sensitive or critical.',
  ),
  clause(
    'item12_2',
    '十二(二)',
    '應經核准始得執行之事項',
    'Matters requiring approval',
    '契約應列明應經核准始得執行之事項。',
    'The contract lists the matters that may be carried out only with approval.',
  ),
  clause(
    'item12_3',
    '十二(三)',
    '配合本部營運持續運作（BCM）計畫',
    "Cooperation with the Ministry's BCM plan",
    '契約應說明受補助或委辦單位如何配合執行本部營運持續運作計畫。',
    "The contract says how the unit cooperates in the Ministry's business continuity plan.",
  ),
  clause(
    'item12_4',
    '十二(四)',
    '資訊安全規範、標準及評鑑程序',
    'Security standards and their assessment',
    '契約應列明應遵守之資訊安全規範及標準，以及評鑑遵守情形之衡量及評估作業程序。',
    'The contract names the security rules and standards to follow and how compliance is measured and assessed.',
  ),
  clause(
    'item12_5',
    '十二(五)',
    '資安事件（含個資）處理及通報責任',
    'Incident handling and reporting duties',
    '契約應列明處理及通報資訊安全（包括違反個人資料保護法）事件之責任及作業程序。',
    'The contract sets the duties and procedures for handling and reporting security incidents, including personal-data breaches.',
  ),
  clause(
    'item7_bcm',
    '七',
    '營運持續管理（BCM）計畫',
    'Business continuity management (BCM) plan',
    '契約條款應包含營運持續管理計畫。',
    'The contract includes a business continuity management plan.',
  ),
  clause(
    'item7_sla',
    '七',
    '服務水準協議（SLA）',
    'Service level agreement (SLA)',
    '契約應要求服務水準協議。',
    'The contract requires a service level agreement.',
  ),
  clause(
    'item7_rto_rpo',
    '七',
    'RTO 與 RPO 定義',
    'RTO and RPO defined',
    '契約應定義復原時間目標（RTO）及復原點目標（RPO）。',
    'The contract defines the recovery time objective (RTO) and recovery point objective (RPO).',
  ),
  clause(
    'item9_testing',
    '九',
    '安全性檢測要求及經費',
    'Security testing requirements and budget',
    '契約應納入安全性檢測（弱點掃描、滲透測試）要求，並規劃適當經費。',
    'The contract includes security testing (vulnerability scanning, penetration testing) with a budget.',
  ),
  clause(
    'item9_personal_data',
    '九',
    '個人資料類別、目的及法規依據',
    'Personal data categories, purpose and legal basis',
    '涉及個人資料者，契約應納入資料類別、蒐集目的及法規依據。',
    'Where personal data is involved, the contract states its categories, purpose and legal basis.',
    true,
  ),
  clause(
    'item13_exit',
    '十三',
    '下線或停止服務之退場機制',
    'Exit mechanism',
    '契約應預作下線或停止服務等退場機制，並詳述雙方權利與義務。',
    'The contract provides for taking the system offline or ending the service, with each party’s rights and duties.',
  ),
  clause(
    'item13_retention',
    '十三',
    '保留原始契約及源碼',
    'Retention of contracts and source code',
    '契約應規定保留所有原始契約及源碼（source code）。',
    'The contract requires all original contracts and the source code to be retained.',
  ),
  clause(
    'item42_scanning',
    '四十二',
    '弱點掃描、修補之執行及經費',
    'Vulnerability scanning and remediation funding',
    '契約應明訂上線前及定期弱點掃描與修補之執行事宜及經費。',
    'The contract sets out vulnerability scanning and remediation before launch and periodically, with its funding.',
  ),
];

/**
 * The contracts module's section: the security clauses a commissioning contract must
 * contain, judged by `modules/contracts/contracts.compliance.ts`. Stored as the top-level
 * `contractClauses` list, the shape version 1 used.
 */
export const contractClausesSection = definePolicyValueSection({
  key: 'contractClauses',
  module: 'contracts',
  titleKey: 'contracts.policyRules.title',
  description: 'Security clauses a contract must contain',
  rule: clauseListRule({
    labelKey: 'contracts.policyRules.clauses',
    item: '七、九、十二、十三、四十二',
    description: 'Security clauses a contract must contain',
    version1: VERSION_1_CLAUSES,
  }),
});
