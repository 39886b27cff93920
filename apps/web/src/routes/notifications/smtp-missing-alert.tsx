import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** The banner shown while SMTP_URL is not set: mail waits in the outbox. */
export function SmtpMissingAlert() {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      role="status"
      title={t('notifications.smtpMissing')}
      description={t('notifications.smtpMissingHelp')}
      style={{ marginBottom: 16 }}
      data-testid="smtp-missing"
    />
  );
}
