import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n.js';
import type { FormProps, FormRule } from 'antd';
import { validationMessage, VALIDATION_MESSAGES, type Locale, type ValidationRule } from '@custodian/shared';

/**
 * Form rules worded like the server words the same refusal (packages/shared
 * validation-messages): one message per rule, so "required" never also speaks of a length.
 */
export function useRules() {
  // Re-renders on a language change; the language itself comes from currentLanguage().
  useTranslation();
  const locale: Locale = currentLanguage();
  return useMemo(() => {
    const say = (rule: ValidationRule, params?: { max?: number; min?: number }) =>
      validationMessage(rule, locale, params);
    return {
      /** Filled in, and not only with spaces. */
      required: (): FormRule => ({ required: true, whitespace: true, message: say('required') }),
      /** At most `max` characters. */
      maxLength: (max: number): FormRule => ({ type: 'string', max, message: say('maxLength', { max }) }),
      /** Required text of at most `max` characters: two rules, each with its own message. */
      requiredText: (max: number): FormRule[] => [
        { required: true, whitespace: true, message: say('required') },
        { type: 'string', max, message: say('maxLength', { max }) },
      ],
      /**
       * A number within min … max (either may be left open), refused rather than clamped;
       * `integer` also refuses fractions.
       */
      number: (options: { min?: number; max?: number; integer?: boolean }): FormRule => ({
        validator: async (_, value: unknown) => {
          if (value === null || value === undefined || value === '') {
            return;
          }
          if (typeof value !== 'number' || Number.isNaN(value)) {
            throw new Error(say('number'));
          }
          if (options.integer && !Number.isInteger(value)) {
            throw new Error(say('integer'));
          }
          const { min, max } = options;
          if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
            if (min !== undefined && max !== undefined) {
              throw new Error(say('range', { min, max }));
            }
            throw new Error(min !== undefined ? say('min', { min }) : say('max', { max }));
          }
        },
      }),
    };
  }, [locale]);
}

/**
 * antd's default messages for rules given without one (`{ max: 4000 }` on a notes field),
 * in our wording: the same texts as useRules and the server.
 */
export function formValidateMessages(locale: Locale): NonNullable<FormProps['validateMessages']> {
  const text = (rule: ValidationRule) => VALIDATION_MESSAGES[rule][locale].replace(/\{(max|min)\}/g, '$${$1}');
  return {
    default: text('invalid'),
    required: text('required'),
    whitespace: text('required'),
    enum: text('option'),
    types: { email: text('email'), url: text('url'), number: text('number'), integer: text('integer') },
    string: { max: text('maxLength'), min: text('minLength'), range: text('maxLength') },
    number: { max: text('max'), min: text('min'), range: text('range') },
    array: { max: text('maxItems'), min: text('minItems'), range: text('maxItems') },
  };
}
