import { beforeAll, describe, expect, it } from 'vitest';
import i18next, { type i18n as I18n } from 'i18next';
import {
  definePolicySection,
  diffPolicyRules,
  durationRule,
  integerRule,
  INITIAL_POLICY_RULES,
  policyDescriptorsOf,
  POLICY_SECTIONS,
  PolicyRulesSchema,
  policyRulesSchemaOf,
  recurrenceRule,
  tableRule,
} from '@custodian/shared';
import { en, zhTW, type Tree } from '../../locales/index.js';
import {
  assembleRules,
  describeChange,
  describeRules,
  formatDuration,
  formatRecurrence,
  usageTexts,
} from './rule-values.js';

/*
 * A section added after version 1, with a duration, a recurrence and a table by severity,
 * next to the real registry. Its labels live in these test resources, as a module's would
 * in its locale files.
 */
const scansSection = definePolicySection({
  key: 'scans',
  module: 'scans',
  titleKey: 'scans.policyRules.title',
  description: 'A section added after version 1',
  fields: {
    reportWithin: durationRule({
      min: 'P1D',
      max: 'P2Y',
      labelKey: 'scans.policyRules.reportWithin',
      item: '四十二',
      description: 'Report within',
    }),
    every: recurrenceRule({
      frequencies: ['MONTHLY', 'YEARLY'],
      labelKey: 'scans.policyRules.every',
      item: '四十二',
      description: 'Scan this often',
    }),
    daysToFix: tableRule({
      keys: ['critical', 'high'],
      keyLabelKey: 'scans.severities',
      cell: { kind: 'duration', min: 'P1D', max: 'P180D' },
      labelKey: 'scans.policyRules.daysToFix',
      item: '四十二',
      description: 'Fix within, by severity',
    }),
    retries: integerRule({
      unit: 'days',
      min: 0,
      max: 9,
      labelKey: 'scans.policyRules.retries',
      item: '四十二',
      description: 'Retries',
    }),
  },
});
const SECTIONS = [...POLICY_SECTIONS, scansSection] as const;
const Schema = policyRulesSchemaOf(SECTIONS);

const scansLocale = {
  zh: {
    policyRules: {
      title: '弱點掃描',
      reportWithin: '掃描報告期限',
      every: '掃描頻率',
      daysToFix: '修補期限',
      retries: '重試',
    },
    severities: { critical: '嚴重', high: '高' },
  },
  en: {
    policyRules: {
      title: 'Scans',
      reportWithin: 'Report within',
      every: 'Scan frequency',
      daysToFix: 'Fix within',
      retries: 'Retries',
    },
    severities: { critical: 'Critical', high: 'High' },
  },
};

async function translator(language: 'zh-TW' | 'en'): Promise<I18n> {
  const instance = i18next.createInstance();
  await instance.init({
    lng: language,
    resources: {
      'zh-TW': { translation: { ...zhTW, scans: scansLocale.zh } },
      en: { translation: { ...en, scans: scansLocale.en } },
    },
    interpolation: { escapeValue: false },
  });
  return instance;
}

describe('the rule set in words', () => {
  let zh: I18n;
  let english: I18n;

  beforeAll(async () => {
    zh = await translator('zh-TW');
    english = await translator('en');
  });

  it('says a section an old version lacks was not in force on that date, inventing no value', () => {
    // Version 1 as every database stores it: no scans section.
    const old = Schema.parse(INITIAL_POLICY_RULES);
    const rows = describeRules(zh.t, old, SECTIONS);
    expect(rows.map((row) => [row.label, row.value, row.isInForce])).toEqual([
      ['網域與 IP 配置期限上限（第十一點）', '3 年', true],
      ['系統聯絡人重新確認週期（第十點）', '12 個月', true],
      ['廠商資安資格到期提醒（第三十九點）', '60 天', true],
      [
        '義務規則（第二、十、十一、十五、十七、二十二、二十九、三十二、三十五、三十九、四十二、四十三點）',
        '該日期未施行',
        false,
      ],
      ['保密合約書有效期限（第六點）', '該日期未施行', false],
      ['書面終止通知生效日數（第六點）', '該日期未施行', false],
      ['保密承諾書有效期限（第六點）', '該日期未施行', false],
      ['到期提醒天數（第六點）', '該日期未施行', false],
      ['電子郵件紀錄保存月數（第六點）', '該日期未施行', false],
      ['掃描報告期限（第四十二點）', '該日期未施行', false],
      ['掃描頻率（第四十二點）', '該日期未施行', false],
      ['修補期限（第四十二點）', '該日期未施行', false],
      ['重試（第四十二點）', '該日期未施行', false],
    ]);
    expect(describeRules(english.t, old, SECTIONS).at(-1)?.value).toBe('Not in force on that date');
  });

  it('says durations, recurrences and table cells in their units', () => {
    const rules = Schema.parse({
      ...INITIAL_POLICY_RULES,
      scans: { reportWithin: 'P1Y6M', every: 'FREQ=MONTHLY;INTERVAL=6', daysToFix: { critical: 'P15D', high: 'P30D' } },
    });
    // After the four sections of version 1 and the agreements section (five rules), the scans rules.
    const rows = describeRules(zh.t, rules, SECTIONS).slice(9);
    expect(rows.map((row) => row.value)).toEqual([
      '1 年 6 個月',
      '每 6 個月',
      '嚴重 15 天、高 30 天',
      // A rule added to the section later, absent from this version.
      '該日期未施行',
    ]);
    expect(rows[2]?.cells).toEqual([
      { key: 'critical', label: '嚴重', value: '15 天' },
      { key: 'high', label: '高', value: '30 天' },
    ]);
    expect(formatDuration(english.t, 'PT4H')).toBe('4 hours');
    expect(formatRecurrence(zh.t, 'FREQ=WEEKLY;BYDAY=MO')).toBe('每 1 週（FREQ=WEEKLY;BYDAY=MO）');
  });

  it('says what a change does, with not in force for a side that lacks the rule', () => {
    const before = Schema.parse(INITIAL_POLICY_RULES);
    const after = Schema.parse({
      ...INITIAL_POLICY_RULES,
      allocations: { maxYears: 5 },
      scans: { daysToFix: { critical: 'P15D', high: 'P30D' } },
    });
    const diff = diffPolicyRules(before, after, SECTIONS);
    expect(diff.sectionsAdded).toEqual(['scans']);
    expect(diff.valuesChanged.map((change) => describeChange(zh.t, change, SECTIONS))).toEqual([
      { label: '網域與 IP 配置期限上限（第十一點）', from: '3 年', to: '5 年' },
      { label: '修補期限（第四十二點） · 嚴重', from: '該日期未施行', to: '15 天' },
      { label: '修補期限（第四十二點） · 高', from: '該日期未施行', to: '30 天' },
    ]);
  });

  it('builds the published rule set from the form, leaving empty rules out', () => {
    const clauses = INITIAL_POLICY_RULES.contractClauses;
    const form = {
      ...INITIAL_POLICY_RULES,
      scans: { reportWithin: ' P30D ', every: '', daysToFix: { critical: undefined, high: null }, retries: null },
    };
    const rules = assembleRules(form, clauses, SECTIONS);
    expect(rules).toEqual({ ...INITIAL_POLICY_RULES, scans: { reportWithin: 'P30D' } });
    expect(Schema.parse(rules)).toEqual(rules);
    // Nothing entered for the new section: it stays out of the version, not in force.
    const untouched = assembleRules({ ...INITIAL_POLICY_RULES, scans: { every: ' ' } }, clauses, SECTIONS);
    expect('scans' in untouched).toBe(false);
    // Half a table is kept as entered, and the schema names the missing cell.
    const half = assembleRules({ ...INITIAL_POLICY_RULES, scans: { daysToFix: { high: 'P30D' } } }, clauses, SECTIONS);
    expect(Schema.safeParse(half).error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'scans.daysToFix.critical',
    ]);
    expect(PolicyRulesSchema.parse(assembleRules(INITIAL_POLICY_RULES, clauses, POLICY_SECTIONS))).toEqual(
      INITIAL_POLICY_RULES,
    );
  });

  it('names the records each module counted', () => {
    expect(usageTexts(zh.t, { contracts: 2, systems: 1, allocations: 0 })).toEqual(['委辦案 2', '系統 1', '配置 0']);
  });
});

describe('the locale files', () => {
  /** Whether a dotted key names a text in a resource tree. */
  const has = (tree: Tree, key: string) => {
    let node: string | Tree | undefined = tree;
    for (const part of key.split('.')) {
      node = typeof node === 'object' ? node[part] : undefined;
    }
    return typeof node === 'string';
  };

  it('name every section, rule and table key of the registry in both languages', () => {
    const keys = [
      ...POLICY_SECTIONS.map((section) => section.titleKey),
      ...policyDescriptorsOf(POLICY_SECTIONS).flatMap((rule) => [
        rule.labelKey,
        ...(rule.kind === 'table' ? rule.keys.map((key) => `${rule.keyLabelKey}.${key}`) : []),
      ]),
      // The modules that count the records a version judged (modules/index.ts).
      ...['contracts', 'systems', 'allocations'].map((module) => `${module}.policyUsage`),
    ];
    expect(keys.filter((key) => !has(zhTW, key) || !has(en, key))).toEqual([]);
  });
});
