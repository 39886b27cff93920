import { useState } from 'react';
import { Alert, App, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Allocation, AllocationRenewalQueueItem } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useFormatDay, useInvalidateAllocations } from './allocation-parts.js';

type TextValues = { text?: string };
const FIELDS = ['text'] as const;

/**
 * One modal with one text field whose `submit` sends it and returns the success message:
 * the shape of the renewal request, release, approval and rejection forms.
 */
function TextActionModal(props: {
  title: string;
  help: string;
  label: string;
  requiredMessage?: string;
  okText: string;
  submit: (text: string | undefined) => Promise<string>;
  onClose: () => void;
}) {
  const { title, help, label, requiredMessage, okText, submit, onClose } = props;
  const { message } = App.useApp();
  const invalidate = useInvalidateAllocations();
  const [form] = Form.useForm<TextValues>();
  const [isSubmitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const onError = useFormErrorHandler({ form, names: FIELDS, show: setFormError });

  const onFinish = async (values: TextValues) => {
    setSubmitting(true);
    setFormError(null);
    const text = values.text?.trim();
    try {
      void message.success(await submit(text));
      await invalidate();
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<TextValues>
      open
      title={title}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={okText}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} role="alert" />}
      <Typography.Paragraph>{help}</Typography.Paragraph>
      <Form.Item
        name="text"
        label={label}
        rules={
          requiredMessage ? [{ required: true, whitespace: true, max: 500, message: requiredMessage }] : [{ max: 500 }]
        }
      >
        <Input.TextArea rows={3} maxLength={500} showCount autoFocus />
      </Form.Item>
    </FormModal>
  );
}

/** A unit asks the Ministry to renew an allocation. */
export function RenewalRequestModal(props: { allocation: Allocation; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <TextActionModal
      title={t('allocations.renewNamed', { value: props.allocation.value })}
      help={t('allocations.renewHelp')}
      label={t('allocations.renewReason')}
      requiredMessage={t('allocations.renewReasonRequired')}
      okText={t('allocations.renewSubmit')}
      submit={async (reason) => {
        await unwrap(
          http.POST('/api/v1/allocations/{id}/renewals', {
            params: { path: { id: props.allocation.id } },
            body: { reason: reason ?? '' },
          }),
        );
        return t('allocations.renewRequested');
      }}
      onClose={props.onClose}
    />
  );
}

/** Releases an allocation with a reason. */
export function ReleaseModal(props: { allocation: Allocation; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <TextActionModal
      title={t('allocations.releaseNamed', { value: props.allocation.value })}
      help={t('allocations.releaseHelp')}
      label={t('allocations.releaseReason')}
      requiredMessage={t('allocations.releaseReasonRequired')}
      okText={t('allocations.releaseSubmit')}
      submit={async (reason) => {
        await unwrap(
          http.POST('/api/v1/allocations/{id}/release', {
            params: { path: { id: props.allocation.id } },
            body: { reason: reason ?? '' },
          }),
        );
        return t('allocations.released');
      }}
      onClose={props.onClose}
    />
  );
}

/** The Ministry approves a renewal; the help text shows the period it will start. */
export function ApproveRenewalModal(props: { item: AllocationRenewalQueueItem; onClose: () => void }) {
  const { t } = useTranslation();
  const formatDay = useFormatDay();
  const { item } = props;
  const period = t('allocations.periodRange', {
    start: formatDay(item.proposedStartsOn),
    end: formatDay(item.proposedExpiresOn),
  });
  return (
    <TextActionModal
      title={t('allocations.renewals.approveTitle')}
      help={t('allocations.renewals.approveHelp', { value: item.allocation.value, period })}
      label={t('allocations.renewals.approveNote')}
      okText={t('allocations.renewals.approve')}
      submit={async (note) => {
        const renewal = await unwrap(
          http.POST('/api/v1/allocation-renewals/{id}/approve', {
            params: { path: { id: item.id } },
            body: note ? { note } : {},
          }),
        );
        return t('allocations.renewals.approved', { date: formatDay(renewal.newExpiresOn) });
      }}
      onClose={props.onClose}
    />
  );
}

/** The Ministry rejects a renewal with a reason; the allocation keeps its expiry. */
export function RejectRenewalModal(props: { item: AllocationRenewalQueueItem; onClose: () => void }) {
  const { t } = useTranslation();
  const formatDay = useFormatDay();
  const { item } = props;
  return (
    <TextActionModal
      title={t('allocations.renewals.rejectTitle')}
      help={t('allocations.renewals.rejectHelp', {
        value: item.allocation.value,
        date: formatDay(item.allocation.expiresOn),
      })}
      label={t('allocations.renewals.rejectNote')}
      requiredMessage={t('allocations.renewals.rejectNoteRequired')}
      okText={t('allocations.renewals.reject')}
      submit={async (note) => {
        await unwrap(
          http.POST('/api/v1/allocation-renewals/{id}/reject', {
            params: { path: { id: item.id } },
            body: { note: note ?? '' },
          }),
        );
        return t('allocations.renewals.rejected');
      }}
      onClose={props.onClose}
    />
  );
}
