import { useState } from 'react';
import { App, Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Agreement, AgreementStaff } from '@custodian/shared';
import { http, unwrap } from '../../api/client.js';
import { queryKeys } from '../../api/query-keys.js';
import { FormModal } from '../../components/form-modal.js';
import { useFormErrorHandler } from '../../lib/errors.js';
import { useRules } from '../../lib/rules.js';
import { useServerSearch } from '../../lib/use-server-search.js';
import { useRefreshAgreements } from './use-agreement.js';

type Values = { name: string; title: string; work: string; userId?: string | null; isSubcontractor?: boolean };
const FIELDS = ['name', 'title', 'work', 'userId', 'isSubcontractor'] as const;

/** An account of the unit (or its vendors), searched by name or e-mail. */
function AccountSelect(props: { id?: string; value?: string | null; onChange?: (value: string | null) => void }) {
  const { t } = useTranslation();
  const { value, onChange, id } = props;
  const { items, selectProps } = useServerSearch({ key: queryKeys.agreements.userOptions, path: '/api/v1/users' });
  return (
    <Select<string>
      id={id}
      {...selectProps}
      allowClear
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      placeholder={t('agreements.staff.accountPlaceholder')}
      options={items.map((u) => ({ value: u.id, label: `${u.name}（${u.email}）` }))}
    />
  );
}

/** Adds a person to 附件一 or edits one: name, title, work, account, subcontractor flag. */
export function StaffFormModal(props: { agreement: Agreement; staff?: AgreementStaff; onClose: () => void }) {
  const { agreement, staff, onClose } = props;
  const { t } = useTranslation();
  const rules = useRules();
  const { message } = App.useApp();
  const refresh = useRefreshAgreements();
  const [form] = Form.useForm<Values>();
  const [isSubmitting, setSubmitting] = useState(false);
  const onError = useFormErrorHandler({ form, names: FIELDS, show: (text) => void message.error(text) });

  const onFinish = async (values: Values) => {
    setSubmitting(true);
    const body = {
      name: values.name.trim(),
      title: values.title.trim(),
      work: values.work.trim(),
      userId: values.userId ?? null,
      isSubcontractor: values.isSubcontractor ?? false,
    };
    try {
      const saved = staff
        ? await unwrap(
            http.PATCH('/api/v1/agreements/{id}/staff/{staffId}', {
              params: { path: { id: agreement.id, staffId: staff.id } },
              body,
            }),
          )
        : await unwrap(http.POST('/api/v1/agreements/{id}/staff', { params: { path: { id: agreement.id } }, body }));
      void message.success(staff ? t('common.saved') : t('agreements.staff.added', { name: saved.name }));
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
      title={staff ? t('agreements.staff.editTitle') : t('agreements.staff.addTitle')}
      form={form}
      onFinish={(values) => void onFinish(values)}
      onCancel={onClose}
      isSubmitting={isSubmitting}
      okText={staff ? t('common.save') : t('common.create')}
      initialValues={
        staff
          ? {
              name: staff.name,
              title: staff.title,
              work: staff.work,
              userId: staff.userId,
              isSubcontractor: staff.isSubcontractor,
            }
          : { isSubcontractor: false }
      }
    >
      <Form.Item name="name" label={t('agreements.staff.name')} rules={rules.requiredText(100)}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="title" label={t('agreements.staff.title')} rules={rules.requiredText(100)}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="work" label={t('agreements.staff.work')} rules={rules.requiredText(500)}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Form.Item name="userId" label={t('agreements.staff.account')} extra={t('agreements.staff.accountHelp')}>
        <AccountSelect />
      </Form.Item>
      <Form.Item name="isSubcontractor" valuePropName="checked">
        <Checkbox>{t('agreements.staff.subcontractor')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
