import { useState } from 'react';
import { Button, Space } from 'antd';
import { HistoryOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Allocation } from '@custodian/shared';
import { ReleaseModal, RenewalRequestModal } from './allocation-action-modals.js';

/**
 * Renewal request and release buttons for one active allocation the caller manages (its
 * `can`), with their forms. Renewing waits while a request is pending.
 */
export function AllocationActions(props: { allocation: Allocation; size?: 'small' | 'middle' }) {
  const { allocation, size = 'small' } = props;
  const { t } = useTranslation();
  const [open, setOpen] = useState<'renew' | 'release' | null>(null);
  if (!allocation.can.release && !allocation.can.renew) {
    return null;
  }
  return (
    <Space wrap size={4}>
      <Button
        size={size}
        icon={<HistoryOutlined />}
        disabled={!allocation.can.renew}
        onClick={() => setOpen('renew')}
        aria-label={t('allocations.renewNamed', { value: allocation.value })}
      >
        {t('allocations.renew')}
      </Button>
      {allocation.can.release && (
        <Button
          size={size}
          danger
          icon={<StopOutlined />}
          onClick={() => setOpen('release')}
          aria-label={t('allocations.releaseNamed', { value: allocation.value })}
        >
          {t('allocations.release')}
        </Button>
      )}
      {open === 'renew' && <RenewalRequestModal allocation={allocation} onClose={() => setOpen(null)} />}
      {open === 'release' && <ReleaseModal allocation={allocation} onClose={() => setOpen(null)} />}
    </Space>
  );
}
