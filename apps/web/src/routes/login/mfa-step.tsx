import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';

import { useSession } from '../../auth/session-context.js';
import { useErrorText } from '../../lib/errors.js';

type Values = { code?: string; recoveryCode?: string };

/** Second sign-in step: a 6-digit TOTP code, or a one-time recovery code. */
export function MfaStep() {
  const { t } = useTranslation();
  const { setSession, logout } = useSession();
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [useRecovery, setUseRecovery] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setSubmitting] = useState(false);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    setError(null);
    const body = useRecovery ? { recoveryCode: values.recoveryCode?.trim() } : { code: values.code?.trim() };
    try {
      setSession(await unwrap(http.POST('/api/v1/auth/mfa', { body })));
    } catch (err) {
      setError(err);
      form.resetFields();
    } finally {
      setSubmitting(false);
    }
  };

  const toggle = () => {
    setUseRecovery((v) => !v);
    setError(null);
    form.resetFields();
  };

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(values) => void onFinish(values)} requiredMark={false}>
      <Typography.Paragraph type="secondary">
        {useRecovery ? t('login.recoveryHelp') : t('login.mfaHelp')}
      </Typography.Paragraph>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
      {useRecovery ? (
        <Form.Item
          key="recovery"
          name="recoveryCode"
          label={t('login.recoveryCode')}
          rules={[{ required: true, min: 8, message: t('validation.recoveryCode') }]}
        >
          <Input autoComplete="off" autoFocus spellCheck={false} />
        </Form.Item>
      ) : (
        <Form.Item
          key="totp"
          name="code"
          label={t('login.code')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.totp') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus />
        </Form.Item>
      )}
      <Button type="primary" htmlType="submit" block loading={isSubmitting}>
        {t('login.verify')}
      </Button>
      <Flex justify="space-between" style={{ marginTop: 12 }}>
        <Button type="link" onClick={toggle} style={{ paddingInline: 0 }}>
          {useRecovery ? t('login.useTotp') : t('login.useRecovery')}
        </Button>
        <Button type="link" onClick={() => void logout()} style={{ paddingInline: 0 }}>
          {t('login.cancel')}
        </Button>
      </Flex>
    </Form>
  );
}
