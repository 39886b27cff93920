import { isSameClause, type ClauseRule } from './policy-clauses.js';
import type { PolicyRuleDescriptor, PolicySection } from './policy-descriptors.js';
import { policyDescriptorsOf, readRuleValue } from './policy-registry.js';
import { POLICY_SECTIONS } from './policy-sections/index.js';

/** A number, duration or recurrence of a rule set, or one cell of a table. */
export type PolicyScalar = number | string;

/** One value that changed; null where the version does not hold it (not in force). */
export type PolicyValueChange = { path: string; from: PolicyScalar | null; to: PolicyScalar | null };

/** What a new rule set changes against the one it follows. */
export type PolicyRulesDiff = {
  /** Sections the new version holds and the old one did not. */
  sectionsAdded: string[];
  /** Sections the old version held and the new one leaves out. */
  sectionsRemoved: string[];
  clausesAdded: string[];
  clausesRemoved: string[];
  /** Clauses kept under the same code whose item, texts or flags changed. */
  clausesChanged: string[];
  /** Numbers, durations, recurrences and table cells (`path.key`) that changed. */
  valuesChanged: PolicyValueChange[];
};

function isScalar(value: unknown): value is PolicyScalar {
  return typeof value === 'number' || typeof value === 'string';
}

/**
 * An obligation rule's fields as path → value (`obligations.<id>.<field>`): texts and
 * numbers as they are, other values (flags, lists, objects) as their JSON text.
 */
function obligationScalars(rule: PolicyRuleDescriptor, rules: object): Map<string, PolicyScalar | null> {
  const value = readRuleValue(rules, rule.path);
  const list = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
  const entries: [string, PolicyScalar | null][] = [];
  for (const item of list) {
    for (const [field, v] of Object.entries(item)) {
      if (field !== 'id' && v !== undefined) {
        entries.push([`${rule.path}.${String(item.id)}.${field}`, isScalar(v) ? v : JSON.stringify(v)]);
      }
    }
  }
  return new Map(entries);
}

/** A rule's values as path → value: one entry, or one per cell of a table. */
function scalarsOf(rule: PolicyRuleDescriptor, rules: object): Map<string, PolicyScalar | null> {
  if (rule.kind === 'obligations') {
    return obligationScalars(rule, rules);
  }
  if (rule.kind === 'table') {
    return new Map(
      rule.keys.map((key) => {
        const cell = readRuleValue(rules, `${rule.path}.${key}`);
        return [`${rule.path}.${key}`, isScalar(cell) ? cell : null];
      }),
    );
  }
  const value = readRuleValue(rules, rule.path);
  return new Map([[rule.path, isScalar(value) ? value : null]]);
}

function clausesOf(rule: PolicyRuleDescriptor, rules: object): ClauseRule[] {
  const value = readRuleValue(rules, rule.path);
  // Both sides have passed the rule's schema; an absent checklist has no clauses.
  return Array.isArray(value) ? (value as ClauseRule[]) : [];
}

/**
 * The changes from one rule set to the next, rule by rule as the descriptors describe them:
 * sections added or removed, clause codes added, removed or edited, and every number,
 * duration, recurrence or table cell that changed (null where a version does not hold it).
 * The server records it in the `policy.publish` audit event; the web app shows the same
 * summary before publishing.
 */
export function diffPolicyRules(
  before: object,
  after: object,
  sections: readonly PolicySection[] = POLICY_SECTIONS,
): PolicyRulesDiff {
  const diff: PolicyRulesDiff = {
    sectionsAdded: [],
    sectionsRemoved: [],
    clausesAdded: [],
    clausesRemoved: [],
    clausesChanged: [],
    valuesChanged: [],
  };
  for (const section of sections) {
    const had = readRuleValue(before, section.key) !== undefined;
    const has = readRuleValue(after, section.key) !== undefined;
    if (has && !had) {
      diff.sectionsAdded.push(section.key);
    } else if (had && !has) {
      diff.sectionsRemoved.push(section.key);
    }
  }
  for (const rule of policyDescriptorsOf(sections)) {
    if (rule.kind === 'clauses') {
      const old = new Map(clausesOf(rule, before).map((c) => [c.code, c]));
      const next = clausesOf(rule, after);
      const nextCodes = new Set(next.map((c) => c.code));
      diff.clausesAdded.push(...next.filter((c) => !old.has(c.code)).map((c) => c.code));
      diff.clausesRemoved.push(...[...old.keys()].filter((code) => !nextCodes.has(code)));
      diff.clausesChanged.push(
        ...next
          .filter((c) => {
            const previous = old.get(c.code);
            return previous !== undefined && !isSameClause(previous, c);
          })
          .map((c) => c.code),
      );
      continue;
    }
    const from = scalarsOf(rule, before);
    const to = scalarsOf(rule, after);
    for (const [path, next] of to) {
      const was = from.get(path) ?? null;
      if (was !== next) {
        diff.valuesChanged.push({ path, from: was, to: next });
      }
    }
    // An obligation rule (or one of its fields) removed: its values go to null.
    for (const [path, was] of from) {
      if (!to.has(path) && was !== null) {
        diff.valuesChanged.push({ path, from: was, to: null });
      }
    }
  }
  return diff;
}

/** Whether a diff changes nothing at all. */
export function isEmptyPolicyDiff(diff: PolicyRulesDiff): boolean {
  return Object.values(diff).every((list: unknown[]) => list.length === 0);
}
