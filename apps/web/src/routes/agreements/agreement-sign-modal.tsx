import { useState } from 'react';
import { App, Form, Typography, type UploadFile } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Agreement } from '@custodian/shared';
import { uploadAttachment } from '../../api/attachments.js';
import { http, unwrap } from '../../api/client.js';
import { DateInput } from '../../components/date-input.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { chosenFile, fileFieldProps, ScanPicker } from './file-field.js';
import { useRefreshAgreements, useStoreAgreement } from './use-agreement.js';

type Values = { signedOn: Dayjs; partyACopy: UploadFile[]; partyBCopy: UploadFile[] };
const FIELDS = ['signedOn', 'partyACopy', 'partyBCopy'] as const;

/** 簽署: the two signed copies (甲方's and 乙方's) attached to the agreement, then the signature recorded. */
export function AgreementSignModal({ agreement, onClose }: { agreement: Agreement; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStoreAgreement();
  const refresh = useRefreshAgreements();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: { AGREEMENT_COPY_INVALID: 'partyACopy', AGREEMENT_DATES_INVALID: 'signedOn' },
    show: (text) => void message.error(text),
  });
  const fileRule = { required: true, message: t('agreements.sign.fileRequired') };

  const onFinish = async (values: Values) => {
    const partyA = chosenFile(values.partyACopy);
    const partyB = chosenFile(values.partyBCopy);
    if (!partyA || !partyB) {
      return;
    }
    setSubmitting(true);
    try {
      const owner = { ownerType: 'agreement', ownerId: agreement.id };
      const copyA = await uploadAttachment(owner, partyA, partyA.name);
      const copyB = await uploadAttachment(owner, partyB, partyB.name);
      const saved = await unwrap(
        http.POST('/api/v1/agreements/{id}/sign', {
          params: { path: { id: agreement.id } },
          body: {
            signedOn: values.signedOn.format('YYYY-MM-DD'),
            partyACopyAttachmentId: copyA.id,
            partyBCopyAttachmentId: copyB.id,
          },
        }),
      );
      store(saved);
      await refresh();
      void message.success(t('agreements.sign.signed'));
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
      title={t('agreements.sign.modalTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={t('agreements.sign.record')}
      initialValues={{ signedOn: agreement.signedOn ? dayjs(agreement.signedOn) : undefined }}
    >
      <Typography.Paragraph type="secondary">{t('agreements.sign.help')}</Typography.Paragraph>
      <Form.Item
        name="signedOn"
        label={t('agreements.fields.signedOn')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <DateInput style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="partyACopy" label={t('agreements.sign.partyACopy')} rules={[fileRule]} {...fileFieldProps}>
        <ScanPicker label={t('agreements.sign.partyACopy')} />
      </Form.Item>
      <Form.Item name="partyBCopy" label={t('agreements.sign.partyBCopy')} rules={[fileRule]} {...fileFieldProps}>
        <ScanPicker label={t('agreements.sign.partyBCopy')} />
      </Form.Item>
    </FormModal>
  );
}
