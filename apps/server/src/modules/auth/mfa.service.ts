import { randomInt } from 'node:crypto';
import type { Executor } from '../../db/client.js';
import type { AppDeps } from '../../lib/context.js';
import { decryptField, sha256Hex } from '../../lib/crypto.js';
import { SECURITY_POLICY } from '../../lib/security-policy.js';
import { verifyTotp } from '../../lib/totp.js';
import { consumeRecoveryCode, replaceRecoveryCodes } from './auth.repository.js';
import { claimTotpStep } from '../users/users.service.js';

/** No 0/o, 1/l/i: recovery codes are typed from paper. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_HALF = 5;

function randomChunk(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) {
    out += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)];
  }
  return out;
}

/** Lower-cases and drops spaces and dashes, so `ABCDE-FGHJK` and `abcdefghjk` match. */
export function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/** Only the SHA-256 of a recovery code is stored: they are random, so no salt or Argon2 is needed. */
export function hashRecoveryCode(code: string): string {
  return sha256Hex(normaliseRecoveryCode(code));
}

/**
 * Issues a fresh set of recovery codes for a user inside the caller's transaction; the
 * previous set stops working. Returns the plain codes, to be shown once.
 */
export async function issueRecoveryCodes(tx: Executor, userId: string): Promise<string[]> {
  const codes = Array.from(
    { length: SECURITY_POLICY.mfa.recoveryCodeCount },
    () => `${randomChunk(RECOVERY_HALF)}-${randomChunk(RECOVERY_HALF)}`,
  );
  await replaceRecoveryCodes(tx, userId, codes.map(hashRecoveryCode));
  return codes;
}

/** Deletes all of a user's recovery codes (MFA disabled). */
export async function clearRecoveryCodes(tx: Executor, userId: string): Promise<void> {
  await replaceRecoveryCodes(tx, userId, []);
}

/** Uses up a recovery code; false when it is unknown or already used. */
export async function useRecoveryCode(tx: Executor, input: { userId: string; code: string }): Promise<boolean> {
  return consumeRecoveryCode(tx, { userId: input.userId, codeHash: hashRecoveryCode(input.code), now: new Date() });
}

type MfaUser = { id: string; mfaSecretEnc: string | null; mfaLastStep: number | null };

/**
 * Checks a TOTP code against the user's enrolled secret within the allowed drift, and
 * records its time step so the same code (or an older one) is never accepted again.
 */
export async function useTotpCode(
  tx: Executor,
  deps: Pick<AppDeps, 'keys'>,
  input: { user: MfaUser; code: string },
): Promise<boolean> {
  if (!input.user.mfaSecretEnc) {
    return false;
  }
  const secret = decryptField(deps.keys, input.user.mfaSecretEnc);
  const result = await verifyTotp({ secret, code: input.code, afterStep: input.user.mfaLastStep });
  if (!result.valid) {
    return false;
  }
  return claimTotpStep(tx, { userId: input.user.id, step: result.step });
}
