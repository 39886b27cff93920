import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  clauseListRule,
  definePolicySection,
  definePolicyValueSection,
  durationRule,
  integerRule,
  recurrenceRule,
  ruleValueSchema,
  tableRule,
  type PolicySection,
} from './policy-descriptors.js';
import { diffPolicyRules, isEmptyPolicyDiff } from './policy-diff.js';
import {
  initialRulesOf,
  policyDescriptorsOf,
  policyRulesSchemaOf,
  readRuleValue,
  validatePolicySections,
  type PolicyRulesOf,
} from './policy-registry.js';
import { INITIAL_POLICY_RULES, POLICY_SECTIONS, PolicyRulesSchema, sectionInForce } from './policy-sections/index.js';

/*
 * A registry of two fixture sections: one that version 1 held, and one added later with every
 * kind of value no real module uses yet: a duration, a recurrence and a table by severity.
 */
const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

const baseSection = definePolicySection({
  key: 'base',
  module: 'base',
  titleKey: 'base.title',
  description: 'A section version 1 held',
  fields: {
    years: integerRule({
      unit: 'years',
      min: 1,
      max: 10,
      labelKey: 'base.years',
      item: '十一',
      description: 'Years',
      version1: 3,
    }),
    // Added to the section after version 1: absent from the versions before it.
    noticeDays: integerRule({
      unit: 'days',
      min: 0,
      max: 90,
      labelKey: 'base.notice',
      item: '十一',
      description: 'Days',
    }),
  },
});

const scansSection = definePolicySection({
  key: 'scans',
  module: 'scans',
  titleKey: 'scans.title',
  description: 'A section added after version 1',
  fields: {
    reportWithin: durationRule({
      min: 'P1D',
      max: 'P1Y',
      labelKey: 'scans.reportWithin',
      item: '四十二',
      description: 'Report a scan within this period',
    }),
    every: recurrenceRule({
      frequencies: ['YEARLY', 'MONTHLY'],
      labelKey: 'scans.every',
      item: '四十二',
      description: 'Scan this often',
    }),
    daysToFix: tableRule({
      keys: SEVERITIES,
      keyLabelKey: 'scans.severities',
      cell: { kind: 'duration', min: 'P1D', max: 'P180D' },
      labelKey: 'scans.daysToFix',
      item: '四十二',
      description: 'Fix a finding within this period, by severity',
    }),
  },
  // The section's own Zod check across its rules: a scan is reported before the next one.
  refine: (value, ctx) => {
    if (value.reportWithin === 'P1Y' && value.every === 'FREQ=MONTHLY') {
      ctx.addIssue({ code: 'custom', message: 'report before the next scan', path: ['reportWithin'] });
    }
  },
});

const FIXTURE = [baseSection, scansSection] as const;
const FixtureSchema = policyRulesSchemaOf(FIXTURE);
type FixtureRules = PolicyRulesOf<typeof FIXTURE>;

const scans = {
  reportWithin: 'P30D',
  every: 'FREQ=MONTHLY;INTERVAL=6',
  daysToFix: { critical: 'P15D', high: 'P30D', medium: 'P60D', low: 'P90D' },
};

describe('policy sections: descriptors', () => {
  it('give every rule its full path, kind and version 1 standing', () => {
    expect(policyDescriptorsOf(FIXTURE).map((d) => [d.path, d.kind, d.isInVersion1])).toEqual([
      ['base.years', 'integer', true],
      ['base.noticeDays', 'integer', false],
      ['scans.reportWithin', 'duration', false],
      ['scans.every', 'recurrence', false],
      ['scans.daysToFix', 'table', false],
    ]);
    expect(scansSection.isInVersion1).toBe(false);
    expect(baseSection.version1).toEqual({ years: 3 });
    expect(initialRulesOf(FIXTURE)).toEqual({ base: { years: 3 } });
  });

  it('type a later section and a later rule as possibly absent', () => {
    expectTypeOf<FixtureRules['base']['years']>().toEqualTypeOf<number>();
    expectTypeOf<FixtureRules['base']['noticeDays']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FixtureRules['scans']>().toEqualTypeOf<
      | {
          reportWithin?: string;
          every?: string;
          daysToFix?: { critical: string; high: string; medium: string; low: string };
        }
      | undefined
    >();
    expectTypeOf<(typeof INITIAL_POLICY_RULES)['allocations']['maxYears']>().toEqualTypeOf<number>();
  });

  it('find nothing wrong with the registry', () => {
    expect(validatePolicySections(POLICY_SECTIONS)).toEqual([]);
    expect(validatePolicySections(FIXTURE)).toEqual([]);
  });

  it('report broken definitions', () => {
    const info = { labelKey: 'x.label', item: '十', description: 'x' };
    const broken: PolicySection[] = [
      definePolicySection({
        key: 'broken',
        module: 'x',
        titleKey: 'x.title',
        description: 'x',
        fields: {
          upsideDown: integerRule({ ...info, unit: 'days', min: 10, max: 1 }),
          fractional: integerRule({ ...info, unit: 'days', min: 0.5, max: 1 }),
          badBounds: durationRule({ ...info, min: 'one day', max: 'P1Y' }),
          reversed: durationRule({ ...info, min: 'P1Y', max: 'P1M' }),
          noFrequency: recurrenceRule({ ...info, frequencies: [] }),
          twiceKeyed: tableRule({
            ...info,
            keys: ['high', 'high'],
            keyLabelKey: 'x.keys',
            cell: { kind: 'integer', unit: 'days', min: 1, max: 9 },
          }),
          badKey: tableRule({
            ...info,
            keys: ['High Risk'],
            keyLabelKey: 'x.keys',
            cell: { kind: 'duration', min: 'P9D', max: 'P1D' },
          }),
          outOfOwnBounds: integerRule({ ...info, unit: 'days', min: 1, max: 5, version1: 7 }),
          unlabelled: integerRule({ ...info, labelKey: ' ', unit: 'days', min: 1, max: 5 }),
        },
      }),
      definePolicyValueSection({
        key: 'broken',
        module: 'x',
        titleKey: 'x.title',
        description: 'x',
        rule: clauseListRule({ ...info }),
      }),
      definePolicyValueSection({
        key: 'Another',
        module: 'x',
        titleKey: 'x.title',
        description: 'x',
        rule: clauseListRule({ ...info }),
      }),
    ];
    expect(validatePolicySections(broken)).toEqual([
      'section broken is defined twice',
      'broken.upsideDown: bounds must be whole numbers with min ≤ max',
      'broken.fractional: bounds must be whole numbers with min ≤ max',
      'broken.badBounds: bounds must be ISO 8601 durations',
      'broken.reversed: min must not exceed max',
      'broken.noFrequency: frequencies must be some of YEARLY, MONTHLY, WEEKLY, DAILY',
      'broken.twiceKeyed: a table needs distinct keys',
      'broken.badKey: table keys are lower-case identifiers',
      'broken.badKey cells: min must not exceed max',
      'broken.unlabelled: label key and regulation item are required',
      expect.stringMatching(/^section broken: version 1 value fails its own schema/),
      'section Another: keys are camelCase identifiers',
      'only one clause checklist is supported',
    ]);
  });
});

describe('policy sections: values', () => {
  it('read an old version without the later section, inventing nothing', () => {
    const old = FixtureSchema.parse({ base: { years: 3 } });
    expect(old).toEqual({ base: { years: 3 } });
    expect('scans' in old).toBe(false);
    expect('noticeDays' in old.base).toBe(false);
    expect(readRuleValue(old, 'scans.reportWithin')).toBeUndefined();
  });

  it('read a version that holds every kind of value', () => {
    const rules = { base: { years: 3, noticeDays: 30 }, scans };
    expect(FixtureSchema.parse(rules)).toEqual(rules);
    expect(readRuleValue(rules, 'scans.daysToFix.high')).toBe('P30D');
  });

  it.each([
    ['a duration past its bound', { ...scans, reportWithin: 'P2Y' }, 'scans.reportWithin'],
    ['a duration that is not one', { ...scans, reportWithin: '30 days' }, 'scans.reportWithin'],
    ['a recurrence that does not parse', { ...scans, every: 'FREQ=MONTHLY;INTERVAL=0' }, 'scans.every'],
    ['a frequency the rule does not allow', { ...scans, every: 'FREQ=WEEKLY' }, 'scans.every'],
    ['a table without a key', { ...scans, daysToFix: { critical: 'P15D', high: 'P30D' } }, 'scans.daysToFix.medium'],
    ['a table cell past its bound', { ...scans, daysToFix: { ...scans.daysToFix, low: 'P1Y' } }, 'scans.daysToFix.low'],
    ['an empty section', {}, 'scans'],
    ["the section's own check", { reportWithin: 'P1Y', every: 'FREQ=MONTHLY' }, 'scans.reportWithin'],
  ])('refuse %s', (_why, value, path) => {
    const result = FixtureSchema.safeParse({ base: { years: 3 }, scans: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('read a stored version whose value a bound narrowed since would refuse', () => {
    const Stored = policyRulesSchemaOf(FIXTURE, 'stored');
    const published = { base: { years: 12 }, scans: { ...scans, reportWithin: 'P2Y' } };
    expect(Stored.parse(published)).toEqual(published);
    expect(FixtureSchema.safeParse(published).success).toBe(false);
    // The kinds still hold: a stored version is never read as something else.
    expect(Stored.safeParse({ base: { years: 'P3Y' } }).success).toBe(false);
    expect(Stored.safeParse({ base: { years: 3 }, scans: { daysToFix: { critical: 'P1D' } } }).success).toBe(false);
  });

  it('refuse a version without a section version 1 held', () => {
    const result = FixtureSchema.safeParse({ scans });
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['base']);
  });

  it('check one rule alone with the same schema the section uses', () => {
    const [, , , , table] = policyDescriptorsOf(FIXTURE);
    if (!table || table.kind !== 'table') {
      throw new Error('expected the table rule');
    }
    expect(ruleValueSchema(table.cell).safeParse('P200D').success).toBe(false);
    expect(ruleValueSchema(table.cell).safeParse('P100D').success).toBe(true);
  });

  it('give a typed undefined for a section the version does not hold', () => {
    expect(sectionInForce(INITIAL_POLICY_RULES, 'allocations')).toEqual({ maxYears: 3 });
    const old: FixtureRules = { base: { years: 3 } };
    expect(old.scans?.daysToFix?.critical).toBeUndefined();
  });
});

describe('policy sections: diff', () => {
  const v1: FixtureRules = { base: { years: 3 } };
  const v2: FixtureRules = { base: { years: 3 }, scans };

  it('lists a section added, with each of its values from nothing', () => {
    const diff = diffPolicyRules(v1, v2, FIXTURE);
    expect(diff.sectionsAdded).toEqual(['scans']);
    expect(diff.sectionsRemoved).toEqual([]);
    expect(diff.valuesChanged).toEqual([
      { path: 'scans.reportWithin', from: null, to: 'P30D' },
      { path: 'scans.every', from: null, to: 'FREQ=MONTHLY;INTERVAL=6' },
      { path: 'scans.daysToFix.critical', from: null, to: 'P15D' },
      { path: 'scans.daysToFix.high', from: null, to: 'P30D' },
      { path: 'scans.daysToFix.medium', from: null, to: 'P60D' },
      { path: 'scans.daysToFix.low', from: null, to: 'P90D' },
    ]);
  });

  it('lists numbers, durations, recurrences and single table cells that changed', () => {
    const v3: FixtureRules = {
      base: { years: 5, noticeDays: 30 },
      scans: { ...scans, every: 'FREQ=YEARLY', daysToFix: { ...scans.daysToFix, high: 'P20D' } },
    };
    expect(diffPolicyRules(v2, v3, FIXTURE)).toEqual({
      sectionsAdded: [],
      sectionsRemoved: [],
      clausesAdded: [],
      clausesRemoved: [],
      clausesChanged: [],
      valuesChanged: [
        { path: 'base.years', from: 3, to: 5 },
        { path: 'base.noticeDays', from: null, to: 30 },
        { path: 'scans.every', from: 'FREQ=MONTHLY;INTERVAL=6', to: 'FREQ=YEARLY' },
        { path: 'scans.daysToFix.high', from: 'P30D', to: 'P20D' },
      ],
    });
  });

  it('lists a section left out', () => {
    const diff = diffPolicyRules(v2, v1, FIXTURE);
    expect(diff.sectionsRemoved).toEqual(['scans']);
    expect(diff.valuesChanged.every((change) => change.to === null)).toBe(true);
    expect(isEmptyPolicyDiff(diffPolicyRules(v2, v2, FIXTURE))).toBe(true);
  });

  it('lists clauses added, removed and edited, and numbers changed, in the real rule set', () => {
    const [first, ...rest] = INITIAL_POLICY_RULES.contractClauses;
    if (!first) {
      throw new Error('no clause');
    }
    const next = PolicyRulesSchema.parse({
      ...INITIAL_POLICY_RULES,
      allocations: { maxYears: 5 },
      contractClauses: [
        { ...first, title: { ...first.title, en: 'Edited' } },
        ...rest.filter((c) => c.code !== 'item13_retention'),
        { ...first, code: 'item9_sbom' },
      ],
    });
    expect(diffPolicyRules(INITIAL_POLICY_RULES, next)).toEqual({
      sectionsAdded: [],
      sectionsRemoved: [],
      clausesAdded: ['item9_sbom'],
      clausesRemoved: ['item13_retention'],
      clausesChanged: [first.code],
      valuesChanged: [{ path: 'allocations.maxYears', from: 3, to: 5 }],
    });
  });
});
