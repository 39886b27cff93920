import { useState } from 'react';
import { Alert, App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { SystemDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useStoreSystem } from './use-system.js';
import { now } from '../../lib/clock.js';
import { useRules } from '../../lib/rules.js';
import { DateInput } from '../../components/date-input.js';

type Values = { date: Dayjs; reason: string };
const FIELDS = ['date', 'reason'] as const;
const CODE_FIELDS = { SYSTEM_DATES_INVALID: 'date' };

/**
 * Takes a system offline (item 十三). The server releases its domain and IP allocations
 * (item 十一) in the same step, and the record can no longer change.
 */
export function DecommissionModal(props: { open: boolean; system: SystemDetail; onClose: () => void }) {
  const { open, system, onClose } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const store = useStoreSystem();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (m) => void message.error(m),
  });
  const launch = system.launchDate ? dayjs(system.launchDate) : null;

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    try {
      const result = await unwrap(
        http.POST('/api/v1/systems/{id}/decommission', {
          params: { path: { id: system.id } },
          body: { date: values.date.format('YYYY-MM-DD'), reason: values.reason.trim() },
        }),
      );
      store(result.system);
      void message.success(t('systems.decommission.done', { count: result.releasedAllocations.length }));
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<Values>
      open={open}
      title={t('systems.decommission.title', { name: system.name })}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={t('systems.decommission.ok')}
      initialValues={{ date: dayjs(now()) }}
    >
      <Alert type="warning" showIcon title={t('systems.decommission.warning')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="date"
        label={t('systems.decommission.date')}
        rules={[{ required: true, message: t('validation.required') }]}
      >
        <DateInput
          disabledDate={(d) => d.isAfter(dayjs(now()), 'day') || (launch !== null && d.isBefore(launch, 'day'))}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="reason" label={t('systems.decommission.reason')} rules={rules.requiredText(500)}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} />
      </Form.Item>
    </FormModal>
  );
}
