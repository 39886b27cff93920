import { definePolicySection, integerRule } from '../policy-descriptors.js';

/**
 * The systems module's section (item 十): how often a system's contacts are confirmed again.
 * Read by `modules/systems/contacts.service.ts`; lists filter on it through the stored
 * `policy_versions.contacts_interval_months` column.
 */
export const contactsSection = definePolicySection({
  key: 'contacts',
  module: 'systems',
  titleKey: 'systems.policyRules.title',
  description: 'System contacts (item 十)',
  fields: {
    reconfirmIntervalMonths: integerRule({
      unit: 'months',
      min: 1,
      max: 36,
      labelKey: 'systems.policyRules.reconfirmIntervalMonths',
      item: '十',
      description: 'Contacts must be re-confirmed this often, in months (item 十)',
      version1: 12,
    }),
  },
});
