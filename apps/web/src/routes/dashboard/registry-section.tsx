import { Row, Typography } from 'antd';
import {
  CalendarOutlined,
  CloudServerOutlined,
  ContactsOutlined,
  ExceptionOutlined,
  FieldTimeOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  GlobalOutlined,
  HourglassOutlined,
  SafetyCertificateOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { DashboardRegistry } from '@custodian/shared';
import { StatCard } from './stat-card.js';

/** Five to a row on wide screens. */
const FIFTH = { xs: 24, sm: 12, lg: 8, xl: { flex: '20%' } } as const;

/**
 * The registry's numbers (issue 3), each a link to the list it counts, opened with the
 * same filter the server counted with (the lists read their filters from the address).
 */
export function RegistrySection({ registry }: { registry: DashboardRegistry }) {
  const { t } = useTranslation();
  const { contracts, systems, allocations, vendorQualifications } = registry;
  const heading = { fontSize: 16 };
  return (
    <>
      <Typography.Title level={2} style={heading}>
        {t('dashboard.registry.contractsAndSystems')}
      </Typography.Title>
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.contracts')}
          value={contracts.total}
          icon={<FileTextOutlined />}
          to="/contracts"
        />
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.contractsNonCompliant')}
          value={contracts.nonCompliant}
          icon={<ExceptionOutlined />}
          to="/contracts?complianceStatus=non_compliant"
          tone="danger"
        />
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.systems')}
          value={systems.total}
          icon={<CloudServerOutlined />}
          to="/systems"
        />
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.systemsOnline')}
          value={systems.online}
          icon={<GlobalOutlined />}
          to="/systems?status=online"
        />
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.contactsOverdue')}
          value={systems.contactsOverdue}
          icon={<ContactsOutlined />}
          to="/systems?contactsOverdue=true"
          tone="danger"
        />
      </Row>
      <Typography.Title level={2} style={heading}>
        {t('dashboard.registry.expiries')}
      </Typography.Title>
      <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.allocationsExpiring', { days: allocations.expiringWithinDays })}
          value={allocations.expiringSoon}
          icon={<HourglassOutlined />}
          to={`/allocations?expiringWithinDays=${allocations.expiringWithinDays}`}
          tone="warning"
        />
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.allocationsExpired')}
          value={allocations.expired}
          icon={<CalendarOutlined />}
          to="/allocations?expired=true"
          tone="danger"
        />
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.renewalsPending')}
          value={registry.renewalRequestsPending}
          icon={<FieldTimeOutlined />}
          to="/allocations?tab=renewals"
          tone="warning"
        />
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.qualificationsExpiring', { days: vendorQualifications.expiryWarningDays })}
          value={vendorQualifications.expiring}
          icon={<SafetyCertificateOutlined />}
          to="/vendors?status=expiring"
          tone="warning"
        />
        <StatCard
          col={FIFTH}
          title={t('dashboard.registry.qualificationsExpired')}
          value={vendorQualifications.expired}
          icon={<FileProtectOutlined />}
          to="/vendors?status=expired"
          tone="danger"
        />
      </Row>
    </>
  );
}
