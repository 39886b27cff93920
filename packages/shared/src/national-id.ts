/**
 * Taiwan personal numbers: the national ID (身分證字號) and the resident-certificate numbers
 * (居留證統一證號) that foreign staff at vendors carry.
 *
 * - Citizen: a letter (the registering area), then 1 (male) or 2 (female), then 8 digits.
 * - New-style resident certificate (2021 onwards): a letter, then 8 (male) or 9 (female),
 *   then 8 digits.
 * - Old-style resident certificate: two letters, then 8 digits. The second letter is A or C
 *   (male) or B or D (female); it goes through the same letter table and only the last
 *   digit of its code counts (A=10 → 0, B=11 → 1, C=12 → 2, D=13 → 3). The old numbers stay
 *   valid until 2030-12-31 (內政部移民署: 舊式統一證號 usable until the end of 2030).
 *
 * All three share one checksum: the first letter's two-digit code, then the second
 * character's digit and the 8 digits, weighted 1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1; the sum is
 * a multiple of 10.
 */
const LETTER_VALUES = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** The last day an old-style resident certificate number (two letters, 8 digits) is accepted. */
export const OLD_RESIDENT_CERTIFICATE_VALID_UNTIL = '2030-12-31';

export type NationalIdKind = 'citizen' | 'resident' | 'resident_old';
export type NationalIdSex = 'male' | 'female';

export type NationalIdOptions = {
  /**
   * The Taipei calendar day (YYYY-MM-DD) the number is judged on, from the caller's clock.
   * After `oldResidentValidUntil` the old-style resident format is refused. Without it, the
   * old format is judged by shape and checksum only; callers that store a number pass it.
   */
  today?: string;
  /** Policy override of OLD_RESIDENT_CERTIFICATE_VALID_UNTIL. */
  oldResidentValidUntil?: string;
};

/** Trims and upper-cases a typed number: ` a123456789 ` → `A123456789`. */
export function normaliseNationalId(raw: string): string {
  return raw.trim().toUpperCase();
}

/** The letter's code (A=10 … O=35), or -1 for a character that is not a letter. */
function letterCode(letter: string): number {
  const index = LETTER_VALUES.indexOf(letter);
  return index < 0 ? -1 : index + 10;
}

function checksumHolds(firstCode: number, secondDigit: number, rest: string): boolean {
  const digits = [Math.floor(firstCode / 10), firstCode % 10, secondDigit, ...rest.split('').map(Number)];
  const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];
  const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0);
  return sum % 10 === 0;
}

/**
 * What kind of number this is, and the sex it encodes, when its shape and checksum hold
 * (ignoring the 2030 cutoff); null otherwise.
 */
export function parseNationalId(raw: string): { id: string; kind: NationalIdKind; sex: NationalIdSex } | null {
  const id = normaliseNationalId(raw);
  const modern = /^([A-Z])([1289])(\d{8})$/.exec(id);
  if (modern) {
    const [, first = '', second = '', rest = ''] = modern;
    if (!checksumHolds(letterCode(first), Number(second), rest)) {
      return null;
    }
    const kind: NationalIdKind = second === '1' || second === '2' ? 'citizen' : 'resident';
    const sex: NationalIdSex = second === '1' || second === '8' ? 'male' : 'female';
    return { id, kind, sex };
  }
  const old = /^([A-Z])([A-D])(\d{8})$/.exec(id);
  if (old) {
    const [, first = '', second = '', rest = ''] = old;
    if (!checksumHolds(letterCode(first), letterCode(second) % 10, rest)) {
      return null;
    }
    const sex: NationalIdSex = second === 'A' || second === 'C' ? 'male' : 'female';
    return { id, kind: 'resident_old', sex };
  }
  return null;
}

/**
 * True when the number is well-formed, its checksum holds and, for an old-style resident
 * certificate judged on `options.today`, that day is not after the cutoff. Lower case and
 * surrounding spaces are accepted (store `normaliseNationalId(raw)`).
 */
export function isValidNationalId(raw: string, options: NationalIdOptions = {}): boolean {
  const parsed = parseNationalId(raw);
  if (!parsed) {
    return false;
  }
  if (parsed.kind === 'resident_old' && options.today !== undefined) {
    return options.today <= (options.oldResidentValidUntil ?? OLD_RESIDENT_CERTIFICATE_VALID_UNTIL);
  }
  return true;
}

/** A123456789 → A12****789, for display. */
export function maskNationalId(raw: string): string {
  const id = normaliseNationalId(raw);
  if (id.length < 6) {
    return '*'.repeat(id.length);
  }
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 6)}${id.slice(-3)}`;
}
