import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { SECURITY_POLICY } from './security-policy.js';

/** What the strength estimate found: zxcvbn's score (0–4) and its warning key, if any. */
export type PasswordStrength = {
  score: number;
  /** zxcvbn's untranslated warning key (`simpleRepeat`, `userInputs`, …), for logs and tests. */
  warning: string | null;
  isStrongEnough: boolean;
};

/** Who the password is for: what an attacker targeting the account knows about its owner. */
export type PasswordOwner = {
  name?: string | null;
  email?: string | null;
  /** Further words tied to the account, e.g. the organisation's name at first-run setup. */
  context?: readonly (string | null | undefined)[];
};

/** Words every account of this platform shares, so they add no strength to its passwords. */
const PLATFORM_WORDS = ['custodian'];

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * The estimator, built once on first use: loading and ranking the dictionaries takes a
 * second or more and some 50 MB, which the server should not pay at start-up for
 * something done rarely. The dictionaries are imported here, not at the top, for the
 * same reason.
 */
function loadEstimator(): Promise<ZxcvbnFactory> {
  if (!estimator) {
    estimator = buildEstimator();
    estimator.catch(() => {
      // A failed load is retried on the next call rather than kept.
      estimator = undefined;
    });
  }
  return estimator;
}

async function buildEstimator(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory: Factory }, common, en] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  const { analysedLength, l33tMaxVariants } = SECURITY_POLICY.password.strength;
  return new Factory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    // No translations: feedback stays as keys (`simpleRepeat`), and our messages are our own.
    maxLength: analysedLength,
    l33tMaxSubstitutions: l33tMaxVariants,
  });
}

const SEPARATORS = /[\s._+\-@'’·,]+/u;

/** A word and, when it has several parts, the parts (2+ characters) and the parts run together. */
function withPieces(value: string | null | undefined): string[] {
  const word = value?.normalize('NFKC').trim().toLowerCase();
  if (!word) {
    return [];
  }
  const pieces = word.split(SEPARATORS).filter((piece) => [...piece].length >= 2);
  return pieces.length > 1 ? [word, pieces.join(''), ...pieces] : [word];
}

/** The e-mail address split into its local part and domain. */
function splitEmail(email: string | null | undefined): { local: string | null; domain: string | null } {
  const at = email?.lastIndexOf('@') ?? -1;
  return email && at > 0 ? { local: email.slice(0, at), domain: email.slice(at + 1) } : { local: null, domain: null };
}

/**
 * The words an attacker would try first for this owner: the name and its parts, the
 * e-mail address, its local part and domain and the pieces of each (split at dots,
 * hyphens and the like), the context words and the platform's own name. zxcvbn counts
 * these as nearly free guesses.
 */
export function ownerWords(owner: PasswordOwner): string[] {
  const { local, domain } = splitEmail(owner.email);
  const values = [owner.name, owner.email, local, domain, ...(owner.context ?? []), ...PLATFORM_WORDS];
  return [...new Set(values.flatMap(withPieces))].filter((word) => [...word].length >= 2);
}

/**
 * Length as the personal-word rule counts it: a Han character (a syllable, often a whole
 * given name in two) counts as two, so 王五 is as distinctive as "chen".
 */
function distinctiveLength(word: string): number {
  return [...word].reduce((sum, char) => sum + (/\p{Script=Han}/u.test(char) ? 2 : 1), 0);
}

/**
 * The owner's name and e-mail local part, with their parts, that a password may not
 * contain: those long enough (`personalWordMinLength`) not to be mere syllables.
 */
export function personalWords(owner: PasswordOwner): string[] {
  const { minLength } = SECURITY_POLICY.password.strength.personalWords;
  const words = [...withPieces(owner.name), ...withPieces(splitEmail(owner.email).local)];
  return [...new Set(words)].filter((word) => distinctiveLength(word) >= minLength);
}

/**
 * Estimates how guessable a password is (zxcvbn, with the common-password and English
 * dictionaries), treating the owner's name and e-mail as known to the attacker: a password
 * of repeats (`aaaaaaaaaaaa`), sequences (`123456789012`) or common passwords
 * (`password1234`) scores low. A password containing the owner's name, the local part of
 * their e-mail address or a distinctive part of either is refused whatever its score, the
 * complexity rule of Windows and the GCB baselines. Only the first `analysedLength`
 * characters are estimated.
 */
export async function estimatePasswordStrength(password: string, owner: PasswordOwner): Promise<PasswordStrength> {
  const zxcvbn = await loadEstimator();
  const result = zxcvbn.check(password, ownerWords(owner));
  const folded = password.normalize('NFKC').toLowerCase();
  const hasPersonalWord = personalWords(owner).some((word) => folded.includes(word));
  return {
    score: result.score,
    warning: hasPersonalWord ? 'userInputs' : result.feedback.warning,
    isStrongEnough: result.score >= SECURITY_POLICY.password.strength.minScore && !hasPersonalWord,
  };
}
