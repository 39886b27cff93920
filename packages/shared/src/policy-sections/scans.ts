import { definePolicySection, tableRule } from '../policy-descriptors.js';

/**
 * The scans module's section (items 十七, 四十二, 四十三 (二) 1): how many days a unit has to
 * fix a finding of each severity, counted from the day of the scan that first reported it
 * (or reopened it). The regulation names no figures, so the section holds none until the
 * Ministry publishes a version with it; until then findings carry no due day. Read by
 * `modules/scans/scans.import.ts`; each finding stores the version that set its due day.
 */
export const scansSection = definePolicySection({
  key: 'scans',
  module: 'scans',
  titleKey: 'scans.policyRules.title',
  description: 'Vulnerability remediation deadlines (items 十七, 四十二, 四十三)',
  fields: {
    remediationDays: tableRule({
      keys: ['critical', 'high', 'medium', 'low'],
      keyLabelKey: 'scans.severities',
      cell: { kind: 'integer', unit: 'days', min: 1, max: 730 },
      labelKey: 'scans.policyRules.remediationDays',
      item: '四十三',
      description: 'Days to fix a finding of each severity, from the scan that reported it',
    }),
  },
});
