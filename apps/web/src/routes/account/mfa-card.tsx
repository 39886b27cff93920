import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MINISTRY_ROLES } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';

import { useCurrentUser, useSession } from '../../auth/session-context.js';
import { FormModal } from '../../components/form-modal.js';
import { MfaEnrolment } from '../../components/mfa-enrolment.js';
import { RecoveryCodesView } from '../../components/recovery-codes.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { queryKeys } from '../../api/query-keys.js';

type Reauth = { password: string; code: string };
type Dialog = 'enrol' | 'disable' | 'regenerate' | null;
const CODE_FIELDS = { PASSWORD_INCORRECT: 'password', MFA_INVALID_CODE: 'code' };

/** Enable, disable, or regenerate recovery codes for TOTP. */
export function MfaCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { refresh } = useSession();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [form] = Form.useForm<Reauth>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: ['password', 'code'],
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });
  const isRequired = MINISTRY_ROLES.includes(user.role);

  const onReauth = async (values: Reauth) => {
    setSubmitting(true);
    try {
      if (dialog === 'disable') {
        await unwrap(http.POST('/api/v1/account/mfa/disable', { body: values }));
        await refresh();
        void message.success(t('mfa.disabled'));
      } else {
        const result = await unwrap(http.POST('/api/v1/account/mfa/recovery-codes', { body: values }));
        setCodes(result.recoveryCodes);
      }
      setDialog(null);
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  const onEnrolled = async () => {
    setDialog(null);
    queryClient.removeQueries({ queryKey: queryKeys.account.mfaSetup });
    await refresh();
  };

  return (
    <div style={{ maxWidth: 640 }}>
      <Space style={{ marginBottom: 16 }}>
        <Typography.Text>{t('mfa.status')}</Typography.Text>
        {user.mfaEnabled ? <Tag color="green">{t('mfa.on')}</Tag> : <Tag>{t('mfa.off')}</Tag>}
      </Space>
      {isRequired && <Alert type="info" showIcon title={t('mfa.requiredForRole')} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph type="secondary">{t('mfa.about')}</Typography.Paragraph>
      {user.mfaEnabled ? (
        <Space wrap>
          <Button onClick={() => setDialog('regenerate')}>{t('mfa.regenerate')}</Button>
          <Button danger onClick={() => setDialog('disable')} disabled={isRequired}>
            {t('mfa.disable')}
          </Button>
        </Space>
      ) : (
        <Button type="primary" onClick={() => setDialog('enrol')}>
          {t('mfa.enable')}
        </Button>
      )}

      {dialog === 'enrol' && (
        <Modal open title={t('mfa.enrolTitle')} footer={null} onCancel={() => void onEnrolled()} width={620}>
          <MfaEnrolment onConfirmed={refresh} onDone={() => void onEnrolled()} doneLabel={t('common.done')} />
        </Modal>
      )}
      {(dialog === 'disable' || dialog === 'regenerate') && (
        <FormModal<Reauth>
          open
          title={dialog === 'disable' ? t('mfa.disable') : t('mfa.regenerate')}
          form={form}
          onFinish={(values) => void onReauth(values)}
          onCancel={() => setDialog(null)}
          isSubmitting={isSubmitting}
          okText={t('common.confirm')}
        >
          <Typography.Paragraph type="secondary">{t('mfa.reauthHelp')}</Typography.Paragraph>
          <Form.Item
            name="password"
            label={t('account.currentPassword')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            name="code"
            label={t('mfa.code')}
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.totp') }]}
          >
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
        </FormModal>
      )}
      {codes && (
        <Modal
          open
          title={t('mfa.recoveryTitle')}
          onCancel={() => setCodes(null)}
          footer={
            <Button type="primary" onClick={() => setCodes(null)}>
              {t('common.done')}
            </Button>
          }
        >
          <RecoveryCodesView codes={codes} />
        </Modal>
      )}
    </div>
  );
}
