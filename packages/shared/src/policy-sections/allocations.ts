import { definePolicySection, integerRule } from '../policy-descriptors.js';

/**
 * The allocations module's section (item 十一): how long a domain or IP allocation may run
 * before it is applied for again. Read by `modules/allocations/allocations.service.ts`.
 */
export const allocationsSection = definePolicySection({
  key: 'allocations',
  module: 'allocations',
  titleKey: 'allocations.policyRules.title',
  description: 'Domain and IP allocations (item 十一)',
  fields: {
    maxYears: integerRule({
      unit: 'years',
      min: 1,
      max: 10,
      labelKey: 'allocations.policyRules.maxYears',
      item: '十一',
      description: 'Longest domain/IP allocation period, in years (item 十一)',
      version1: 3,
    }),
  },
});
