import {
  DURATION_PARTS,
  durationParts,
  parsePolicyRecurrence,
  policyDescriptorsOf,
  readRuleValue,
  type DurationSpec,
  type IntegerSpec,
  type PolicyRuleDescriptor,
  type PolicySection,
  type ClauseRule,
  type PolicyValueChange,
  type PolicyVersionUsage,
} from '@custodian/shared';

/*
 * How the policy pages put a rule set into words, from the section descriptors: labels,
 * values in their units, and "not in force on that date" for a rule the version does not
 * hold. Pure functions of a translate function, so they are tested without a browser.
 */

/** i18next's `t`, as far as these functions need it. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A rule's name with its regulation item: 網域與 IP 配置期限上限（第十一點）. */
export function ruleLabel(t: Translate, rule: Pick<PolicyRuleDescriptor, 'labelKey' | 'item'>): string {
  return t('policy.ruleLabel', { label: t(rule.labelKey), item: rule.item });
}

/** An ISO 8601 duration in words, `P1Y6M` → 1 年 6 個月; the text itself if it is not one. */
export function formatDuration(t: Translate, text: string): string {
  const parts = durationParts(text);
  if (!parts) {
    return text;
  }
  const named = DURATION_PARTS.filter((part) => parts[part] !== 0).map((part) =>
    t(`policy.durationParts.${part}`, { count: parts[part] }),
  );
  return named.length > 0 ? named.join(' ') : t('policy.durationParts.days', { count: 0 });
}

/** An RRULE in words, `FREQ=MONTHLY;INTERVAL=6` → 每 6 個月, with the text when it says more. */
export function formatRecurrence(t: Translate, text: string): string {
  const recurrence = parsePolicyRecurrence(text);
  if (!recurrence) {
    return text;
  }
  const summary = t(`policy.recurrence.${recurrence.frequency}`, { count: recurrence.interval });
  return recurrence.isSimple ? summary : t('policy.recurrence.detailed', { summary, text });
}

/** One number or duration in its unit: 3 年, 60 天, 30 天 (P30D). */
export function formatScalar(t: Translate, spec: IntegerSpec | DurationSpec, value: unknown): string {
  if (spec.kind === 'integer') {
    return typeof value === 'number' ? t(`policy.${spec.unit}`, { count: value }) : String(value);
  }
  return typeof value === 'string' ? formatDuration(t, value) : String(value);
}

/** A cell of a table rule: its key's name and its value. */
export type TableCellText = { key: string; label: string; value: string };

/** A rule of a version as the rule-set view lists it. */
export type RuleRow = {
  path: string;
  label: string;
  /** False when the version does not hold the rule: it was not in force on that date. */
  isInForce: boolean;
  /** The value in words, or 該日期未施行. */
  value: string;
  /** A table rule's cells, when it is in force. */
  cells?: TableCellText[];
};

/** The value of a rule in words (tables: each cell too; a clause checklist: its size). */
function describeValue(t: Translate, rule: PolicyRuleDescriptor, value: unknown): Omit<RuleRow, 'path' | 'label'> {
  switch (rule.kind) {
    case 'integer':
    case 'duration':
      return { isInForce: true, value: formatScalar(t, rule, value) };
    case 'recurrence':
      return { isInForce: true, value: typeof value === 'string' ? formatRecurrence(t, value) : String(value) };
    case 'table': {
      const cells = rule.keys.map((key) => ({
        key,
        label: t(`${rule.keyLabelKey}.${key}`),
        value: formatScalar(t, rule.cell, readRuleValue(value, key)),
      }));
      return { isInForce: true, value: cells.map((c) => `${c.label} ${c.value}`).join('、'), cells };
    }
    case 'clauses':
      return { isInForce: true, value: t('policy.clauseCount', { count: Array.isArray(value) ? value.length : 0 }) };
    case 'obligations':
      return {
        isInForce: true,
        value: t('policy.obligationRuleCount', { count: Array.isArray(value) ? value.length : 0 }),
      };
  }
}

/**
 * Every rule of the sections except the clause checklist, in section order, with its value
 * in the given rules, or 該日期未施行 where the version does not hold it. Nothing is filled in.
 */
export function describeRules(t: Translate, rules: object, sections: readonly PolicySection[]): RuleRow[] {
  return policyDescriptorsOf(sections)
    .filter((rule) => rule.kind !== 'clauses')
    .map((rule) => {
      const value = readRuleValue(rules, rule.path);
      const base = { path: rule.path, label: ruleLabel(t, rule) };
      return value === undefined
        ? { ...base, isInForce: false, value: t('policy.notInForce') }
        : { ...base, ...describeValue(t, rule, value) };
    });
}

/** A change of the diff in words: the rule (and table key) it touches, before and after. */
export function describeChange(
  t: Translate,
  change: PolicyValueChange,
  sections: readonly PolicySection[],
): { label: string; from: string; to: string } {
  const rules = policyDescriptorsOf(sections);
  const rule = rules.find((r) => r.path === change.path);
  const table = rules.find((r) => r.kind === 'table' && change.path.startsWith(`${r.path}.`));
  const say = (value: PolicyValueChange['from']): string => {
    if (value === null) {
      return t('policy.notInForce');
    }
    if (rule && rule.kind !== 'table' && rule.kind !== 'clauses' && rule.kind !== 'obligations') {
      return describeValue(t, rule, value).value;
    }
    return table?.kind === 'table' ? formatScalar(t, table.cell, value) : String(value);
  };
  if (rule) {
    return { label: ruleLabel(t, rule), from: say(change.from), to: say(change.to) };
  }
  if (table?.kind === 'table') {
    const key = change.path.slice(table.path.length + 1);
    return {
      label: `${ruleLabel(t, table)} · ${t(`${table.keyLabelKey}.${key}`)}`,
      from: say(change.from),
      to: say(change.to),
    };
  }
  return { label: change.path, from: say(change.from), to: say(change.to) };
}

/**
 * The records a version judged, one text per module that registered a counter, in the
 * server's order: 委辦案 2, 系統 2, 配置 2. The label is the module's own (`<module>.policyUsage`).
 */
export function usageTexts(t: Translate, usage: PolicyVersionUsage): string[] {
  return Object.entries(usage).map(([module, count]) =>
    t(`${module}.policyUsage`, { count, defaultValue: `${module}: ${count}` }),
  );
}

/** Whether a form input is empty: a rule left empty is not in force in the new version. */
export function isEmptyRuleInput(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function inputValue(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/**
 * The rule set a publish form describes. Each section is built from its fields (texts
 * trimmed); a rule left empty, or a table left wholly empty, is left out, and so is a
 * section with nothing left: not in force in the new version. The clause checklist comes
 * from the clause editor. Nothing is filled in; the schema then judges the result.
 */
export function assembleRules(
  form: unknown,
  checklist: ClauseRule[],
  sections: readonly PolicySection[],
): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const section of sections) {
    if (section.descriptors.some((rule) => rule.kind === 'clauses' && rule.path === section.key)) {
      if (checklist.length > 0) {
        rules[section.key] = checklist;
      }
      continue;
    }
    if (section.descriptors.some((rule) => rule.kind === 'obligations' && rule.path === section.key)) {
      // The obligation rules' editor gives the list itself; left empty, the section is not in force.
      const list = readRuleValue(form, section.key);
      if (!isEmptyRuleInput(list)) {
        rules[section.key] = list;
      }
      continue;
    }
    const value: Record<string, unknown> = {};
    for (const rule of section.descriptors) {
      const name = rule.path.slice(section.key.length + 1);
      if (rule.kind === 'table') {
        const cells = rule.keys.map((key) => [key, readRuleValue(form, `${rule.path}.${key}`)] as const);
        if (cells.some(([, cell]) => !isEmptyRuleInput(cell))) {
          // Empty cells stay out, so the schema names each one that is missing.
          value[name] = Object.fromEntries(
            cells.filter(([, cell]) => !isEmptyRuleInput(cell)).map(([key, cell]) => [key, inputValue(cell)]),
          );
        }
        continue;
      }
      const input = readRuleValue(form, rule.path);
      if (!isEmptyRuleInput(input)) {
        value[name] = inputValue(input);
      }
    }
    if (Object.keys(value).length > 0) {
      rules[section.key] = value;
    }
  }
  return rules;
}
