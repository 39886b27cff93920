import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const KEY_FILE = 'encryption.key';
const FIELD_PREFIX = 'v1';

/**
 * Keys derived from the one master key: field encryption, audit chain HMAC, CSRF tokens,
 * audit checkpoints and backup manifests. Each purpose has its own key, so a value made
 * for one (say, a checkpoint's HMAC) can never pass for another (an event's hash).
 */
export type KeyRing = {
  fingerprint: string;
  fieldKey: Buffer;
  auditKey: Buffer;
  csrfKey: Buffer;
  checkpointKey: Buffer;
  backupKey: Buffer;
};

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `custodian:${purpose}`, 32));
}

/** Builds the key ring from a 32-byte master key. */
export function keyRingFrom(master: Buffer): KeyRing {
  if (master.length !== 32) {
    throw new Error('The encryption key must be 32 bytes');
  }
  return {
    fingerprint: sha256Hex(derive(master, 'fingerprint')).slice(0, 16),
    fieldKey: derive(master, 'field-encryption'),
    auditKey: derive(master, 'audit-chain'),
    csrfKey: derive(master, 'csrf'),
    checkpointKey: derive(master, 'audit-checkpoint'),
    backupKey: derive(master, 'backup-manifest'),
  };
}

/**
 * Loads the master key from ENCRYPTION_KEY, or from DATA_DIR/encryption.key, generating
 * the file with mode 0600 on first run.
 */
export function loadKeyRing(options: { envKey?: string | undefined; dataDir?: string | undefined }): KeyRing {
  if (options.envKey) {
    return keyRingFrom(Buffer.from(options.envKey, 'base64'));
  }
  if (!options.dataDir) {
    return keyRingFrom(randomBytes(32));
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const path = join(options.dataDir, KEY_FILE);
  if (!existsSync(path)) {
    writeFileSync(path, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(path, 0o600);
  return keyRingFrom(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64'));
}

export const KEY_FILE_NAME = KEY_FILE;

/** AES-256-GCM encryption of a personal-data field: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function encryptField(keys: KeyRing, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.fieldKey, iv);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FIELD_PREFIX, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join('.');
}

/** Decrypts a value from encryptField; throws if it was altered or the key differs. */
export function decryptField(keys: KeyRing, value: string): string {
  const [prefix, iv, tag, ct] = value.split('.');
  if (prefix !== FIELD_PREFIX || !iv || !tag || ct === undefined) {
    throw new Error('Not an encrypted field value');
  }
  const decipher = createDecipheriv('aes-256-gcm', keys.fieldKey, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hmacHex(key: Buffer, data: string): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** URL-safe random token with the given number of random bytes. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Constant-time comparison of two strings. */
export function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
