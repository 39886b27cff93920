import { useState } from 'react';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import type { SessionInfo } from '../../api/types.js';
import { useSession } from '../../auth/session-context.js';
import { AuthCard } from '../../components/auth-card.js';
import { PasswordFields } from '../../components/password-fields.js';
import { useErrorText, useFormErrorHandler } from '../../lib/errors.js';
import { queryKeys } from '../../api/query-keys.js';

type Values = { ministryName: string; name: string; email: string; password: string; passwordConfirm: string };
const FIELD_NAMES = ['ministryName', 'name', 'email', 'password'];
/** The server's password refusals are shown on the password field, in its own words. */
const CODE_FIELDS = { PASSWORD_TOO_SHORT: 'password', PASSWORD_TOO_WEAK: 'password' };
const showInAlert = () => undefined;

function isSessionInfo(value: unknown): value is SessionInfo {
  return typeof value === 'object' && value !== null && 'stage' in value && 'csrfToken' in value;
}

/** First run: creates the Ministry and its first ministry_admin, then forces MFA enrolment. */
export function SetupPage() {
  const { t } = useTranslation();
  const { setSession, refresh } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const markFields = useFormErrorHandler({ form, names: FIELD_NAMES, codeFields: CODE_FIELDS, show: showInAlert });

  const onFinish = async ({ passwordConfirm: _confirm, ...values }: Values) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await unwrap(http.POST('/api/v1/setup', { body: values }));
      if (isSessionInfo(result)) {
        setSession(result);
      } else {
        await refresh();
      }
      queryClient.setQueryData(queryKeys.session.setupStatus, { needsSetup: false });
      void navigate('/mfa-enrolment', { replace: true });
    } catch (err) {
      setError(err);
      markFields(err);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <AuthCard title={t('setup.title')}>
      <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={(values) => void onFinish(values)}
        initialValues={{ ministryName: t('setup.ministryDefault') }}
        requiredMark={false}
      >
        {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="ministryName"
          label={t('setup.ministryName')}
          rules={[{ required: true, whitespace: true, max: 200, message: t('validation.required') }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('setup.adminName')}
          rules={[{ required: true, whitespace: true, max: 100, message: t('validation.required') }]}
        >
          <Input autoComplete="name" autoFocus />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('setup.adminEmail')}
          rules={[{ required: true, type: 'email', message: t('validation.email') }]}
        >
          <Input type="email" autoComplete="username" />
        </Form.Item>
        <PasswordFields />
        <Button type="primary" htmlType="submit" block loading={isSubmitting}>
          {t('setup.submit')}
        </Button>
      </Form>
    </AuthCard>
  );
}
