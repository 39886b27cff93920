import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../../components/page-title.js';
import { MfaCard } from './mfa-card.js';
import { NotificationPreferencesCard } from './notification-preferences-card.js';
import { PasswordCard } from './password-card.js';
import { ProfileCard } from './profile-card.js';
import { SessionsCard } from './sessions-card.js';
import { TokensCard } from './tokens-card.js';

/** My account: profile, password, MFA, sessions, API tokens and notification mail. */
export function AccountPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle title={t('account.title')} />
      <Card>
        <Tabs
          destroyOnHidden
          items={[
            { key: 'profile', label: t('account.tabs.profile'), children: <ProfileCard /> },
            { key: 'password', label: t('account.tabs.password'), children: <PasswordCard /> },
            { key: 'mfa', label: t('account.tabs.mfa'), children: <MfaCard /> },
            { key: 'sessions', label: t('account.tabs.sessions'), children: <SessionsCard /> },
            { key: 'tokens', label: t('account.tabs.tokens'), children: <TokensCard /> },
            {
              key: 'notifications',
              label: t('notifications.preferences.tab'),
              children: <NotificationPreferencesCard />,
            },
          ]}
        />
      </Card>
    </>
  );
}
