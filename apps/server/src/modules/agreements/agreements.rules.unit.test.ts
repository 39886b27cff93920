import { describe, expect, it } from 'vitest';
import { INITIAL_POLICY_RULES } from '@custodian/shared';
import {
  agreementRulesOf,
  agreementStatusOn,
  commitmentExpiresOn,
  commitmentStateOn,
  lastDayOfTerm,
  terminationEffectiveOn,
} from './agreements.rules.js';

const signed = {
  signedOn: '2026-11-24',
  expiresOn: '2029-11-23',
  accepted: [true, true, true, true, true, true],
  confirmedAt: new Date('2026-11-24T02:00:00Z'),
  signedScanAttachmentId: null,
};

describe('agreement rules (item 六, 第四條)', () => {
  it('ends a term on the day before the same date N years on (Civil Code Art. 121)', () => {
    expect(lastDayOfTerm('2026-11-24', 3)).toBe('2029-11-23');
    expect(lastDayOfTerm('2026-01-01', 3)).toBe('2028-12-31');
    // No 29 February in the last year: the month's last day.
    expect(lastDayOfTerm('2024-02-29', 3)).toBe('2027-02-28');
  });

  it('takes a termination effect thirty days after the notice', () => {
    expect(terminationEffectiveOn('2026-12-01', 30)).toBe('2026-12-31');
    expect(terminationEffectiveOn('2026-12-15', 30)).toBe('2027-01-14');
  });

  it("caps a commitment at the agreement's end and uses the term when the policy sets no validity", () => {
    const base = { signedOn: '2027-06-01', agreementTermYears: 3 };
    expect(commitmentExpiresOn({ ...base, validityYears: undefined, agreementEndsOn: null })).toBe('2030-05-31');
    expect(commitmentExpiresOn({ ...base, validityYears: 1, agreementEndsOn: null })).toBe('2028-05-31');
    expect(commitmentExpiresOn({ ...base, validityYears: undefined, agreementEndsOn: '2029-11-23' })).toBe(
      '2029-11-23',
    );
  });

  it('falls back to the seed form’s figures for a version without the section', () => {
    expect(agreementRulesOf(INITIAL_POLICY_RULES)).toEqual({
      termYears: 3,
      terminationNoticeDays: 30,
      commitmentValidityYears: undefined,
      reminderDays: [60, 30, 7],
      emailRetentionMonths: 6,
    });
  });

  it('derives states: missing, unsigned, valid, expired; terminated and expired agreements', () => {
    expect(commitmentStateOn(undefined, '2027-01-01')).toBe('missing');
    expect(commitmentStateOn({ ...signed, confirmedAt: null }, '2027-01-01')).toBe('unsigned');
    expect(commitmentStateOn({ ...signed, accepted: [true, true, true, true, true, false] }, '2027-01-01')).toBe(
      'unsigned',
    );
    expect(commitmentStateOn(signed, '2029-11-23')).toBe('valid');
    expect(commitmentStateOn(signed, '2029-11-24')).toBe('expired');
    const agreement = { status: 'signed' as const, endsOn: '2029-11-23', terminationEffectiveOn: null };
    expect(agreementStatusOn(agreement, '2029-11-23')).toBe('signed');
    expect(agreementStatusOn(agreement, '2029-11-24')).toBe('expired');
    expect(agreementStatusOn({ ...agreement, terminationEffectiveOn: '2027-01-01' }, '2027-01-01')).toBe('terminated');
    expect(agreementStatusOn({ ...agreement, status: 'draft' }, '2031-01-01')).toBe('draft');
  });
});
