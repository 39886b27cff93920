import { useState, type ReactNode } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import {
  AimOutlined,
  ApartmentOutlined,
  BugOutlined,
  AuditOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  CloudServerOutlined,
  ControlOutlined,
  FileProtectOutlined,
  GlobalOutlined,
  ImportOutlined,
  NodeIndexOutlined,
  SafetyOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  LogoutOutlined,
  MailOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useCurrentUser, useSession } from '../auth/session-context.js';
import { canSee, type Section } from '../lib/permissions.js';
import { useOrgName } from '../lib/use-org-name.js';
import { LanguageSwitch } from './language-switch.js';
import { NotificationBell } from './notification-bell.js';

const { Sider, Header, Content } = Layout;

const MENU: { section: Section; path: string; icon: ReactNode }[] = [
  { section: 'todo', path: '/todo', icon: <CheckSquareOutlined /> },
  { section: 'calendar', path: '/calendar', icon: <CalendarOutlined /> },
  { section: 'dashboard', path: '/dashboard', icon: <DashboardOutlined /> },
  { section: 'contracts', path: '/contracts', icon: <FileProtectOutlined /> },
  { section: 'systems', path: '/systems', icon: <GlobalOutlined /> },
  { section: 'hosts', path: '/hosts', icon: <CloudServerOutlined /> },
  { section: 'allocations', path: '/allocations', icon: <NodeIndexOutlined /> },
  { section: 'scans', path: '/scans', icon: <BugOutlined /> },
  { section: 'pentests', path: '/pentests', icon: <AimOutlined /> },
  { section: 'vendors', path: '/vendors', icon: <SafetyOutlined /> },
  { section: 'agreements', path: '/agreements', icon: <FileDoneOutlined /> },
  { section: 'organisations', path: '/organisations', icon: <ApartmentOutlined /> },
  { section: 'users', path: '/users', icon: <TeamOutlined /> },
  { section: 'imports', path: '/imports', icon: <ImportOutlined /> },
  { section: 'policy', path: '/policy', icon: <ControlOutlined /> },
  { section: 'audit', path: '/audit', icon: <AuditOutlined /> },
  { section: 'jobs', path: '/jobs', icon: <FieldTimeOutlined /> },
  { section: 'outbox', path: '/outbox', icon: <MailOutlined /> },
  { section: 'workingDays', path: '/working-days', icon: <ScheduleOutlined /> },
  { section: 'account', path: '/account', icon: <UserOutlined /> },
];

/** The signed-in shell: side menu by role, header with user, notifications bell, language and sign-out. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const orgName = useOrgName();
  const { logout } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [isSigningOut, setSigningOut] = useState(false);

  const items = MENU.filter((m) => canSee(user.role, m.section)).map((m) => ({
    key: m.path,
    icon: m.icon,
    label: <Link to={m.path}>{t(`nav.${m.section}`)}</Link>,
  }));
  const selected = MENU.filter((m) => location.pathname.startsWith(m.path)).map((m) => m.path);

  const onLogout = async () => {
    setSigningOut(true);
    try {
      await logout();
    } finally {
      setSigningOut(false);
      void navigate('/login', { replace: true });
    }
  };

  return (
    <Layout style={{ minHeight: '100%' }}>
      <a className="skip-link" href="#main-content">
        {t('nav.skipToContent')}
      </a>
      <Sider breakpoint="lg" collapsedWidth={0} width={240}>
        <div className="app-brand" title={t('app.name')}>
          <SafetyCertificateOutlined aria-hidden />
          <span>{t('app.name')}</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <Menu theme="dark" mode="inline" selectedKeys={selected} items={items} />
        </nav>
      </Sider>
      <Layout>
        <Header className="app-header">
          <Space size="middle" wrap>
            <span data-testid="current-user">
              <Typography.Text strong>{user.name}</Typography.Text>
              <Typography.Text type="secondary" className="app-header-org">
                {' '}
                · {orgName(user.orgName, user.orgNameEn)}
              </Typography.Text>
            </span>
            <Tag color="blue">{t(`roles.${user.role}`)}</Tag>
            <NotificationBell />
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={() => void onLogout()} loading={isSigningOut}>
              {t('nav.logout')}
            </Button>
          </Space>
        </Header>
        {/* antd's Content is the page's one <main> landmark, and the skip link's target. */}
        <Content className="app-content" id="main-content" tabIndex={-1}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
