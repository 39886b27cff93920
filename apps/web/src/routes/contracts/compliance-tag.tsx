import { Tag } from 'antd';
import { CheckCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ComplianceStatus } from '@custodian/shared';

/** 合規 / 缺漏 N 項: the stored checklist verdict of a contract. */
export function ComplianceTag({ status, missingCount }: { status: ComplianceStatus; missingCount: number }) {
  const { t } = useTranslation();
  if (status === 'compliant') {
    return (
      <Tag color="green" icon={<CheckCircleOutlined />} data-testid="compliance-tag">
        {t('contracts.compliance.compliant')}
      </Tag>
    );
  }
  return (
    <Tag color="red" icon={<ExclamationCircleOutlined />} data-testid="compliance-tag">
      {t('contracts.compliance.missing', { count: missingCount })}
    </Tag>
  );
}
