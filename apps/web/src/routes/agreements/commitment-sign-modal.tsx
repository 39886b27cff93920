import { useState } from 'react';
import { App, Form, Typography, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { COMMITMENT_TEXTS, type Commitment } from '@custodian/shared';
import { uploadAttachment } from '../../api/attachments.js';
import { http, unwrap } from '../../api/client.js';
import { DateInput } from '../../components/date-input.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { acceptedOf, CommitmentChecks } from './commitment-checks.js';
import { chosenFile, fileFieldProps, ScanPicker } from './file-field.js';
import { useRefreshAgreements } from './use-agreement.js';

type Values = { signedOn: Dayjs; scan: UploadFile[]; accepted?: boolean[] };
const FIELDS = ['signedOn', 'scan', 'accepted'] as const;

/** The paper 附件二 signed and scanned: the scan attached to the commitment, the date and the six ticks. */
export function CommitmentSignModal({ commitment, onClose }: { commitment: Commitment; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const refresh = useRefreshAgreements();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: { AGREEMENT_COPY_INVALID: 'scan' },
    show: (text) => void message.error(text),
  });

  const onFinish = async (values: Values) => {
    const file = chosenFile(values.scan);
    if (!file) {
      return;
    }
    setSubmitting(true);
    try {
      const scan = await uploadAttachment(
        { ownerType: 'agreement_commitment', ownerId: commitment.id },
        file,
        file.name,
      );
      await unwrap(
        http.POST('/api/v1/agreement-commitments/{id}/sign', {
          params: { path: { id: commitment.id } },
          body: {
            signedOn: values.signedOn.format('YYYY-MM-DD'),
            accepted: acceptedOf(values),
            scanAttachmentId: scan.id,
          },
        }),
      );
      await refresh();
      void message.success(t('agreements.commitments.signed', { name: commitment.name }));
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<Values>
      open
      title={t('agreements.commitments.signTitle', { name: commitment.name })}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={t('agreements.sign.record')}
    >
      <Typography.Paragraph type="secondary">{t('agreements.commitments.signHelp')}</Typography.Paragraph>
      <Form.Item
        name="signedOn"
        label={t('agreements.commitments.signedOn')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <DateInput style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="scan"
        label={t('agreements.commitments.scan')}
        rules={[{ required: true, message: t('agreements.sign.fileRequired') }]}
        {...fileFieldProps}
      >
        <ScanPicker label={t('agreements.commitments.scan')} />
      </Form.Item>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('agreements.commitments.accepted')}</legend>
        <CommitmentChecks items={COMMITMENT_TEXTS} />
      </fieldset>
    </FormModal>
  );
}
