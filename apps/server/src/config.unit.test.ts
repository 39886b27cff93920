import { describe, expect, it } from 'vitest';
import { ConfigError, listenAddressUrl, loadConfig } from './config.js';

describe('config', () => {
  it('has working defaults: PGlite in ./data on 127.0.0.1:8080', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8080);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.dataDir).toMatch(/\/data$/);
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.isSecure).toBe(false);
    expect(c.MFA_REQUIRED_FOR_MINISTRY).toBe(true);
  });

  it('switches to PostgreSQL with a postgres:// URL and to Secure cookies with https', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@127.0.0.1/db', PUBLIC_URL: 'https://custodian.moe.edu.tw' });
    expect(c.DATABASE_URL).toBe('postgres://u@127.0.0.1/db');
    expect(c.isSecure).toBe(true);
  });

  it('lists every problem in one readable error', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', AUDIT_RETENTION_MONTHS: '3' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const message = (err as ConfigError).message;
      for (const key of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'AUDIT_RETENTION_MONTHS']) {
        expect(message).toContain(key);
      }
    }
  });

  it('requires the OIDC settings together', () => {
    expect(() => loadConfig({ OIDC_ISSUER: 'https://sso.example.edu.tw' })).toThrow(/OIDC_CLIENT_ID/);
  });

  it('accepts only a 32-byte base64 encryption key', () => {
    expect(() => loadConfig({ ENCRYPTION_KEY: 'short' })).toThrow(/ENCRYPTION_KEY/);
    expect(loadConfig({ ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }).ENCRYPTION_KEY).toBeDefined();
  });

  it('refuses the test clock setting outside tests, so a production start cannot run at a made-up time', () => {
    expect(() => loadConfig({ CUSTODIAN_TEST_NOW: '2027-01-01T00:00:00Z' })).toThrow(
      /CUSTODIAN_TEST_NOW.*NODE_ENV=test/,
    );
    expect(() => loadConfig({ CUSTODIAN_TEST_NOW: '2027-01-01T00:00:00Z', NODE_ENV: 'production' })).toThrow(
      ConfigError,
    );
    expect(loadConfig({}).testNow).toBeUndefined();
  });

  it('starts a test process at the instant CUSTODIAN_TEST_NOW names', () => {
    const c = loadConfig({ CUSTODIAN_TEST_NOW: '2027-01-01T08:00:00+08:00', NODE_ENV: 'test' });
    expect(c.testNow?.toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(() => loadConfig({ CUSTODIAN_TEST_NOW: 'tomorrow', NODE_ENV: 'test' })).toThrow(/CUSTODIAN_TEST_NOW/);
  });

  it('defaults PUBLIC_URL to the listening address, not to a fixed port', () => {
    const c = loadConfig({ PORT: '18481' });
    expect(c.PUBLIC_URL).toBe('http://127.0.0.1:18481');
    expect(c.publicUrlFromListen).toBe(true);
    expect(loadConfig({ PORT: '18481', HOST: 'custodian.lan' }).PUBLIC_URL).toBe('http://custodian.lan:18481');
    expect(listenAddressUrl('0.0.0.0', 18481)).toBe('http://127.0.0.1:18481');
    expect(listenAddressUrl('::', 18481)).toBe('http://[::1]:18481');
    expect(listenAddressUrl('fd00::5', 80)).toBe('http://[fd00::5]:80');
  });
});
