import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import type { FindingDetail } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { listKey, queryKeys } from '../../api/query-keys.js';
import { DateInput } from '../../components/date-input.js';
import { FormModal } from '../../components/form-modal.js';
import { useErrorText, useFormErrorHandler } from '../../lib/errors.js';
import { useRules } from '../../lib/rules.js';

type Action = 'falsePositive' | 'riskAcceptance' | 'reopen';
type Values = { reason: string; approver?: string; expiresOn?: Dayjs | null };
const FIELDS = ['reason', 'approver', 'expiresOn'];
const CODE_FIELDS = { FINDING_EXPIRY_INVALID: 'expiresOn' };

/** After a change: the finding, the lists and its system's gate show it. */
function useRefresh() {
  const queryClient = useQueryClient();
  return async (finding: FindingDetail) => {
    queryClient.setQueryData(queryKeys.scans.finding(finding.id), finding);
    await queryClient.invalidateQueries({ queryKey: listKey(queryKeys.scans.findings) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.scans.launchCheck(finding.systemId) });
  };
}

/** The reason (and approver, expiry) a state change needs, in one form. */
function ActionModal(props: { finding: FindingDetail; action: Action; onClose: () => void }) {
  const { finding, action, onClose } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const refresh = useRefresh();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({
    form,
    names: FIELDS,
    codeFields: CODE_FIELDS,
    show: (text) => void message.error(text),
  });
  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const path = { params: { path: { id: finding.id } } };
    const reason = values.reason.trim();
    const approver = values.approver?.trim() ?? '';
    try {
      const saved =
        action === 'falsePositive'
          ? await unwrap(
              http.POST('/api/v1/scans/findings/{id}/false-positive', { ...path, body: { reason, approver } }),
            )
          : action === 'riskAcceptance'
            ? await unwrap(
                http.POST('/api/v1/scans/findings/{id}/risk-acceptance', {
                  ...path,
                  body: { reason, approver, expiresOn: values.expiresOn?.format('YYYY-MM-DD') ?? '' },
                }),
              )
            : await unwrap(http.POST('/api/v1/scans/findings/{id}/reopen', { ...path, body: { reason } }));
      void message.success(t(`findings.actions.${action}Done`));
      await refresh(saved);
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
      title={t(`findings.actions.${action}Title`, { title: finding.title })}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={t(`findings.actions.${action}`)}
    >
      <Form.Item name="reason" label={t('findings.actions.reason')} rules={rules.requiredText(2000)}>
        <Input.TextArea rows={4} />
      </Form.Item>
      {action !== 'reopen' && (
        <Form.Item
          name="approver"
          label={t('findings.actions.approver')}
          extra={t('findings.actions.approverHint')}
          rules={rules.requiredText(200)}
        >
          <Input />
        </Form.Item>
      )}
      {action === 'riskAcceptance' && (
        <Form.Item
          name="expiresOn"
          label={t('findings.actions.expiresOn')}
          extra={t('findings.actions.expiresOnHint')}
          rules={[{ required: true, message: t('findings.actions.expiresOnRequired') }]}
        >
          <DateInput style={{ width: 200 }} />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** What the caller may do with a finding in its state: dispose of it, reopen it, approve an accepted risk. */
export function FindingActions({ finding }: { finding: FindingDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const refresh = useRefresh();
  const [action, setAction] = useState<Action | null>(null);
  const isActive = finding.state === 'open' || finding.state === 'fixed';
  const isDisposed = finding.state === 'false_positive' || finding.state === 'risk_accepted';

  const approve = async (approved: boolean) => {
    try {
      const saved = await unwrap(
        http.POST('/api/v1/scans/findings/{id}/ministry-approval', {
          params: { path: { id: finding.id } },
          body: { approved },
        }),
      );
      void message.success(t(approved ? 'findings.actions.approved' : 'findings.actions.unapproved'));
      await refresh(saved);
    } catch (error) {
      void message.error(errorText(error));
    }
  };

  return (
    <>
      <Space wrap>
        {finding.can.dispose && isActive && (
          <>
            <Button onClick={() => setAction('falsePositive')}>{t('findings.actions.falsePositive')}</Button>
            <Button onClick={() => setAction('riskAcceptance')}>{t('findings.actions.riskAcceptance')}</Button>
          </>
        )}
        {finding.can.dispose && isDisposed && (
          <Button onClick={() => setAction('reopen')}>{t('findings.actions.reopen')}</Button>
        )}
        {finding.can.approve && finding.state === 'risk_accepted' && (
          <Popconfirm
            title={t(
              finding.ministryApproved ? 'findings.actions.unapproveConfirm' : 'findings.actions.approveConfirm',
            )}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => approve(!finding.ministryApproved)}
          >
            <Button type={finding.ministryApproved ? 'default' : 'primary'}>
              {t(finding.ministryApproved ? 'findings.actions.unapprove' : 'findings.actions.approve')}
            </Button>
          </Popconfirm>
        )}
      </Space>
      {action && <ActionModal finding={finding} action={action} onClose={() => setAction(null)} />}
    </>
  );
}
