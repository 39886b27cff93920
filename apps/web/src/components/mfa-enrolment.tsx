import { useState } from 'react';
import { Alert, Button, Flex, Form, Input, Result, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { http, unwrap } from '../api/client.js';
import { useErrorText } from '../lib/errors.js';
import { RecoveryCodesView } from './recovery-codes.js';
import { queryKeys } from '../api/query-keys.js';

type Props = {
  /** Runs right after the code is accepted (the server may have rotated the session). */
  onConfirmed: () => Promise<unknown>;
  /** Runs when the user has saved the recovery codes. */
  onDone: () => void;
  doneLabel: string;
};

/**
 * TOTP enrolment: QR code and manual secret, confirm with a code, then the recovery
 * codes once.
 */
export function MfaEnrolment({ onConfirmed, onDone, doneLabel }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [form] = Form.useForm<{ code: string }>();
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  // A query (not an effect) so that a re-render never asks for a second secret.
  const setup = useQuery({
    queryKey: queryKeys.account.mfaSetup,
    queryFn: () => unwrap(http.POST('/api/v1/account/mfa/setup')),
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });

  if (codes) {
    return (
      <div>
        <Result status="success" title={t('mfa.enabled')} style={{ paddingBlock: 8 }} />
        <RecoveryCodesView codes={codes} />
        <Button type="primary" block onClick={onDone} style={{ marginTop: 24 }}>
          {doneLabel}
        </Button>
      </div>
    );
  }
  if (setup.isPending) {
    return <Skeleton active />;
  }
  if (setup.isError) {
    return <Alert type="error" showIcon title={errorText(setup.error)} />;
  }

  const onFinish = async ({ code }: { code: string }) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await unwrap(http.POST('/api/v1/account/mfa/confirm', { body: { code: code.trim() } }));
      setCodes(result.recoveryCodes);
      await onConfirmed();
    } catch (err) {
      setError(err);
      form.resetFields();
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div>
      <Typography.Paragraph>{t('mfa.step1')}</Typography.Paragraph>
      <Flex gap={24} wrap align="flex-start">
        <img className="qr-image" src={setup.data.qrDataUrl} alt={t('mfa.qrAlt')} />
        <div style={{ flex: 1, minWidth: 220 }}>
          <Typography.Paragraph type="secondary">{t('mfa.manualEntry')}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: setup.data.secret }} className="secret-box" data-testid="mfa-secret">
            {setup.data.secret}
          </Typography.Paragraph>
        </div>
      </Flex>
      <Form form={form} layout="vertical" onFinish={(values) => void onFinish(values)} requiredMark={false}>
        <Typography.Paragraph style={{ marginTop: 16 }}>{t('mfa.step2')}</Typography.Paragraph>
        {error !== null && <Alert type="error" showIcon title={errorText(error)} style={{ marginBottom: 16 }} />}
        <Form.Item
          name="code"
          label={t('mfa.code')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('validation.totp') }]}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={isSubmitting}>
          {t('mfa.confirm')}
        </Button>
      </Form>
    </div>
  );
}
