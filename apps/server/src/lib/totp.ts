import { generate, generateSecret, generateURI, verify } from 'otplib';
import { SECURITY_POLICY } from './security-policy.js';

const { periodSeconds, digits, windowSteps, issuer } = SECURITY_POLICY.mfa;

/** A new random Base32 TOTP secret (160 bits). */
export function createTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The otpauth:// URI authenticator apps scan. */
export function totpUri(options: { secret: string; label: string }): string {
  return generateURI({ issuer, label: options.label, secret: options.secret, digits, period: periodSeconds });
}

/**
 * Verifies a code within ±windowSteps of `now`. Codes from `afterStep` or earlier are
 * refused, so an accepted code cannot be replayed. Returns the matched time step.
 */
export async function verifyTotp(options: {
  secret: string;
  code: string;
  afterStep?: number | null;
  /** The instant the code is checked at, from the caller's clock. */
  now: Date;
}): Promise<{ valid: true; step: number } | { valid: false }> {
  try {
    const result = await verify({
      secret: options.secret,
      token: options.code,
      digits,
      period: periodSeconds,
      epochTolerance: windowSteps * periodSeconds,
      epoch: Math.floor(options.now.getTime() / 1000),
      ...(options.afterStep !== null && options.afterStep !== undefined ? { afterTimeStep: options.afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? { valid: true, step: result.timeStep } : { valid: false };
  } catch {
    return { valid: false };
  }
}

/** The code for a moment; tests and the demo seed use it. */
export async function generateTotp(options: { secret: string; at: Date }): Promise<string> {
  return generate({
    secret: options.secret,
    digits,
    period: periodSeconds,
    epoch: Math.floor(options.at.getTime() / 1000),
  });
}
