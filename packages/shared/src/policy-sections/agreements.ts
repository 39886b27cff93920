import { definePolicySection, integerRule, tableRule } from '../policy-descriptors.js';

/**
 * The agreements module's section (item 六 and the seed's 保密合約書): the agreement's term
 * (第四條 一「有效期限【三】年」), the notice period of a termination (第四條 二, thirty days),
 * how long a personal commitment (附件二) stays valid, the reminders before either expires,
 * and how long the unit keeps its e-mail records (第二條 二, at least six months). Read by
 * `apps/server/src/modules/agreements/agreements.rules.ts`.
 *
 * The section was added after version 1, so its rules have no `version1` (ADR 0015). A
 * version that does not hold it (or one of its rules) falls back to the figures printed in
 * the seed's form, `AGREEMENT_FORM_RULES`: the form itself fixes them, so they are the text
 * of the agreement rather than a default invented here. The commitment's validity is the
 * agreement's term unless a version sets `commitmentValidityYears`; a commitment never
 * outlives its agreement.
 */
export const agreementsSection = definePolicySection({
  key: 'agreements',
  module: 'agreements',
  titleKey: 'agreements.policyRules.title',
  description: 'Confidentiality agreements and commitments (item 六)',
  fields: {
    termYears: integerRule({
      unit: 'years',
      min: 1,
      max: 10,
      labelKey: 'agreements.policyRules.termYears',
      item: '六',
      description: 'Term of a confidentiality agreement from its signing date, in years (第四條 一)',
    }),
    terminationNoticeDays: integerRule({
      unit: 'days',
      min: 0,
      max: 365,
      labelKey: 'agreements.policyRules.terminationNoticeDays',
      item: '六',
      description: 'Days after a written termination notice is received before it takes effect (第四條 二)',
    }),
    commitmentValidityYears: integerRule({
      unit: 'years',
      min: 1,
      max: 10,
      labelKey: 'agreements.policyRules.commitmentValidityYears',
      item: '六',
      description:
        "Validity of a personal commitment (附件二) from its signing, in years; absent: the agreement's term. Never beyond the agreement's end",
    }),
    reminderDays: tableRule({
      keys: ['first', 'second', 'third'],
      keyLabelKey: 'agreements.policyRules.reminders',
      cell: { kind: 'integer', unit: 'days', min: 0, max: 365 },
      labelKey: 'agreements.policyRules.reminderDays',
      item: '六',
      description: 'Days before an agreement or a commitment expires when its unit and signer are reminded',
    }),
    emailRetentionMonths: integerRule({
      unit: 'months',
      min: 6,
      max: 120,
      labelKey: 'agreements.policyRules.emailRetentionMonths',
      item: '六',
      description: 'Months the unit keeps its e-mail records (第二條 二, at least six)',
    }),
  },
});

/** The figures the seed's 保密合約書 prints: used for any rule a version does not hold. */
export const AGREEMENT_FORM_RULES = {
  termYears: 3,
  terminationNoticeDays: 30,
  reminderDays: { first: 60, second: 30, third: 7 },
  emailRetentionMonths: 6,
} as const;
