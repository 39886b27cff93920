import { z } from 'zod';

/** Control characters other than tab/newline are never valid in user text. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A trimmed single-line text field of bounded length without control characters. */
export function textField(max: number) {
  return z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((v) => !CONTROL_CHARS.test(v) && !/[\r\n]/.test(v), { message: 'contains control characters' });
}

export const EmailSchema = z
  .email()
  .max(254)
  .transform((v) => v.toLowerCase())
  .describe('E-mail address');

export const PasswordSchema = z.string().min(1).max(256).describe('Password');
