import {
  assertValidPolicySections,
  initialRulesOf,
  policyRulesSchemaOf,
  type PolicyRulesOf,
} from '../policy-registry.js';
import { agreementsSection } from './agreements.js';
import { allocationsSection } from './allocations.js';
import { contractClausesSection } from './contracts.js';
import { obligationsSection } from './obligations.js';
import { contactsSection } from './systems.js';
import { scansSection } from './scans.js';
import { vendorQualificationsSection } from './vendors.js';

/**
 * Every module's section of the rule set, in the order the policy pages show them
 * (ADR 0015). A module that adds a section adds its file beside these and one line here;
 * a rule added to an existing section touches only that section's file and the locales.
 */
export const POLICY_SECTIONS = [
  allocationsSection,
  contactsSection,
  vendorQualificationsSection,
  contractClausesSection,
  obligationsSection,
  agreementsSection,
  scansSection,
] as const;

assertValidPolicySections(POLICY_SECTIONS);

export {
  allocationsSection,
  contactsSection,
  contractClausesSection,
  obligationsSection,
  scansSection,
  vendorQualificationsSection,
};
export * from './obligations.js';
export { agreementsSection, AGREEMENT_FORM_RULES } from './agreements.js';

/** The rule set of one version. Sections added after a version was published are absent from it. */
export type PolicyRules = PolicyRulesOf<typeof POLICY_SECTIONS>;

/** The rule set a new version may hold: every number or list the regulation sets, as data (ADR 0008, 0015). */
export const PolicyRulesSchema = policyRulesSchemaOf(POLICY_SECTIONS).describe('Rule set of one policy version');

/**
 * A published version's rule set as read back: the same sections and kinds, without the
 * bounds, which applied when it was published. Narrowing a bound later never makes an
 * immutable version unreadable.
 */
export const StoredPolicyRulesSchema = policyRulesSchemaOf(POLICY_SECTIONS, 'stored').describe(
  'Rule set of one policy version',
);

/** A section's key. */
export type PolicySectionKey = (typeof POLICY_SECTIONS)[number]['key'];

/**
 * Version 1 of the rule set, from the sections' version 1 values: the contract clauses of
 * items 七, 九, 十二(一)–(五), 十三 and 四十二; three-year allocations (item 十一); yearly
 * contact confirmation (item 十); a 60-day certificate warning (item 三十九).
 */
export const INITIAL_POLICY_RULES: PolicyRules = initialRulesOf(POLICY_SECTIONS);

/**
 * A section of a version's rules, or undefined when that version does not hold it (the
 * section did not exist, or was not in force, when the version was published). The caller
 * decides what absence means, typically "no obligation"; nothing is filled in for it.
 */
export function sectionInForce<K extends PolicySectionKey>(rules: PolicyRules, key: K): PolicyRules[K] | undefined {
  return rules[key];
}
