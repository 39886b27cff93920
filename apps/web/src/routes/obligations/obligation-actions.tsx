import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Typography, Upload, type UploadFile } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_TYPES, type ObligationItem } from '@custodian/shared';
import { uploadAttachment, useAttachmentOwnerTypes } from '../../api/attachments.js';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { evidenceOwner } from './obligation-parts.js';

const ACCEPT = ATTACHMENT_TYPES.flatMap((t) => t.extensions).join(',');

/** After a change to one obligation every obligation view (to-do, lists, counts) is stale. */
function useRefreshObligations(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: queryKeys.obligations.all });
    void queryClient.invalidateQueries({ queryKey: queryKeys.dashboard.all });
  };
}

type DoneValues = { note: string };

/**
 * Records that an obligation was fulfilled: a note and, optionally, a file as evidence.
 * The file is uploaded first (it hangs on the obligation); if recording then fails, the
 * dialog stays open with the note and the uploaded file, so a retry loses nothing.
 */
export function MarkDoneModal(props: { obligation: Pick<ObligationItem, 'id' | 'subject'>; onClose: () => void }) {
  const { obligation, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DoneValues>();
  const refresh = useRefreshObligations();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [attachmentId, setAttachmentId] = useState<string | null>(null);
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({ form, names: ['note'], show: (text) => void message.error(text) });
  const ownerTypes = useAttachmentOwnerTypes();
  const owner = ownerTypes ? evidenceOwner(obligation, ownerTypes) : null;

  const onFinish = async (values: DoneValues) => {
    setSubmitting(true);
    try {
      let uploaded = attachmentId;
      if (owner && file?.originFileObj && !uploaded) {
        uploaded = (await uploadAttachment(owner, file.originFileObj, file.name)).id;
        setAttachmentId(uploaded);
      }
      await unwrap(
        http.POST('/api/v1/obligations/{id}/done', {
          params: { path: { id: obligation.id } },
          body: { note: values.note, ...(uploaded ? { attachmentId: uploaded } : {}) },
        }),
      );
      void message.success(t('obligations.done.success'));
      await refresh();
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<DoneValues>
      open
      title={t('obligations.done.title')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={t('obligations.done.submit')}
    >
      <Form.Item
        name="note"
        label={t('obligations.done.note')}
        rules={[{ required: true, whitespace: true, max: 2000, message: t('obligations.done.noteRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('obligations.done.notePlaceholder')} />
      </Form.Item>
      {ownerTypes === undefined ? null : owner ? (
        <Form.Item label={t('obligations.done.attachment')} extra={t('obligations.done.attachmentHelp')}>
          <Upload
            accept={ACCEPT}
            maxCount={1}
            fileList={file ? [file] : []}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFile(fileList[0] ?? null);
              setAttachmentId(null);
            }}
          >
            {/* The Upload wrapper is the focusable button; this one only shows it. */}
            <Button icon={<UploadOutlined />} tabIndex={-1}>
              {t('obligations.done.choose')}
            </Button>
          </Upload>
        </Form.Item>
      ) : (
        <Typography.Paragraph type="secondary">{t('obligations.done.attachmentUnavailable')}</Typography.Paragraph>
      )}
    </FormModal>
  );
}

type WaiveValues = { reason: string; expiresOn: Dayjs };

/** A Ministry approver waives an obligation: a reason and the last day the waiver holds. */
export function WaiveModal(props: { obligation: Pick<ObligationItem, 'id'>; today: string; onClose: () => void }) {
  const { obligation, today, onClose } = props;
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<WaiveValues>();
  const refresh = useRefreshObligations();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: ['reason', 'expiresOn'],
    codeFields: { OBLIGATION_WAIVER_EXPIRY_INVALID: 'expiresOn' },
    show: (text) => void message.error(text),
  });
  const firstDay = dayjs(today);

  const onFinish = async (values: WaiveValues) => {
    setSubmitting(true);
    try {
      await unwrap(
        http.POST('/api/v1/obligations/{id}/waive', {
          params: { path: { id: obligation.id } },
          body: { reason: values.reason, expiresOn: values.expiresOn.format('YYYY-MM-DD') },
        }),
      );
      void message.success(t('obligations.waive.success'));
      await refresh();
      onClose();
    } catch (error) {
      onError(error);
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <FormModal<WaiveValues>
      open
      title={t('obligations.waive.title')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={t('obligations.waive.submit')}
    >
      <Form.Item
        name="reason"
        label={t('obligations.waive.reason')}
        rules={[{ required: true, whitespace: true, max: 2000, message: t('obligations.waive.reasonRequired') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
      <Form.Item
        name="expiresOn"
        label={t('obligations.waive.expiresOn')}
        extra={t('obligations.waive.expiresOnHelp')}
        rules={[{ required: true, message: t('obligations.waive.expiresRequired') }]}
      >
        <DatePicker disabledDate={(d) => d.isBefore(firstDay, 'day')} style={{ width: 200 }} />
      </Form.Item>
    </FormModal>
  );
}
