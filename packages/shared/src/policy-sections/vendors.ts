import { definePolicySection, integerRule } from '../policy-descriptors.js';

/**
 * The vendors module's section (item 三十九): how early a vendor's security certificate is
 * flagged before it expires. Read by `modules/vendors/vendors.service.ts` and the dashboard.
 */
export const vendorQualificationsSection = definePolicySection({
  key: 'vendorQualifications',
  module: 'vendors',
  titleKey: 'vendors.policyRules.title',
  description: 'Vendor due diligence (item 三十九)',
  fields: {
    expiryWarningDays: integerRule({
      unit: 'days',
      min: 0,
      max: 365,
      labelKey: 'vendors.policyRules.expiryWarningDays',
      item: '三十九',
      description: 'Warn this many days before a certificate expires (item 三十九)',
      version1: 60,
    }),
  },
});
