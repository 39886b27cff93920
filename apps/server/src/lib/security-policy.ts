/**
 * The account-security numbers in one versioned place (資通系統防護基準, basic level; issue 2 §4).
 * Services read them from here, never from scattered constants, so a later change of the
 * Ministry's baseline is one reviewed edit with a new version label.
 */
export const SECURITY_POLICY = {
  version: '2025-basic-2',
  password: {
    /** Minimum length in characters (Unicode code points). */
    minLength: 12,
    /** A new password may not equal any of this many most recent ones, the current included. */
    historyDepth: 3,
    /** Guessability estimate (zxcvbn, `lib/password-strength.ts`; issue 8 §8). */
    strength: {
      /**
       * Lowest zxcvbn score accepted, 0–4. 3 means at least 10^8 guesses, "safely
       * unguessable" against an offline attack on a slow hash, counting the owner's name
       * and e-mail as known to the attacker.
       */
      minScore: 3,
      personalWords: {
        /**
         * A password may not contain the owner's name, e-mail local part, or a part of
         * either at least this long, a Han character counting two. The complexity rule of
         * Windows and the GCB uses 3; 4 spares syllables such as "lin" in "online".
         */
        minLength: 4,
      },
      /**
       * Characters of a password that the estimate reads, and look-alike spellings
       * (p@ssw0rd) tried per password. The estimate's cost grows steeply with both: with
       * zxcvbn's defaults (256 and 100) an adversarial 256-character password took 8–20 s
       * on the 2-core bench machine under load, with these 0.3–2.4 s (measured as in
       * bench/password-strength.ts), with the same verdicts on our samples. A longer
       * password is judged by its beginning.
       */
      analysedLength: 64,
      l33tMaxVariants: 20,
    },
  },
  lockout: {
    /** Consecutive failed sign-ins (password or MFA) that lock the account. */
    maxFailures: 5,
    /** How long the lock lasts; attempts during the lock do not extend it. */
    lockMinutes: 15,
  },
  mfa: {
    /** TOTP time step in seconds. */
    periodSeconds: 30,
    digits: 6,
    /** Accepted clock drift, in time steps either side of now. */
    windowSteps: 1,
    /** Recovery codes issued at enrolment or regeneration. */
    recoveryCodeCount: 10,
    /** Issuer shown in authenticator apps. */
    issuer: 'Custodian',
  },
  rateLimits: {
    /** Per client IP on sign-in, MFA, setup and invitation routes. */
    auth: { max: 10, timeWindow: '1 minute' },
    /** Per client IP on routes that re-check a password or code of a signed-in user. */
    reauth: { max: 10, timeWindow: '1 minute' },
  },
  apiTokens: {
    maxDays: 365,
  },
} as const;

export type SecurityPolicy = typeof SECURITY_POLICY;
