import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Radio, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_DELIVERIES, type NotificationDelivery } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { useErrorText } from '../../lib/errors.js';
import { SmtpMissingAlert } from '../notifications/smtp-missing-alert.js';

type Values = { delivery: NotificationDelivery };

/** How notification mail reaches the user: immediately, or as a daily or weekly digest. */
export function NotificationPreferencesCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const errorText = useErrorText();
  const [isSubmitting, setSubmitting] = useState(false);
  const query = useQuery({
    queryKey: queryKeys.notifications.preferences,
    queryFn: () => unwrap(http.GET('/api/v1/account/notification-preferences')),
  });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      const saved = await unwrap(http.PUT('/api/v1/account/notification-preferences', { body: values }));
      queryClient.setQueryData(queryKeys.notifications.preferences, saved);
      void message.success(t('notifications.preferences.saved'));
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setSubmitting(false);
    }
  };

  if (query.isPending) {
    return <Spin />;
  }
  if (query.isError) {
    return <Alert type="error" showIcon title={errorText(query.error)} />;
  }
  const prefs = query.data;
  return (
    <>
      {!prefs.mailConfigured && <SmtpMissingAlert />}
      <Form<Values>
        layout="vertical"
        style={{ maxWidth: 560 }}
        initialValues={{ delivery: prefs.delivery }}
        onFinish={(values) => void onFinish(values)}
      >
        <Form.Item
          name="delivery"
          label={t('notifications.preferences.delivery')}
          extra={t('notifications.preferences.help')}
        >
          <Radio.Group>
            <Space orientation="vertical">
              {NOTIFICATION_DELIVERIES.map((d) => (
                <Radio key={d} value={d}>
                  {t(`notifications.preferences.${d}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('notifications.preferences.language')} extra={t('notifications.preferences.languageHelp')}>
          <Typography.Text>{t(prefs.language === 'en' ? 'language.en' : 'language.zhTW')}</Typography.Text>
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isSubmitting}>
          {t('common.save')}
        </Button>
      </Form>
    </>
  );
}
