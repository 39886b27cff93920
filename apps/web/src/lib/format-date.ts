import { formatDateTime, formatIsoDate, formatRocDate, type DateFormat } from '@custodian/shared';

/**
 * A date (or date and time) in Asia/Taipei, as ROC (民國115年11月24日; in English
 * ROC 115/11/24) or ISO (2026-11-24), following the user's preference. Empty input gives an em dash.
 */
export function formatDate(
  value: string | Date | null | undefined,
  options: { style: DateFormat; withTime?: boolean; language?: 'zh-TW' | 'en' },
): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) {
    return '—';
  }
  if (options.withTime ?? true) {
    return formatDateTime(date, options.style, options.language);
  }
  return options.style === 'roc' ? formatRocDate(date, options.language) : formatIsoDate(date);
}
