import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n.js';
import type { FormInstance } from 'antd';
import { ERROR_MESSAGES } from '@custodian/shared';
import { ApiError } from '../api/client.js';

/**
 * The message for an error in the current UI language. API errors are re-localised by
 * their stable code, since the server answered in the language of the request.
 */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const locale = currentLanguage();
      if (error instanceof ApiError) {
        const known = ERROR_MESSAGES[error.code] as { 'zh-TW': string; en: string } | undefined;
        return known ? known[locale] : error.message;
      }
      if (error instanceof TypeError) {
        return t('errors.network');
      }
      return t('errors.unexpected');
    },
    [t],
  );
}

/**
 * Marks the form items the server rejected (`fields: [{ path: 'name' }]`). Returns true
 * when at least one field was marked. `names` limits marking to fields the form has.
 */
export function applyFieldErrors(options: {
  form: FormInstance;
  error: unknown;
  message: string;
  names: readonly string[];
}): boolean {
  const { form, error, message, names } = options;
  if (!(error instanceof ApiError) || error.fields.length === 0) {
    return false;
  }
  const marked = new Set<string>();
  for (const field of error.fields) {
    const name = field.path.split('.')[0] ?? '';
    if (names.includes(name)) {
      marked.add(name);
    }
  }
  form.setFields([...marked].map((name) => ({ name, errors: [message] })));
  return marked.size > 0;
}

/**
 * Handles a failed form submission: marks rejected fields (and the field an error code
 * belongs to, e.g. EMAIL_TAKEN → email) and shows the localised message.
 */
export function useFormErrorHandler(options: {
  form: FormInstance;
  names: readonly string[];
  codeFields?: Partial<Record<string, string>>;
  show: (text: string) => void;
}): (error: unknown) => void {
  const { form, names, codeFields, show } = options;
  const errorText = useErrorText();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      const text = errorText(error);
      const codeField = error instanceof ApiError ? codeFields?.[error.code] : undefined;
      applyFieldErrors({ form, error, message: t('errors.fieldInvalid'), names });
      // After the generic marks: the field a code belongs to shows that code's message,
      // also when the server named the same field (PASSWORD_TOO_WEAK on newPassword).
      if (codeField) {
        form.setFields([{ name: codeField, errors: [text] }]);
      }
      show(text);
    },
    [errorText, codeFields, form, names, show, t],
  );
}
