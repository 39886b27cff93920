import { z } from 'zod';
import { definePolicyValueSection, obligationListRule } from '../policy-descriptors.js';
import { isPolicyDuration } from '../policy-duration.js';
import { parsePolicyRecurrence } from '../policy-recurrence.js';
import { AGREEMENT_FORM_RULES } from './agreements.js';

/*
 * The obligation rules of the compliance calendar (issue 13), owned by the obligations
 * module (apps/server/src/modules/obligations). Each rule names the record type that
 * triggers it, the period from that record's date to the due day, the regulation item it
 * serves, whether a due day on a rest day moves to the next working day (Civil Code
 * Art. 122), the reminder thresholds, who is responsible and when the business owner and
 * then the Ministry's security office are told. The section was added after version 1:
 * versions published before it hold no obligation rules, so no obligations are computed
 * under them ("not in force", ADR 0015).
 */

/** Who answers for an obligation. */
export const OBLIGATION_RESPONSIBLE = [
  'unit_admin',
  'record_owner',
  'record_owner_and_unit_admin',
  'ministry_admin',
] as const;
export const ObligationResponsibleSchema = z
  .enum(OBLIGATION_RESPONSIBLE)
  .describe(
    "unit_admin: the unit's administrators; record_owner: the person the record names (else the unit's administrators); record_owner_and_unit_admin: that person and the unit's administrators; ministry_admin: the Ministry's security office",
  );
export type ObligationResponsible = z.infer<typeof ObligationResponsibleSchema>;

const RULE_ID = /^[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*)+$/;
const TRIGGER = /^[a-z][a-zA-Z0-9]*(?:\.[a-z][a-zA-Z0-9]*)*$/;

/**
 * A period: an ISO 8601 duration from the record's date (`P1Y`, `P30D`; `P0D` is the
 * record's own date, e.g. an expiry day) or a recurrence (`FREQ=MONTHLY;INTERVAL=6`).
 * A negative duration (`-P1D`) is neither.
 */
export const ObligationPeriodSchema = z
  .string()
  .min(2)
  .max(200)
  .refine((text) => isPolicyDuration(text) || parsePolicyRecurrence(text) !== undefined, {
    message: 'not a non-negative ISO 8601 duration (P1Y, P30D) nor a recurrence (FREQ=MONTHLY;INTERVAL=6)',
  })
  .describe('ISO 8601 duration from the record date, or an RRULE recurrence');

export const ObligationRuleSchema = z
  .strictObject({
    id: z.string().max(80).regex(RULE_ID, 'dotted camelCase id, e.g. contacts.reconfirm').describe('Rule id'),
    item: z.string().trim().min(1).max(40).describe('Regulation item, e.g. 十 or 三十五(七)'),
    trigger: z
      .string()
      .max(80)
      .regex(TRIGGER, 'dotted camelCase record type, e.g. system.contacts')
      .describe('Record type whose records trigger the rule (a provider registered by the owning module)'),
    period: ObligationPeriodSchema.optional(),
    periodByLevel: z
      .strictObject({ A: ObligationPeriodSchema, B: ObligationPeriodSchema, C: ObligationPeriodSchema })
      .optional()
      .describe(
        'A period per responsibility level of the unit (scans, penetration tests); units without a level get no instance',
      ),
    shiftToWorkingDay: z
      .boolean()
      .describe('Civil Code Art. 122: a due day on a rest day moves to the next working day (day-based periods)'),
    reminderDays: z
      .array(z.number().int().min(0).max(365))
      .max(5)
      .describe('Reminder thresholds, days before the due day (0: on the due day)'),
    responsible: ObligationResponsibleSchema,
    escalation: z
      .strictObject({
        businessOwnerAfterDays: z
          .number()
          .int()
          .min(0)
          .max(365)
          .describe('Days overdue before the business owner is told'),
        ministryAfterDays: z
          .number()
          .int()
          .min(0)
          .max(730)
          .describe("Days overdue before the Ministry's security office is told"),
      })
      .nullable()
      .describe('Escalation when overdue; null for none'),
  })
  .superRefine((rule, ctx) => {
    if ((rule.period === undefined) === (rule.periodByLevel === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['period'], message: 'give either period or periodByLevel' });
    }
    if (new Set(rule.reminderDays).size !== rule.reminderDays.length) {
      ctx.addIssue({ code: 'custom', path: ['reminderDays'], message: 'thresholds are distinct' });
    }
    if (rule.escalation && rule.escalation.ministryAfterDays < rule.escalation.businessOwnerAfterDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['escalation', 'ministryAfterDays'],
        message: 'the Ministry is told after the business owner',
      });
    }
  })
  .describe('One obligation rule');
export type ObligationRule = z.infer<typeof ObligationRuleSchema>;

const reminders = [30, 7, 0];
const escalation = { businessOwnerAfterDays: 7, ministryAfterDays: 30 };

/** The record types of item 六 (apps/server/src/modules/agreements/agreements.obligations.ts). */
export const AGREEMENT_OBLIGATION_TRIGGERS = {
  commitment: 'agreement.commitment',
  agreement: 'agreement.expiry',
} as const;

/** Item 六's reminders: the seed form's 60, 30 and 7 days (the agreements section's defaults), and the day itself. */
const agreementReminders = [...Object.values(AGREEMENT_FORM_RULES.reminderDays), 0];

/**
 * Item 六: a personal commitment's last day (the signer, who renews it, and the unit's
 * administrators, who see who is blocked) and a signed agreement's end (the unit's
 * administrators). Part of the suggested set below.
 */
export const AGREEMENT_OBLIGATION_RULES: ObligationRule[] = [
  {
    id: 'agreements.commitmentExpiry',
    item: '六',
    trigger: AGREEMENT_OBLIGATION_TRIGGERS.commitment,
    period: 'P0D',
    shiftToWorkingDay: false,
    reminderDays: agreementReminders,
    responsible: 'record_owner_and_unit_admin',
    escalation,
  },
  {
    id: 'agreements.agreementExpiry',
    item: '六',
    trigger: AGREEMENT_OBLIGATION_TRIGGERS.agreement,
    period: 'P0D',
    shiftToWorkingDay: false,
    reminderDays: agreementReminders,
    responsible: 'unit_admin',
    escalation,
  },
];

/**
 * The rules the issue lists, as a ministry_admin first publishes them (the publish form
 * offers them while the version in force holds none). Record-dated duties (expiries) have
 * period P0D: the record's own date is the due day.
 */
export const SUGGESTED_OBLIGATION_RULES: ObligationRule[] = [
  {
    id: 'contracts.dutyNotice',
    item: '二',
    trigger: 'contract.dutyNotice',
    period: 'P30D',
    shiftToWorkingDay: true,
    reminderDays: [7, 0],
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'contacts.reconfirm',
    item: '十',
    trigger: 'system.contacts',
    period: 'P1Y',
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'record_owner',
    escalation,
  },
  {
    id: 'allocations.expiry',
    item: '十一',
    trigger: 'allocation.expiry',
    period: 'P0D',
    shiftToWorkingDay: false,
    reminderDays: [60, 30, 7, 0],
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'allocations.renewalDecision',
    item: '十一',
    trigger: 'allocation.renewalPending',
    period: 'P14D',
    shiftToWorkingDay: true,
    reminderDays: [3, 0],
    responsible: 'ministry_admin',
    escalation: null,
  },
  {
    id: 'vendors.qualificationExpiry',
    item: '三十九',
    trigger: 'vendor.qualification',
    period: 'P0D',
    shiftToWorkingDay: false,
    reminderDays: [60, 30, 0],
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'contracts.clauses',
    item: '三',
    trigger: 'contract.missingClauses',
    period: 'P30D',
    shiftToWorkingDay: true,
    reminderDays: [7, 0],
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'contracts.riskAssessment',
    item: '十二',
    trigger: 'contract.riskAssessment',
    period: 'P30D',
    shiftToWorkingDay: true,
    reminderDays: [7, 0],
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'periodic.firewallReview',
    item: '十五',
    trigger: 'periodic.firewallReview',
    period: 'FREQ=MONTHLY;INTERVAL=6',
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'periodic.vulnerabilityScan',
    item: '十七',
    trigger: 'periodic.vulnerabilityScan',
    periodByLevel: { A: 'P6M', B: 'P1Y', C: 'P2Y' },
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'periodic.penetrationTest',
    item: '四十二',
    trigger: 'periodic.penetrationTest',
    periodByLevel: { A: 'P1Y', B: 'P2Y', C: 'P2Y' },
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'unit_admin',
    escalation,
  },
  {
    // A system's findings past their remediation due day (scans section): one instance per
    // system, due on the earliest (modules/scans/scans.obligations.ts).
    id: 'scans.overdueFindings',
    item: '四十三',
    trigger: 'scan.overdueFindings',
    period: 'P0D',
    shiftToWorkingDay: false,
    reminderDays: [0],
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'periodic.accessReview',
    item: '二十二',
    trigger: 'periodic.accessReview',
    period: 'P6M',
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'periodic.backupVerification',
    item: '二十九',
    trigger: 'periodic.backupVerification',
    period: 'P1Y',
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'periodic.continuityDrill',
    item: '四十三(一)3',
    trigger: 'periodic.continuityDrill',
    period: 'P1Y',
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'periodic.logReview',
    item: '三十二',
    trigger: 'periodic.logReview',
    period: 'P1Y',
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'unit_admin',
    escalation,
  },
  {
    id: 'periodic.distributionListReview',
    item: '三十五(七)',
    trigger: 'periodic.distributionListReview',
    period: 'P1Y',
    shiftToWorkingDay: true,
    reminderDays: reminders,
    responsible: 'unit_admin',
    escalation,
  },
  ...AGREEMENT_OBLIGATION_RULES,
];

/** The obligations module's section: the obligation rules (absent before it was first published). */
export const obligationsSection = definePolicyValueSection({
  key: 'obligations',
  module: 'obligations',
  titleKey: 'obligations.policyRules.title',
  description: 'Obligation rules of the compliance calendar (issue 13)',
  rule: obligationListRule({
    ruleSchema: ObligationRuleSchema,
    labelKey: 'obligations.policyRules.rules',
    item: '二、十、十一、十五、十七、二十二、二十九、三十二、三十五、三十九、四十二、四十三',
    description:
      'Obligation rules: trigger, period, regulation item, working-day shift, reminders, responsibility, escalation',
  }),
});
