import { useState } from 'react';
import { App, Form, Input, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Agreement, AgreementStaff, Commitment } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useRules } from '../../lib/rules.js';
import { useRefreshAgreements } from './use-agreement.js';

type Values = { staffId?: string; name?: string; title?: string; address: string; nationalId?: string };
const FIELDS = ['staffId', 'name', 'title', 'address', 'nationalId'] as const;
const CODE_FIELDS = { INVALID_NATIONAL_ID: 'nationalId', COMMITMENT_EXISTS: 'staffId' };

/**
 * 附件二 for one person on 附件一: address and 身分證字號 (sent once, stored encrypted,
 * shown masked afterwards). Editing leaves the number unchanged unless a new one is typed.
 */
export function CommitmentFormModal(props: {
  agreement: Agreement;
  staff: AgreementStaff[];
  commitment?: Commitment;
  onClose: () => void;
}) {
  const { agreement, staff, commitment, onClose } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const refresh = useRefreshAgreements();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });
  const free = staff.filter((s) => s.commitmentId === null);

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const nationalId = values.nationalId?.trim() ? values.nationalId.trim() : undefined;
    try {
      if (commitment) {
        await unwrap(
          http.PATCH('/api/v1/agreement-commitments/{id}', {
            params: { path: { id: commitment.id } },
            body: {
              name: values.name?.trim(),
              title: values.title?.trim(),
              address: values.address.trim(),
              nationalId,
            },
          }),
        );
        void message.success(t('common.saved'));
      } else {
        const created = await unwrap(
          http.POST('/api/v1/agreements/{id}/commitments', {
            params: { path: { id: agreement.id } },
            body: { staffId: values.staffId ?? '', address: values.address.trim(), nationalId: nationalId ?? '' },
          }),
        );
        void message.success(t('agreements.commitments.created', { name: created.name }));
      }
      await refresh();
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
      title={commitment ? t('agreements.commitments.editTitle') : t('agreements.commitments.addTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={commitment ? t('common.save') : t('common.create')}
      initialValues={
        commitment
          ? { name: commitment.name, title: commitment.title, address: commitment.address }
          : { staffId: free.length === 1 ? free[0]?.id : undefined }
      }
    >
      <Typography.Paragraph type="secondary">{t('agreements.commitments.classification')}</Typography.Paragraph>
      {commitment ? (
        <>
          <Form.Item name="name" label={t('agreements.commitments.name')} rules={rules.requiredText(100)}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="title" label={t('agreements.commitments.title')} rules={rules.requiredText(100)}>
            <Input autoComplete="off" />
          </Form.Item>
        </>
      ) : (
        <Form.Item
          name="staffId"
          label={t('agreements.commitments.person')}
          rules={[rules.required()]}
          extra={free.length === 0 ? t('agreements.commitments.noStaffLeft') : undefined}
        >
          <Select
            placeholder={t('agreements.commitments.personPlaceholder')}
            options={free.map((s) => ({ value: s.id, label: `${s.name}（${s.title}）` }))}
          />
        </Form.Item>
      )}
      <Form.Item name="address" label={t('agreements.commitments.address')} rules={rules.requiredText(300)}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="nationalId"
        label={t('agreements.commitments.nationalId')}
        extra={`${t('agreements.commitments.nationalIdHelp')}${commitment ? ` ${t('agreements.commitments.nationalIdKeep')}` : ''}`}
        rules={commitment ? [rules.maxLength(20)] : rules.requiredText(20)}
      >
        <Input autoComplete="off" spellCheck={false} style={{ textTransform: 'uppercase' }} />
      </Form.Item>
    </FormModal>
  );
}
