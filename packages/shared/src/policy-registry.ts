import { z } from 'zod';
import {
  POLICY_INTEGER_UNITS,
  type DurationSpec,
  type IntegerSpec,
  type PolicyRuleDescriptor,
  type PolicySection,
} from './policy-descriptors.js';
import { compareDurations, isPolicyDuration } from './policy-duration.js';
import { RECURRENCE_FREQUENCIES } from './policy-recurrence.js';

/*
 * What a list of sections makes together: the rule set's schema and type, version 1, the
 * descriptors in order, and the check that the definitions themselves make sense. The
 * registry in `policy-sections/index.ts` uses these; tests build small registries of their own.
 */

type Prettify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The rules of a version, typed from its sections: the sections version 1 held are always
 * there; a section added later is absent from the versions published before it (not in
 * force then), and the type says so.
 */
export type PolicyRulesOf<T extends readonly PolicySection[]> = Prettify<
  {
    [S in T[number] as S['isInVersion1'] extends true ? S['key'] : never]: z.output<S['schema']>;
  } & {
    [S in T[number] as S['isInVersion1'] extends true ? never : S['key']]?: z.output<S['schema']>;
  }
>;

/**
 * The schema of a rule set: each section's schema under its key, later sections optional.
 * `publish` checks what a new version may hold; `stored` reads a published version, whose
 * values met the bounds in force when it was published.
 */
export function policyRulesSchemaOf<const T extends readonly PolicySection[]>(
  sections: T,
  mode: 'publish' | 'stored' = 'publish',
): z.ZodType<PolicyRulesOf<T>> {
  const shape = Object.fromEntries(
    sections.map((section) => {
      const schema = mode === 'publish' ? section.schema : section.storedSchema;
      return [section.key, section.isInVersion1 ? schema : schema.optional()];
    }),
  );
  // No defaults anywhere: a version that lacks a section must read back without it.
  return z.object(shape) as unknown as z.ZodType<PolicyRulesOf<T>>;
}

/** Version 1's rule set, assembled from the sections' version 1 values. */
export function initialRulesOf<const T extends readonly PolicySection[]>(sections: T): PolicyRulesOf<T> {
  const entries = sections.flatMap((section) =>
    section.version1 === undefined ? [] : [[section.key, section.version1] as const],
  );
  return Object.fromEntries(entries) as PolicyRulesOf<T>;
}

/** Every rule of the sections, in section order. */
export function policyDescriptorsOf(sections: readonly PolicySection[]): PolicyRuleDescriptor[] {
  return sections.flatMap((section) => [...section.descriptors]);
}

/** A rule's value in a rule set, or undefined when the version does not hold it. */
export function readRuleValue(rules: unknown, path: string): unknown {
  let current: unknown = rules;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function boundsProblems(spec: IntegerSpec | DurationSpec, at: string): string[] {
  if (spec.kind === 'integer') {
    const problems: string[] = [];
    if (!POLICY_INTEGER_UNITS.includes(spec.unit)) {
      problems.push(`${at}: unknown unit ${spec.unit}`);
    }
    if (!Number.isInteger(spec.min) || !Number.isInteger(spec.max) || spec.min > spec.max) {
      problems.push(`${at}: bounds must be whole numbers with min ≤ max`);
    }
    return problems;
  }
  if (!isPolicyDuration(spec.min) || !isPolicyDuration(spec.max)) {
    return [`${at}: bounds must be ISO 8601 durations`];
  }
  return compareDurations(spec.min, spec.max) > 0 ? [`${at}: min must not exceed max`] : [];
}

function descriptorProblems(rule: PolicyRuleDescriptor): string[] {
  const at = rule.path;
  const problems: string[] = [];
  if (rule.labelKey.trim() === '' || rule.item.trim() === '') {
    problems.push(`${at}: label key and regulation item are required`);
  }
  switch (rule.kind) {
    case 'integer':
    case 'duration':
      problems.push(...boundsProblems(rule, at));
      break;
    case 'recurrence':
      if (rule.frequencies.length === 0 || rule.frequencies.some((f) => !RECURRENCE_FREQUENCIES.includes(f))) {
        problems.push(`${at}: frequencies must be some of ${RECURRENCE_FREQUENCIES.join(', ')}`);
      }
      break;
    case 'table':
      if (rule.keys.length === 0 || new Set(rule.keys).size !== rule.keys.length) {
        problems.push(`${at}: a table needs distinct keys`);
      }
      if (rule.keys.some((key) => !/^[a-z][a-z0-9_]*$/.test(key))) {
        problems.push(`${at}: table keys are lower-case identifiers`);
      }
      problems.push(...boundsProblems(rule.cell, `${at} cells`));
      break;
    case 'clauses':
    case 'obligations':
      break;
  }
  return problems;
}

/**
 * What is wrong with a list of section definitions, as sentences (empty when nothing is):
 * a repeated section key, bounds that are not bounds, a version 1 value its own rule
 * refuses, more than one clause checklist. The registry refuses to load when any is found.
 */
export function validatePolicySections(sections: readonly PolicySection[]): string[] {
  const problems: string[] = [];
  const keys = sections.map((s) => s.key);
  for (const key of keys.filter((k, i) => keys.indexOf(k) !== i)) {
    problems.push(`section ${key} is defined twice`);
  }
  for (const section of sections) {
    if (!/^[a-z][A-Za-z0-9]*$/.test(section.key)) {
      problems.push(`section ${section.key}: keys are camelCase identifiers`);
    }
    if (section.titleKey.trim() === '' || section.module.trim() === '') {
      problems.push(`section ${section.key}: title key and module are required`);
    }
    if (section.descriptors.length === 0) {
      problems.push(`section ${section.key} has no rules`);
    }
    if ((section.version1 !== undefined) !== section.isInVersion1) {
      problems.push(`section ${section.key}: version 1 value and flag disagree`);
    }
    for (const rule of section.descriptors) {
      if (rule.section !== section.key || !(rule.path === section.key || rule.path.startsWith(`${section.key}.`))) {
        problems.push(`${rule.path}: not inside section ${section.key}`);
      }
      problems.push(...descriptorProblems(rule));
    }
    if (section.version1 !== undefined) {
      const parsed = section.schema.safeParse(section.version1);
      if (!parsed.success) {
        problems.push(`section ${section.key}: version 1 value fails its own schema (${parsed.error.message})`);
      }
    }
  }
  if (policyDescriptorsOf(sections).filter((r) => r.kind === 'clauses').length > 1) {
    // The diff names clauses by code alone, which is unambiguous only with one checklist.
    problems.push('only one clause checklist is supported');
  }
  return problems;
}

/** Checks a registry when it loads, so a broken section file stops the app at start-up. */
export function assertValidPolicySections(sections: readonly PolicySection[]): void {
  const problems = validatePolicySections(sections);
  if (problems.length > 0) {
    throw new Error(`Invalid policy sections:\n- ${problems.join('\n- ')}`);
  }
}
