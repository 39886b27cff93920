import { hash, verify } from '@node-rs/argon2';
import { SECURITY_POLICY } from './security-policy.js';

/** `Algorithm.Argon2id` from @node-rs/argon2 (a const enum, which isolated modules cannot import). */
const ARGON2ID = 2;

/** Argon2id with the OWASP-recommended minimum cost (19 MiB, 2 iterations). */
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = SECURITY_POLICY.password.minLength;
export const PASSWORD_HISTORY_DEPTH = SECURITY_POLICY.password.historyDepth;

/** Hashes a password with Argon2id. */
export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

/** Checks a password against an Argon2 hash; a malformed hash is a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends one Argon2 verification against a throw-away hash and returns false. Used when
 * there is no account or no password, so response time does not reveal which e-mail exists.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword('custodian-dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
  return false;
}

/** Password length as people count it: Unicode code points, not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/** Whether a password meets the minimum length of the security policy. */
export function isLongEnough(password: string): boolean {
  return passwordLength(password) >= SECURITY_POLICY.password.minLength;
}
