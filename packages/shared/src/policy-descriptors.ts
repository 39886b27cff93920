import { z } from 'zod';
import { ClauseListSchema, type ClauseRule } from './policy-clauses.js';
import { compareDurations, isPolicyDuration } from './policy-duration.js';
import { parsePolicyRecurrence, type RecurrenceFrequency } from './policy-recurrence.js';

/*
 * Policy sections (ADR 0015). Each module declares its part of the rule set in
 * `policy-sections/<module>.ts`: a section (one top-level key of the stored rules) made of
 * rules, each described by a descriptor: where its value sits, its kind, unit and bounds,
 * its label key and regulation item. The descriptors drive the validation schema, the diff,
 * the publish form and the rule-set view, so adding a rule touches only its section file
 * and the locale files.
 */

/** Units a whole-number rule can be counted in. */
export const POLICY_INTEGER_UNITS = ['years', 'months', 'days', 'hours'] as const;
export type PolicyIntegerUnit = (typeof POLICY_INTEGER_UNITS)[number];

/** A whole number in a unit, within bounds: `allocations.maxYears` (1–10 years). */
export type IntegerSpec = { kind: 'integer'; unit: PolicyIntegerUnit; min: number; max: number };
/** An ISO 8601 duration (`P60D`), within bounds that are durations too. */
export type DurationSpec = { kind: 'duration'; min: string; max: string };
/** A recurrence as RRULE text (`FREQ=MONTHLY;INTERVAL=6`) at one of the allowed frequencies. */
export type RecurrenceSpec = { kind: 'recurrence'; frequencies: readonly RecurrenceFrequency[] };
/** One value per key of an enum, e.g. the days to fix a finding by severity. */
export type TableSpec = {
  kind: 'table';
  /** The enum's keys, in display order. Fixed once published: a new key needs a new rule. */
  keys: readonly string[];
  /** i18n prefix of the keys' names: `${keyLabelKey}.${key}`. */
  keyLabelKey: string;
  cell: IntegerSpec | DurationSpec;
};
/** A clause checklist (the security clauses of contracts), compared clause by clause. */
export type ClausesSpec = { kind: 'clauses' };
/**
 * The obligation rules of the compliance calendar (issue 13): a list of rule objects, each
 * checked by the given schema (strict: an unknown field is refused), compared rule by rule
 * and field by field in the diff.
 */
export type ObligationsSpec = { kind: 'obligations'; ruleSchema: z.ZodType<{ id: string }> };
export type PolicyValueSpec = IntegerSpec | DurationSpec | RecurrenceSpec | TableSpec | ClausesSpec | ObligationsSpec;
export type PolicyRuleKind = PolicyValueSpec['kind'];

/** How the app names a rule and where the regulation sets it. */
export type PolicyRuleInfo = {
  /** i18n key of the rule's name, in the owning module's locale files (web). */
  labelKey: string;
  /** The regulation item it implements, as printed: 十一, 十二(一). */
  item: string;
  /** One English sentence for the OpenAPI document. */
  description: string;
};

/**
 * A rule as its section file writes it. `version1` is the value version 1 shipped with: only
 * the rules that existed when version 1 was published have one. Never give one to a new
 * rule; databases already running keep the version 1 they stored (ADR 0015).
 */
export type PolicyRuleDefinition = PolicyValueSpec & PolicyRuleInfo & { version1?: unknown };

/** A rule of the registry, as the form, the view and the diff read it. */
export type PolicyRuleDescriptor = PolicyValueSpec &
  PolicyRuleInfo & {
    /** Where its value sits in a rule set: `allocations.maxYears`, or a section key alone. */
    path: string;
    /** The section it belongs to. */
    section: string;
    /** Whether every version holds it (version 1 did); a later rule may be absent. */
    isInVersion1: boolean;
  };

/** The value type of a rule of a given kind. */
export type PolicyValueOf<S> = S extends { kind: 'integer' }
  ? number
  : S extends { kind: 'duration' | 'recurrence' }
    ? string
    : S extends { kind: 'table'; keys: readonly (infer K extends string)[]; cell: infer C }
      ? { [P in K]: PolicyValueOf<C> }
      : S extends { kind: 'clauses' }
        ? ClauseRule[]
        : S extends { kind: 'obligations'; ruleSchema: z.ZodType<infer R> }
          ? R[]
          : never;

type Prettify<T> = { [K in keyof T]: T[K] } & {};
type IsInVersion1<R> = R extends { version1: infer V } ? (undefined extends V ? false : true) : false;

/** The value of a section made of named rules: version-1 rules required, later ones optional (absent: not in force). */
export type PolicyFieldsValue<F> = Prettify<
  { -readonly [P in keyof F as IsInVersion1<F[P]> extends true ? P : never]: PolicyValueOf<F[P]> } & {
    -readonly [P in keyof F as IsInVersion1<F[P]> extends true ? never : P]?: PolicyValueOf<F[P]>;
  }
>;
type AnyInVersion1<F> = true extends { [P in keyof F]: IsInVersion1<F[P]> }[keyof F] ? true : false;

/** One module's part of the rule set: a top-level key of the stored rules. */
export type PolicySection<K extends string = string, V = unknown, B extends boolean = boolean> = {
  /** Top-level key in the stored rules; for the four first sections, the key version 1 used. */
  key: K;
  /** The module that owns it: `apps/server/src/modules/<module>`. */
  module: string;
  /** i18n key of the section's name (web). */
  titleKey: string;
  descriptors: readonly PolicyRuleDescriptor[];
  /** Validates the section's value at publication: kinds, bounds, the section's own check. */
  schema: z.ZodType<V>;
  /**
   * Reads the section's value from a stored version: kinds and shape only. Bounds applied
   * when the version was published; a bound narrowed since must not make it unreadable.
   */
  storedSchema: z.ZodType<V>;
  /** Whether version 1 holds it, so that every version does. */
  isInVersion1: B;
  /** Its value in version 1; undefined for a section added later. */
  version1: V | undefined;
};

/** A whole number rule. */
export function integerRule<const D extends Omit<IntegerSpec, 'kind'> & PolicyRuleInfo & { version1?: number }>(
  rule: D,
): D & { kind: 'integer' } {
  return { ...rule, kind: 'integer' };
}

/** An ISO 8601 duration rule, bounds given as durations (`min: 'P1D', max: 'P1Y'`). */
export function durationRule<const D extends Omit<DurationSpec, 'kind'> & PolicyRuleInfo & { version1?: string }>(
  rule: D,
): D & { kind: 'duration' } {
  return { ...rule, kind: 'duration' };
}

/** An RRULE recurrence rule. */
export function recurrenceRule<const D extends Omit<RecurrenceSpec, 'kind'> & PolicyRuleInfo & { version1?: string }>(
  rule: D,
): D & { kind: 'recurrence' } {
  return { ...rule, kind: 'recurrence' };
}

/** A table of one value per key of an enum. */
export function tableRule<const D extends Omit<TableSpec, 'kind'> & PolicyRuleInfo & { version1?: unknown }>(
  rule: D,
): D & { kind: 'table' } {
  return { ...rule, kind: 'table' };
}

/** A list of obligation rules (the compliance calendar), each checked by `ruleSchema`. */
export function obligationListRule<
  const D extends Omit<ObligationsSpec, 'kind'> & PolicyRuleInfo & { version1?: unknown[] },
>(rule: D): D & { kind: 'obligations' } {
  return { ...rule, kind: 'obligations' };
}

/** A clause checklist rule. */
export function clauseListRule<const D extends PolicyRuleInfo & { version1?: ClauseRule[] }>(
  rule: D,
): D & { kind: 'clauses' } {
  return { ...rule, kind: 'clauses' };
}

function durationSchema(spec: DurationSpec): z.ZodType<string> {
  return z
    .string()
    .max(40)
    .superRefine((text, ctx) => {
      if (!isPolicyDuration(text)) {
        ctx.addIssue({ code: 'custom', message: 'not an ISO 8601 duration such as P3Y, P12M or P60D' });
      } else if (compareDurations(text, spec.min) < 0 || compareDurations(text, spec.max) > 0) {
        ctx.addIssue({ code: 'custom', message: `must be from ${spec.min} to ${spec.max}` });
      }
    });
}

function recurrenceSchema(spec: RecurrenceSpec): z.ZodType<string> {
  return z
    .string()
    .max(200)
    .superRefine((text, ctx) => {
      const recurrence = parsePolicyRecurrence(text);
      if (!recurrence) {
        ctx.addIssue({ code: 'custom', message: 'not an RRULE recurrence such as FREQ=MONTHLY;INTERVAL=6' });
      } else if (!spec.frequencies.includes(recurrence.frequency)) {
        ctx.addIssue({ code: 'custom', message: `frequency must be one of ${spec.frequencies.join(', ')}` });
      }
    });
}

/**
 * The schema of one rule's value, from its kind and bounds: the one check the server, the
 * form and the tests use. `stored` checks the kind and shape only, to read versions
 * published under other bounds.
 */
export function ruleValueSchema(spec: PolicyValueSpec, mode: 'publish' | 'stored' = 'publish'): z.ZodType<unknown> {
  const isPublish = mode === 'publish';
  switch (spec.kind) {
    case 'integer':
      return isPublish ? z.number().int().min(spec.min).max(spec.max) : z.number().int();
    case 'duration':
      return isPublish ? durationSchema(spec) : z.string();
    case 'recurrence':
      return isPublish ? recurrenceSchema(spec) : z.string();
    case 'table':
      return z.object(Object.fromEntries(spec.keys.map((key) => [key, ruleValueSchema(spec.cell, mode)])));
    case 'clauses':
      return ClauseListSchema;
    case 'obligations':
      return z
        .array(spec.ruleSchema)
        .max(200)
        .superRefine((rules, ctx) => {
          const ids = rules.map((r) => r.id);
          for (const [i, id] of ids.entries()) {
            if (ids.indexOf(id) !== i) {
              ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `rule ${id} is defined twice` });
            }
          }
        });
  }
}

function isDefinedInVersion1(rule: PolicyRuleDefinition): boolean {
  return rule.version1 !== undefined;
}

function describeRule(rule: PolicyRuleDefinition, at: { path: string; section: string }): PolicyRuleDescriptor {
  // The version 1 value stays in the section file; descriptors carry only what the form,
  // the view and the diff need.
  const { version1: _version1, ...descriptor } = rule;
  return { ...descriptor, path: at.path, section: at.section, isInVersion1: isDefinedInVersion1(rule) };
}

type SectionOptions<K extends string> = {
  key: K;
  module: string;
  titleKey: string;
  /** One English sentence for the OpenAPI document. */
  description: string;
};

/**
 * A section of named rules, stored as an object: `allocations: { maxYears: 3 }`. Rules of
 * version 1 are required; later ones may be absent from a version (not in force then). A
 * section may add its own Zod check across its rules (`refine`).
 */
export function definePolicySection<const K extends string, const F extends Record<string, PolicyRuleDefinition>>(
  options: SectionOptions<K> & {
    fields: F;
    refine?: (value: PolicyFieldsValue<F>, ctx: z.RefinementCtx) => void;
  },
): PolicySection<K, PolicyFieldsValue<F>, AnyInVersion1<F>> {
  const entries = Object.entries(options.fields);
  const objectOf = (mode: 'publish' | 'stored') =>
    z.object(
      Object.fromEntries(
        entries.map(([name, rule]) => {
          const schema = ruleValueSchema(rule, mode).describe(rule.description);
          return [name, isDefinedInVersion1(rule) ? schema : schema.optional()];
        }),
      ),
    );
  const inVersion1 = entries.filter(([, rule]) => isDefinedInVersion1(rule));
  const published = objectOf('publish')
    // A section in force holds at least one rule; leave it out to say none is.
    .refine((value) => Object.values(value).some((v) => v !== undefined), 'a section holds at least one rule')
    .describe(options.description);
  const refine = options.refine;
  const checked = refine
    ? published.superRefine((value, ctx) => refine(value as PolicyFieldsValue<F>, ctx))
    : published;
  return {
    key: options.key,
    module: options.module,
    titleKey: options.titleKey,
    descriptors: entries.map(([name, rule]) =>
      describeRule(rule, { path: `${options.key}.${name}`, section: options.key }),
    ),
    // The shapes were built from F at run time; TypeScript cannot follow Object.fromEntries.
    schema: checked as unknown as z.ZodType<PolicyFieldsValue<F>>,
    storedSchema: objectOf('stored').describe(options.description) as unknown as z.ZodType<PolicyFieldsValue<F>>,
    isInVersion1: (inVersion1.length > 0) as AnyInVersion1<F>,
    version1:
      inVersion1.length > 0
        ? (Object.fromEntries(inVersion1.map(([name, rule]) => [name, rule.version1])) as PolicyFieldsValue<F>)
        : undefined,
  };
}

/**
 * A section that is one rule, stored as the value itself: `contractClauses: [ … ]`, the shape
 * version 1 used for the clause checklist.
 */
export function definePolicyValueSection<const K extends string, const R extends PolicyRuleDefinition>(
  options: SectionOptions<K> & { rule: R },
): PolicySection<K, PolicyValueOf<R>, IsInVersion1<R>> {
  const { rule } = options;
  return {
    key: options.key,
    module: options.module,
    titleKey: options.titleKey,
    descriptors: [describeRule(rule, { path: options.key, section: options.key })],
    schema: ruleValueSchema(rule).describe(options.description) as z.ZodType<PolicyValueOf<R>>,
    storedSchema: ruleValueSchema(rule, 'stored').describe(options.description) as z.ZodType<PolicyValueOf<R>>,
    isInVersion1: isDefinedInVersion1(rule) as IsInVersion1<R>,
    version1: rule.version1 as PolicyValueOf<R> | undefined,
  };
}
