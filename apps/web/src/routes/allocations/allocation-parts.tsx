import { Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Allocation } from '@custodian/shared';
import { useFormatDate } from '../../lib/use-format-date.js';
import { listKey, queryKeys } from '../../api/query-keys.js';

/** Days before expiry from which an allocation is flagged (display only; the rule is the period). */
const WARN_DAYS = 90;

/** A calendar date (YYYY-MM-DD) in the user's style, without a time. */
export function useFormatDay(): (value: string | null | undefined) => string {
  const formatDate = useFormatDate();
  return (value) => formatDate(value, false);
}

/** Refreshes every allocation list, detail and renewal queue after a change. */
export function useInvalidateAllocations(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: listKey(queryKeys.allocations.list) }),
      queryClient.invalidateQueries({ queryKey: listKey(queryKeys.allocations.renewals) }),
    ]);
  };
}

/** Status and days left: green, orange within the warning window, red once expired. */
export function ExpiryTag({ allocation }: { allocation: Allocation }) {
  const { t } = useTranslation();
  if (allocation.status === 'released') {
    return <Tag>{t('allocations.statuses.released')}</Tag>;
  }
  if (allocation.daysToExpiry < 0) {
    return <Tag color="red">{t('allocations.overdue', { count: -allocation.daysToExpiry })}</Tag>;
  }
  if (allocation.daysToExpiry === 0) {
    return <Tag color="orange">{t('allocations.dueToday')}</Tag>;
  }
  return (
    <Tag color={allocation.daysToExpiry <= WARN_DAYS ? 'orange' : 'green'}>
      {t('allocations.daysLeft', { count: allocation.daysToExpiry })}
    </Tag>
  );
}

/** The allocation's period as "start to end" in the user's date style; a date never breaks. */
export function PeriodText({ startsOn, expiresOn }: { startsOn: string; expiresOn: string }) {
  const { t } = useTranslation();
  const formatDay = useFormatDay();
  return (
    <>
      <span style={{ whiteSpace: 'nowrap' }}>{formatDay(startsOn)}</span> {t('allocations.periodTo')}{' '}
      <span style={{ whiteSpace: 'nowrap' }}>{formatDay(expiresOn)}</span>
    </>
  );
}

/** Pending-renewal marker. */
export function PendingRenewalTag({ allocation }: { allocation: Allocation }) {
  const { t } = useTranslation();
  return allocation.hasPendingRenewal ? <Tag color="blue">{t('allocations.pendingRenewal')}</Tag> : null;
}
