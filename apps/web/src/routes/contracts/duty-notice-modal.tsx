import { useState } from 'react';
import { App, DatePicker, Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { DUTY_NOTICE_METHODS, type ContractDetail, type DutyNoticeMethod } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useStoreContract } from './use-contract.js';
import { now } from '../../lib/clock.js';

type Values = { sentAt: Dayjs; method: DutyNoticeMethod };

/** Records that the Ministry told the unit of its duties (item 二); a new notice needs a new acknowledgement. */
export function DutyNoticeModal({ contract, onClose }: { contract: ContractDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStoreContract();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({ form, names: ['sentAt', 'method'], show: (text) => void message.error(text) });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      const saved = await unwrap(
        http.POST('/api/v1/contracts/{id}/duty-notice', {
          params: { path: { id: contract.id } },
          body: { sentAt: values.sentAt.toISOString(), method: values.method },
        }),
      );
      store(saved);
      void message.success(t('contracts.duty.recorded'));
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
      title={t('contracts.duty.modalTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      initialValues={{ sentAt: dayjs(now()), method: 'written' }}
    >
      {contract.dutyNotice.acknowledgedAt && (
        <Typography.Paragraph type="warning">{t('contracts.duty.resetWarning')}</Typography.Paragraph>
      )}
      <Form.Item
        name="sentAt"
        label={t('contracts.duty.sentAt')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          disabledDate={(d) => d.isAfter(dayjs(now()), 'day')}
        />
      </Form.Item>
      <Form.Item name="method" label={t('contracts.duty.method')} rules={[{ required: true }]}>
        <Select options={DUTY_NOTICE_METHODS.map((m) => ({ value: m, label: t(`contracts.duty.methods.${m}`) }))} />
      </Form.Item>
    </FormModal>
  );
}
