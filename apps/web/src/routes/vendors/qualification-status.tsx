import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { QualificationStatus } from '@custodian/shared';

const LOOK: Record<QualificationStatus, { color: string; icon: ReactNode }> = {
  valid: { color: 'green', icon: <CheckCircleOutlined /> },
  expiring: { color: 'orange', icon: <ExclamationCircleOutlined /> },
  expired: { color: 'red', icon: <CloseCircleOutlined /> },
};

/** 有效 / 即將到期 / 已過期 as a coloured tag with an icon, so colour is not the only cue. */
export function QualificationStatusTag({ status }: { status: QualificationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={LOOK[status].color} icon={LOOK[status].icon}>
      {t(`vendors.statuses.${status}`)}
    </Tag>
  );
}

/** "剩 12 天", "今日到期", "已過期 3 天" or "無期限". */
export function useDaysText(): (days: number | null) => string {
  const { t } = useTranslation();
  return (days) => {
    if (days === null) {
      return t('vendors.noExpiry');
    }
    if (days === 0) {
      return t('vendors.expiresToday');
    }
    return days > 0 ? t('vendors.daysLeft', { count: days }) : t('vendors.daysAgo', { count: -days });
  };
}
