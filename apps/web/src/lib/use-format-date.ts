import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { DateFormat } from '@custodian/shared';
import { useSession } from '../auth/session-context.js';
import { currentLanguage } from '../i18n.js';
import { formatDate } from './format-date.js';

/**
 * formatDate with the signed-in user's ROC/ISO preference (ROC when signed out), in the
 * interface's language (民國115年11月24日 or ROC 115/11/24).
 */
export function useFormatDate(): (value: string | Date | null | undefined, withTime?: boolean) => string {
  const { session } = useSession();
  // Subscribes to language changes; currentLanguage() then reads the one just chosen.
  useTranslation();
  const style: DateFormat = session?.user.dateFormat ?? 'roc';
  const language = currentLanguage();
  return useCallback((value, withTime = true) => formatDate(value, { style, withTime, language }), [style, language]);
}
