import { useState } from 'react';
import { Alert, Button, Divider, Form, Input } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import { fetchOidcConfig } from '../../api/session.js';

import { useSession } from '../../auth/session-context.js';
import { useErrorText } from '../../lib/errors.js';
import { queryKeys } from '../../api/query-keys.js';

type Values = { email: string; password: string };

/** First sign-in step, plus the education-cloud single sign-on button when configured. */
export function PasswordStep({ initialEmail }: { initialEmail?: string }) {
  const { t } = useTranslation();
  const { setSession } = useSession();
  const errorText = useErrorText();
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const oidc = useQuery({
    queryKey: queryKeys.session.oidcConfig,
    queryFn: fetchOidcConfig,
    staleTime: Infinity,
    retry: false,
  });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      setSession(await unwrap(http.POST('/api/v1/auth/login', { body: values })));
    } catch (err) {
      setError(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <>
      <Form<Values>
        layout="vertical"
        onFinish={(values) => void onFinish(values)}
        initialValues={{ email: initialEmail ?? '' }}
        requiredMark={false}
      >
        {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="email"
          label={t('login.email')}
          rules={[{ required: true, type: 'email', message: t('validation.email') }]}
        >
          <Input type="email" autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isSubmitting}>
          {t('login.submit')}
        </Button>
      </Form>
      {oidc.data?.enabled && oidc.data.startUrl && (
        <>
          <Divider plain>{t('login.or')}</Divider>
          <Button block href={oidc.data.startUrl}>
            {t('login.sso')}
          </Button>
        </>
      )}
    </>
  );
}
