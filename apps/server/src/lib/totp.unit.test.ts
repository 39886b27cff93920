import { describe, expect, it } from 'vitest';
import { SECURITY_POLICY } from './security-policy.js';
import { createTotpSecret, generateTotp, totpUri, verifyTotp } from './totp.js';
import { isLongEnough } from './passwords.js';

describe('TOTP', () => {
  const secret = createTotpSecret();
  const now = new Date('2026-11-24T08:00:10Z');
  const step = Math.floor(now.getTime() / 30_000);

  it('accepts codes from the previous, current and next 30-second step only', async () => {
    for (const offset of [-1, 0, 1]) {
      const code = await generateTotp({ secret, at: new Date(now.getTime() + offset * 30_000) });
      expect(await verifyTotp({ secret, code, now })).toEqual({ valid: true, step: step + offset });
    }
    for (const offset of [-2, 2]) {
      const code = await generateTotp({ secret, at: new Date(now.getTime() + offset * 30_000) });
      expect((await verifyTotp({ secret, code, now })).valid).toBe(false);
    }
  });

  it('refuses a step at or before the last accepted one', async () => {
    const code = await generateTotp({ secret, at: now });
    expect((await verifyTotp({ secret, code, now, afterStep: step })).valid).toBe(false);
    expect((await verifyTotp({ secret, code, now, afterStep: step - 1 })).valid).toBe(true);
  });

  it('treats malformed input as a wrong code', async () => {
    expect((await verifyTotp({ secret, code: 'abcdef', now })).valid).toBe(false);
    expect((await verifyTotp({ secret: 'not base32!', code: '123456', now })).valid).toBe(false);
  });

  it('builds an otpauth URI with the Custodian issuer and 6 digits', () => {
    const uri = new URL(totpUri({ secret, label: 'admin@moe.gov.tw' }));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('issuer')).toBe(SECURITY_POLICY.mfa.issuer);
    expect(uri.searchParams.get('secret')).toBe(secret);
  });
});

describe('password length', () => {
  it('counts characters, not UTF-16 units', () => {
    expect(isLongEnough('密碼密碼密碼密碼密碼密碼')).toBe(true);
    expect(isLongEnough('🔒🔒🔒🔒🔒🔒')).toBe(false);
    expect(isLongEnough('12345678901')).toBe(false);
  });
});
