import { useState } from 'react';
import { App, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../../api/client.js';
import { PasswordFields } from '../../components/password-fields.js';
import { useFormErrorHandler } from '../../lib/errors.js';

type Values = { currentPassword: string; newPassword: string; newPasswordConfirm: string };
const CODE_FIELDS = {
  PASSWORD_INCORRECT: 'currentPassword',
  PASSWORD_TOO_SHORT: 'newPassword',
  PASSWORD_REUSED: 'newPassword',
  PASSWORD_TOO_WEAK: 'newPassword',
};

/** Change password: at least 12 characters, hard to guess, not one of the last 3. */
export function PasswordCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: ['currentPassword', 'newPassword'],
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });

  const onFinish = async ({ currentPassword, newPassword }: Values) => {
    setSubmitting(true);
    try {
      await unwrap(http.POST('/api/v1/account/password', { body: { currentPassword, newPassword } }));
      form.resetFields();
      void message.success(t('account.passwordChanged'));
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Form<Values> form={form} layout="vertical" style={{ maxWidth: 480 }} onFinish={(values) => void onFinish(values)}>
      {/* Lets password managers pair the new password with this account. */}
      <input type="text" autoComplete="username" hidden readOnly />
      <Form.Item
        name="currentPassword"
        label={t('account.currentPassword')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <PasswordFields name="newPassword" />
      <Button type="primary" htmlType="submit" loading={isSubmitting}>
        {t('account.changePassword')}
      </Button>
    </Form>
  );
}
