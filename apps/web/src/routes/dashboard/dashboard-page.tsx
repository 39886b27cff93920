import { Alert, Row, Skeleton, Typography } from 'antd';
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  LockOutlined,
  SafetyOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { can } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';

import { useCurrentUser } from '../../auth/session-context.js';
import { PageTitle } from '../../components/page-title.js';
import { useErrorText } from '../../lib/errors.js';
import { RegistrySection } from './registry-section.js';
import { ObligationsSection } from './obligations-section.js';
import { seesManyUnits } from '../obligations/obligation-parts.js';
import { StatCard } from './stat-card.js';
import { queryKeys } from '../../api/query-keys.js';

/**
 * Real counts within the user's scope: the compliance obligations first, then the registry,
 * organisations and accounts.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const errorText = useErrorText();
  const query = useQuery({ queryKey: queryKeys.dashboard.all, queryFn: () => unwrap(http.GET('/api/v1/dashboard')) });
  const heading = { fontSize: 16 };
  // Counts of pages the user cannot open (a unit member has no user list or audit log) are left out.
  const canReadUsers = can(user.role, 'users.read');
  const canReadAudit = can(user.role, 'audit.read');

  return (
    <>
      <PageTitle title={t('dashboard.title')} />
      <Typography.Paragraph type="secondary">{t('dashboard.welcome', { name: user.name })}</Typography.Paragraph>
      <ObligationsSection showUnits={seesManyUnits(user.role)} />
      {query.isPending && <Skeleton active />}
      {query.isError && <Alert type="error" showIcon title={errorText(query.error)} />}
      {query.data && (
        <>
          <RegistrySection cards={query.data.cards} />
          <Typography.Title level={2} style={heading}>
            {t('dashboard.organisations')}
          </Typography.Title>
          <Row gutter={[16, 16]} style={{ marginBottom: 24 }}>
            <StatCard
              title={t('dashboard.divisions')}
              value={query.data.organisations.division}
              icon={<BankOutlined />}
            />
            <StatCard title={t('dashboard.units')} value={query.data.organisations.unit} icon={<ApartmentOutlined />} />
            <StatCard title={t('dashboard.vendors')} value={query.data.organisations.vendor} icon={<ShopOutlined />} />
            {canReadAudit && (
              <StatCard
                title={t('dashboard.auditLast24h')}
                value={query.data.auditEventsLast24h}
                icon={<AuditOutlined />}
              />
            )}
          </Row>
          {canReadUsers && (
            <>
              <Typography.Title level={2} style={heading}>
                {t('dashboard.users')}
              </Typography.Title>
              <Row gutter={[16, 16]}>
                <StatCard title={t('dashboard.usersTotal')} value={query.data.users.total} icon={<TeamOutlined />} />
                <StatCard title={t('dashboard.usersActive')} value={query.data.users.active} icon={<UserOutlined />} />
                <StatCard title={t('dashboard.usersMfa')} value={query.data.users.withMfa} icon={<SafetyOutlined />} />
                <StatCard title={t('dashboard.usersLocked')} value={query.data.users.locked} icon={<LockOutlined />} />
              </Row>
            </>
          )}
        </>
      )}
    </>
  );
}
