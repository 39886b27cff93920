import { z } from 'zod';
import { DateInputSchema } from './dates.js';
import { textField } from './text.js';
import { PageQuerySchema } from './pagination.js';

/** A text in both interface languages. */
export const LocalisedTextSchema = z.object({
  'zh-TW': z.string().trim().min(1).max(500).describe('Traditional Chinese text'),
  en: z.string().trim().min(1).max(500).describe('English text'),
});
export type LocalisedText = z.infer<typeof LocalisedTextSchema>;

/** ISO calendar date (YYYY-MM-DD) that exists on the calendar, as responses carry it; inputs use DateInputSchema. */
export const IsoDateSchema = z.iso.date().describe('Calendar date, YYYY-MM-DD');

/** One security clause a commissioning contract must contain (items 七, 九, 十二, 十三, 四十二). */
export const ClauseRuleSchema = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9_]{2,40}$/)
    .describe('Stable clause code, e.g. item12_1'),
  /** The regulation item it comes from, as printed: 十二(一), 七, 四十二. */
  item: z.string().trim().min(1).max(20).describe('Regulation item, e.g. 十二(一)'),
  title: LocalisedTextSchema.describe('Short title'),
  description: LocalisedTextSchema.describe('What the contract must say'),
  required: z.boolean().describe('A contract lacking it is non-compliant'),
  allowNotApplicable: z.boolean().describe('Whether "not applicable" satisfies the rule'),
});
export type ClauseRule = z.infer<typeof ClauseRuleSchema>;

/** The rule set: every number or list the regulation sets, as data (ADR 0008). */
export const PolicyRulesSchema = z
  .object({
    contractClauses: z
      .array(ClauseRuleSchema)
      .min(1)
      .superRefine((list, ctx) => {
        // Point at the repeated entry, so a form can mark the clause that clashes.
        const seen = new Set<string>();
        list.forEach((c, index) => {
          if (seen.has(c.code)) {
            ctx.addIssue({ code: 'custom', message: 'duplicate clause code', path: [index, 'code'] });
          }
          seen.add(c.code);
        });
      })
      .describe('Security clauses a contract must contain'),
    allocations: z
      .object({
        maxYears: z.number().int().min(1).max(10).describe('Longest domain/IP allocation period, in years (item 十一)'),
      })
      .describe('Domain and IP allocations (item 十一)'),
    contacts: z
      .object({
        reconfirmIntervalMonths: z
          .number()
          .int()
          .min(1)
          .max(36)
          .describe('Contacts must be re-confirmed this often, in months (item 十)'),
      })
      .describe('System contacts (item 十)'),
    vendorQualifications: z
      .object({
        expiryWarningDays: z
          .number()
          .int()
          .min(0)
          .max(365)
          .describe('Warn this many days before a certificate expires (item 三十九)'),
      })
      .describe('Vendor due diligence (item 三十九)'),
  })
  .describe('Rule set of one policy version');
export type PolicyRules = z.infer<typeof PolicyRulesSchema>;

export const PolicyVersionSchema = z.object({
  id: z.uuid().describe('Version id'),
  version: z.number().int().describe('Sequential version number'),
  effectiveFrom: IsoDateSchema.describe('First day the rules apply'),
  rules: PolicyRulesSchema,
  notes: z.string().describe('What changed'),
  publishedBy: z.uuid().nullable().describe('User who published it; null for the shipped first version'),
  publishedByName: z.string().nullable().describe('Name of that user'),
  createdAt: z.string().describe('Publication time (ISO 8601, UTC)'),
  isCurrent: z.boolean().describe('Whether this is the version in force today'),
});
export type PolicyVersion = z.infer<typeof PolicyVersionSchema>;

export const PolicyPublishSchema = z.object({
  effectiveFrom: DateInputSchema.describe('First day the new rules apply; not before the current version'),
  rules: PolicyRulesSchema,
  notes: textField(2000).describe('What changed, e.g. the amendment it follows'),
});
export type PolicyPublishInput = z.infer<typeof PolicyPublishSchema>;

/** Where a version stands today: in force, published for a later date, or replaced. */
export const POLICY_VERSION_STATUSES = ['current', 'scheduled', 'superseded'] as const;
export const PolicyVersionStatusSchema = z
  .enum(POLICY_VERSION_STATUSES)
  .describe('current: in force today; scheduled: takes effect later; superseded: replaced by a later version');
export type PolicyVersionStatus = z.infer<typeof PolicyVersionStatusSchema>;

/** How many records were judged by a version (their policy_version_id). */
export const PolicyVersionUsageSchema = z
  .object({
    contracts: z.number().int().describe('Contracts whose clause checklist is judged by this version'),
    systems: z.number().int().describe('Systems whose contact re-confirmation follows this version'),
    allocations: z.number().int().describe('Domain/IP allocations whose period was set by this version'),
  })
  .describe('Records that point at this version');
export type PolicyVersionUsage = z.infer<typeof PolicyVersionUsageSchema>;

/** A version as the policy pages list and show it. */
export const PolicyVersionDetailSchema = PolicyVersionSchema.extend({
  status: PolicyVersionStatusSchema,
  usage: PolicyVersionUsageSchema,
});
export type PolicyVersionDetail = z.infer<typeof PolicyVersionDetailSchema>;

/** The rule set in force today, and any version already published for a later date. */
export const PolicyCurrentSchema = PolicyVersionSchema.extend({
  scheduled: z
    .array(
      z.object({
        id: z.uuid().describe('Version id'),
        version: z.number().int().describe('Version number'),
        effectiveFrom: IsoDateSchema.describe('Day it takes effect'),
      }),
    )
    .describe('Versions published to take effect after today, earliest first'),
});
export type PolicyCurrent = z.infer<typeof PolicyCurrentSchema>;

export const PolicyVersionListQuerySchema = PageQuerySchema.omit({ q: true });
export type PolicyVersionListQuery = z.infer<typeof PolicyVersionListQuerySchema>;

/** A number of the rule set, by its path: `allocations.maxYears`. */
export const POLICY_NUMBER_PATHS = [
  'allocations.maxYears',
  'contacts.reconfirmIntervalMonths',
  'vendorQualifications.expiryWarningDays',
] as const;
export type PolicyNumberPath = (typeof POLICY_NUMBER_PATHS)[number];

/** The value of one number of a rule set. */
export function policyNumber(rules: PolicyRules, path: PolicyNumberPath): number {
  switch (path) {
    case 'allocations.maxYears':
      return rules.allocations.maxYears;
    case 'contacts.reconfirmIntervalMonths':
      return rules.contacts.reconfirmIntervalMonths;
    case 'vendorQualifications.expiryWarningDays':
      return rules.vendorQualifications.expiryWarningDays;
  }
}

/** What a new rule set changes against the one it follows. */
export type PolicyRulesDiff = {
  clausesAdded: string[];
  clausesRemoved: string[];
  /** Clauses kept under the same code whose item, texts or flags changed. */
  clausesChanged: string[];
  numbersChanged: { path: PolicyNumberPath; from: number; to: number }[];
};

/** Whether two clauses say the same (item, texts in both languages, flags). */
export function isSameClause(a: ClauseRule, b: ClauseRule): boolean {
  return (
    a.item === b.item &&
    a.required === b.required &&
    a.allowNotApplicable === b.allowNotApplicable &&
    a.title['zh-TW'] === b.title['zh-TW'] &&
    a.title.en === b.title.en &&
    a.description['zh-TW'] === b.description['zh-TW'] &&
    a.description.en === b.description.en
  );
}

/**
 * The changes from one rule set to the next: clause codes added, removed or edited, and
 * numbers changed. The server records it in the `policy.publish` audit event; the web app
 * shows the same summary before publishing.
 */
export function diffPolicyRules(before: PolicyRules, after: PolicyRules): PolicyRulesDiff {
  const old = new Map(before.contractClauses.map((c) => [c.code, c]));
  const next = new Map(after.contractClauses.map((c) => [c.code, c]));
  return {
    clausesAdded: after.contractClauses.filter((c) => !old.has(c.code)).map((c) => c.code),
    clausesRemoved: before.contractClauses.filter((c) => !next.has(c.code)).map((c) => c.code),
    clausesChanged: after.contractClauses
      .filter((c) => {
        const previous = old.get(c.code);
        return previous !== undefined && !isSameClause(previous, c);
      })
      .map((c) => c.code),
    numbersChanged: POLICY_NUMBER_PATHS.flatMap((path) => {
      const from = policyNumber(before, path);
      const to = policyNumber(after, path);
      return from === to ? [] : [{ path, from, to }];
    }),
  };
}

/** Whether a diff changes nothing at all. */
export function isEmptyPolicyDiff(diff: PolicyRulesDiff): boolean {
  return (
    diff.clausesAdded.length === 0 &&
    diff.clausesRemoved.length === 0 &&
    diff.clausesChanged.length === 0 &&
    diff.numbersChanged.length === 0
  );
}

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
 * Version 1 of the rule set, taken from the regulation's text (shared/seeds): the contract
 * clauses of items 七, 九, 十二(一)–(五), 十三 and 四十二; three-year allocations (item 十一);
 * yearly contact confirmation (item 十).
 */
export const INITIAL_POLICY_RULES: PolicyRules = {
  contractClauses: [
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
  ],
  allocations: { maxYears: 3 },
  contacts: { reconfirmIntervalMonths: 12 },
  vendorQualifications: { expiryWarningDays: 60 },
};

/** Effective date of version 1: the platform's baseline, not a claim about the amendment date. */
export const INITIAL_POLICY_EFFECTIVE_FROM = '2020-01-01';
