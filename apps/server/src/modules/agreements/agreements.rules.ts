import { createHash } from 'node:crypto';
import {
  AGREEMENT_FORM_RULES,
  addDurationToDay,
  COMMITMENT_TEXTS,
  sectionInForce,
  type AgreementStatus,
  type CommitmentState,
  type PolicyRules,
} from '@custodian/shared';

/*
 * The agreements module's rules as pure functions of (rules, facts, today): the term and
 * its end, the day a termination takes effect, a commitment's validity and state. The
 * service reads the rule set in force and stores its id on the record.
 */

/** What the rule set says about agreements, with the seed form's figures for rules it does not hold. */
export type AgreementRules = {
  termYears: number;
  terminationNoticeDays: number;
  /** Absent: a commitment is valid as long as the agreement's term. */
  commitmentValidityYears: number | undefined;
  reminderDays: number[];
  emailRetentionMonths: number;
};

/** The agreements rules of a rule set (policy-sections/agreements.ts). */
export function agreementRulesOf(rules: PolicyRules): AgreementRules {
  const section = sectionInForce(rules, 'agreements');
  const reminders = section?.reminderDays ?? AGREEMENT_FORM_RULES.reminderDays;
  return {
    termYears: section?.termYears ?? AGREEMENT_FORM_RULES.termYears,
    terminationNoticeDays: section?.terminationNoticeDays ?? AGREEMENT_FORM_RULES.terminationNoticeDays,
    commitmentValidityYears: section?.commitmentValidityYears,
    reminderDays: [...new Set([reminders.first, reminders.second, reminders.third])].sort((a, b) => b - a),
    emailRetentionMonths: section?.emailRetentionMonths ?? AGREEMENT_FORM_RULES.emailRetentionMonths,
  };
}

/**
 * The last day of a term of `years` from `startsOn` (Civil Code Art. 121): 2026-11-24 + 3
 * years → 2029-11-23; a start on 29 February ends on the 28th of the last year's February.
 */
export function lastDayOfTerm(startsOn: string, years: number): string {
  const corresponding = addDurationToDay(startsOn, `P${years}Y`);
  return corresponding.slice(8) !== startsOn.slice(8) ? corresponding : dayBefore(corresponding);
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/** 第四條 二: termination takes effect `days` after the written notice is received. */
export function terminationEffectiveOn(noticeOn: string, days: number): string {
  return addDurationToDay(noticeOn, `P${days}D`);
}

/**
 * A commitment's last day: its signing day plus the validity (the agreement's term when the
 * rule set sets none), and never after the agreement's own end.
 */
export function commitmentExpiresOn(options: {
  signedOn: string;
  validityYears: number | undefined;
  agreementTermYears: number;
  agreementEndsOn: string | null;
}): string {
  const own = lastDayOfTerm(options.signedOn, options.validityYears ?? options.agreementTermYears);
  return options.agreementEndsOn && options.agreementEndsOn < own ? options.agreementEndsOn : own;
}

/** The agreement's status on `today`: terminated or expired once signed and past those days. */
export function agreementStatusOn(
  row: { status: 'draft' | 'generated' | 'signed'; endsOn: string | null; terminationEffectiveOn: string | null },
  today: string,
): AgreementStatus {
  if (row.status !== 'signed') {
    return row.status;
  }
  if (row.terminationEffectiveOn && row.terminationEffectiveOn <= today) {
    return 'terminated';
  }
  if (row.endsOn && row.endsOn < today) {
    return 'expired';
  }
  return 'signed';
}

/** A commitment's state on `today`: unsigned until signed on paper or confirmed; expired after its last day. */
export function commitmentStateOn(
  row:
    | {
        signedOn: string | null;
        expiresOn: string | null;
        accepted: boolean[];
        confirmedAt: Date | null;
        signedScanAttachmentId: string | null;
      }
    | undefined,
  today: string,
): CommitmentState {
  if (!row) {
    return 'missing';
  }
  const isSigned =
    row.signedOn !== null &&
    row.accepted.every(Boolean) &&
    (row.confirmedAt !== null || row.signedScanAttachmentId !== null);
  if (!isSigned) {
    return 'unsigned';
  }
  if (row.expiresOn && row.expiresOn < today) {
    return 'expired';
  }
  return 'valid';
}

/** Version id of the six commitments' text: a change of wording is a new version. */
export const COMMITMENT_TEXT_VERSION = `t1-${createHash('sha256').update(COMMITMENT_TEXTS.join('\n')).digest('hex').slice(0, 16)}`;
