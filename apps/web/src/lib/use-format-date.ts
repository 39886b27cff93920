import { useCallback } from 'react';
import type { DateFormat } from '@custodian/shared';
import { useSession } from '../auth/session-context.js';
import { formatDate } from './format-date.js';

/** formatDate with the signed-in user's ROC/ISO preference (ROC when signed out). */
export function useFormatDate(): (value: string | Date | null | undefined, withTime?: boolean) => string {
  const { session } = useSession();
  const style: DateFormat = session?.user.dateFormat ?? 'roc';
  return useCallback((value, withTime = true) => formatDate(value, { style, withTime }), [style]);
}
