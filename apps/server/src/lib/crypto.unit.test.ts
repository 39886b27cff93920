import { mkdtempSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decryptField, encryptField, keyRingFrom, loadKeyRing } from './crypto.js';

describe('field encryption', () => {
  const keys = keyRingFrom(Buffer.alloc(32, 3));

  it('round-trips personal data and never stores it in clear', () => {
    const sealed = encryptField(keys, 'A123456789');
    expect(sealed).not.toContain('A123456789');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(decryptField(keys, sealed)).toBe('A123456789');
    expect(encryptField(keys, 'A123456789')).not.toBe(sealed);
  });

  it('detects tampering and a wrong key', () => {
    const sealed = encryptField(keys, '王小明');
    const parts = sealed.split('.');
    const ct = Buffer.from(parts[3] ?? '', 'base64url');
    ct[0] = (ct[0] ?? 0) ^ 1;
    const tampered = [parts[0], parts[1], parts[2], ct.toString('base64url')].join('.');
    expect(() => decryptField(keys, tampered)).toThrow();
    expect(() => decryptField(keyRingFrom(Buffer.alloc(32, 4)), sealed)).toThrow();
  });

  it('derives distinct keys per purpose', () => {
    expect(keys.fieldKey.equals(keys.auditKey)).toBe(false);
    expect(keys.auditKey.equals(keys.csrfKey)).toBe(false);
  });

  it('generates the key file with mode 0600 on first run and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'custodian-key-'));
    const first = loadKeyRing({ dataDir: dir });
    const path = join(dir, 'encryption.key');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(loadKeyRing({ dataDir: dir }).fingerprint).toBe(first.fingerprint);
  });

  it('prefers ENCRYPTION_KEY over the file', () => {
    const env = Buffer.alloc(32, 9).toString('base64');
    expect(loadKeyRing({ envKey: env, dataDir: '/nonexistent' }).fingerprint).toBe(
      keyRingFrom(Buffer.alloc(32, 9)).fingerprint,
    );
  });
});
