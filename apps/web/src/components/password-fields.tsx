import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';

/** Minimum length from the password policy (資通系統防護基準). */
export const MIN_PASSWORD_LENGTH = 12;

/** New password plus confirmation, with the policy's length rule. */
export function PasswordFields({ name = 'password', label }: { name?: string; label?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={label ?? t('password.new')}
        extra={t('password.policy', { min: MIN_PASSWORD_LENGTH })}
        rules={[
          { required: true, message: t('validation.required') },
          { min: MIN_PASSWORD_LENGTH, message: t('password.tooShort', { min: MIN_PASSWORD_LENGTH }) },
        ]}
        hasFeedback
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={t('password.confirm')}
        dependencies={[name]}
        hasFeedback
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, value: string | undefined) =>
              !value || getFieldValue(name) === value
                ? Promise.resolve()
                : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
