import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

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
});
