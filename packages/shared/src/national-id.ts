/**
 * Taiwan national ID (身分證字號) and resident-permit numbers: one letter, then 1/2
 * (citizens) or 8/9 (new-style resident permits), then 8 digits, the last a checksum.
 */
const LETTER_VALUES = 'ABCDEFGHJKLMNPQRSTUVXYWZIO';

/** True when the number is well-formed and its checksum holds. */
export function isValidNationalId(raw: string): boolean {
  const id = raw.trim().toUpperCase();
  if (!/^[A-Z][1289]\d{8}$/.test(id)) {
    return false;
  }
  const letterIndex = LETTER_VALUES.indexOf(id.charAt(0));
  const code = letterIndex + 10;
  const digits = [Math.floor(code / 10), code % 10, ...id.slice(1).split('').map(Number)];
  const weights = [1, 9, 8, 7, 6, 5, 4, 3, 2, 1, 1];
  const sum = digits.reduce((acc, d, i) => acc + d * (weights[i] ?? 0), 0);
  return sum % 10 === 0;
}

/** A123456789 → A12****789, for display. */
export function maskNationalId(raw: string): string {
  const id = raw.trim().toUpperCase();
  if (id.length < 6) {
    return '*'.repeat(id.length);
  }
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 6)}${id.slice(-3)}`;
}
