import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, normaliseRecoveryCode } from './mfa.service.js';
import { initialStage } from './session.service.js';

describe('recovery codes', () => {
  it('match regardless of case, spaces and dashes', () => {
    expect(normaliseRecoveryCode(' ABCDE-fghjk ')).toBe('abcdefghjk');
    expect(hashRecoveryCode('ABCDE FGHJK')).toBe(hashRecoveryCode('abcde-fghjk'));
    expect(hashRecoveryCode('abcde-fghjk')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('initial session stage', () => {
  const required = { MFA_REQUIRED_FOR_MINISTRY: true };
  const optional = { MFA_REQUIRED_FOR_MINISTRY: false };

  it('asks enrolled users for a code and Ministry roles to enrol when required', () => {
    expect(initialStage(required, { role: 'unit_member', mfaEnabledAt: new Date() })).toBe('mfa_pending');
    expect(initialStage(required, { role: 'ministry_owner', mfaEnabledAt: null })).toBe('mfa_enrolment');
    expect(initialStage(required, { role: 'unit_admin', mfaEnabledAt: null })).toBe('active');
    expect(initialStage(optional, { role: 'ministry_admin', mfaEnabledAt: null })).toBe('active');
  });
});
