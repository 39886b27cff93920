import { z } from 'zod';
import { normaliseEmail } from './identifiers.js';

/**
 * Characters no text the platform stores may hold, whatever the field: C0 controls other
 * than tab and line breaks, DEL, C1 controls, and UTF-16 surrogates outside a pair (what
 * JSON's "\ud800" escape gives). PostgreSQL refuses NUL outright (SQLSTATE 22021), a driver
 * would store a lone surrogate as U+FFFD, and the others are invisible in every interface.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\p{Cs}/u;

/** Whether a text holds a character no stored text may hold (tab and line breaks are allowed). */
export function hasControlCharacters(text: string): boolean {
  return CONTROL_CHARACTERS.test(text);
}

/** A trimmed single-line text field of bounded length without control characters. */
export function textField(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasControlCharacters(v) && !/[\r\n]/.test(v), { message: 'contains control characters' });
}

/** A trimmed multi-line text (notes, descriptions) of bounded length without control characters. */
export function longTextField(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !hasControlCharacters(v), { message: 'contains control characters' });
}

/**
 * An e-mail address in the form it is stored and compared in: compatibility characters
 * folded (a full-width ＠ typed with a Chinese input method), invisible characters removed,
 * trimmed and lower-cased, then checked.
 */
export const EmailSchema = z.string().overwrite(normaliseEmail).check(z.email()).max(254).describe('E-mail address');

export const PasswordSchema = z.string().min(1).max(256).describe('Password');
