import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch.js';

/** The centred card used by sign-in, setup, enrolment and invitation pages. */
export function AuthCard({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="auth-page">
      <main id="main-content" className={wide ? 'auth-card-wide' : 'auth-card'}>
        <Card>
          <Flex justify="space-between" align="center" gap={12} style={{ marginBottom: 16 }}>
            <Typography.Text type="secondary">
              <SafetyCertificateOutlined aria-hidden /> {t('app.name')}
            </Typography.Text>
            <LanguageSwitch />
          </Flex>
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
            {title}
          </Typography.Title>
          {children}
        </Card>
      </main>
    </div>
  );
}
